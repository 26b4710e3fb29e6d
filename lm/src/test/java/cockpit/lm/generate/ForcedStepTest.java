package cockpit.lm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ConstrainedDecoder#forced()}: a step is forced when the grammar leaves no choice of bytes. */
class ForcedStepTest {
  private static final String INT = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\",\"minimum\":1,"
      + "\"maximum\":99}}}";

  @Test
  void singleByteVocabularyIsForcedExactlyWhenOneTokenIsAllowed() {
    ConstrainedDecoder d = ConstrainedDecoder.of(JsonSchemaGrammar.compile("{\"type\":\"boolean\"}"),
        Vocabularies.byteLevel(512));
    assertFalse(d.forced(), "true or false");
    d.accept(14 + 't');
    assertTrue(d.forced(), "after t only r");
    for (char c : "rue".toCharArray()) {
      d.accept(14 + c);
    }
    assertTrue(d.forced(), "a complete document: end of turn only");
  }

  @Test
  void multiByteTokensOverForcedTextAreForcedButATokenReachingAChoiceIsNot() {
    JsonSchemaGrammar g = JsonSchemaGrammar.compile(INT);
    ConstrainedDecoder literal = ConstrainedDecoder.of(g, vocab("{\"", "{\"a", "{\"a\":"));
    assertTrue(literal.forced(), "{, {\", {\"a and {\"a\": all spell the forced {\"a\":");
    assertEquals(4, literal.allowed().cardinality(), literal.allowed().toString());
    ConstrainedDecoder reaching = ConstrainedDecoder.of(g, vocab("{\"", "{\"a\":1"));
    assertFalse(reaching.forced(), "{\"a\":1 chose the first digit");
  }

  @Test
  void aPrefixChainOfTokensIsNotForcedWhenAShorterOneLeavesRoomForAnotherValue() {
    // 12 or 13: the allowed tokens 1 and 12 form a prefix chain, but taking 12 chose the 2.
    ConstrainedDecoder d = ConstrainedDecoder.of(JsonSchemaGrammar.compile("{\"enum\":[12,13]}"), vocab("12"));
    BitSet allowed = d.allowed();
    assertEquals(2, allowed.cardinality(), allowed.toString());
    assertFalse(d.forced());
    d.accept(14 + '1');
    assertFalse(d.forced(), "2 or 3");
  }

  @Test
  void cachedFlagEqualsADirectCheckAlongRandomWalks() {
    JsonSchemaGrammar g = JsonSchemaGrammar.compile(JsonSchemaGrammarTest.PERCEPTION);
    for (TokenBytes vocab : List.of(Vocabularies.byteLevel(512), Vocabularies.multiByte(2048, 11))) {
      TokenMasks masks = new TokenMasks(g, vocab);
      SplittableRandom rnd = new SplittableRandom(3);
      int forced = 0;
      int steps = 0;
      for (int walk = 0; walk < 16; walk++) {
        ConstrainedDecoder d = masks.newDecoder();
        while (!d.finished()) {
          BitSet allowed = d.allowed();
          boolean expected = direct(g, vocab, d.text(), allowed);
          assertEquals(expected, d.forced(), "after \"" + d.text() + "\"");
          forced += expected ? 1 : 0;
          steps++;
          int id = allowed.nextSetBit(0);
          for (int k = rnd.nextInt(allowed.cardinality()); k > 0; k--) {
            id = allowed.nextSetBit(id + 1);
          }
          d.accept(id);
        }
      }
      assertTrue(forced > 0 && forced < steps, forced + " of " + steps);
    }
  }

  /**
   * The oracle, without masks, keys or caches: not forced if the document may end here besides going on;
   * else forced when for each of the longest allowed token's bytes exactly one byte continues the text.
   */
  private static boolean direct(JsonSchemaGrammar g, TokenBytes vocab, String text, BitSet allowed) {
    int longest = 0;
    for (int id = allowed.nextSetBit(0); id >= 0; id = allowed.nextSetBit(id + 1)) {
      byte[] b = id == vocab.endOfTurn() ? null : vocab.bytes(id);
      longest = Math.max(longest, b == null ? 0 : b.length);
    }
    if (longest == 0) {
      return true;
    }
    GrammarState s = g.start();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      s = s.step(b & 0xFF);
    }
    if (s.complete()) {
      return false;
    }
    for (int k = 0; k < longest; k++) {
      List<GrammarState> next = new ArrayList<>();
      for (int c = 0; c < 256; c++) {
        GrammarState t = s.step(c);
        if (t != null) {
          next.add(t);
        }
      }
      if (next.size() != 1) {
        return false;
      }
      s = next.getFirst();
    }
    return true;
  }

  /** The byte-level layout plus the given multi-byte tokens at ids 270 onwards. */
  private static TokenBytes vocab(String... merges) {
    List<byte[]> table = new ArrayList<>();
    for (int id = 0; id < 270 + merges.length; id++) {
      int b = id - 14;
      table.add(id < 14 ? null : b < 256 ? new byte[] {(byte) b} : merges[id - 270].getBytes(StandardCharsets.UTF_8));
    }
    return TokenBytes.of(table, Vocabularies.END_OF_TURN);
  }
}
