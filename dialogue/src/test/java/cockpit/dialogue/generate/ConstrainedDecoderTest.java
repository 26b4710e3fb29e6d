package cockpit.dialogue.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConstrainedDecoderTest {
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":-40,"
      + "\"maximum\":300},\"s\":{\"type\":\"string\",\"maxLength\":5},\"e\":{\"enum\":[\"a\",\"ab\",1,12]},"
      + "\"x\":{\"type\":\"number\",\"maximum\":2},\"l\":{\"type\":\"array\",\"maxItems\":3,\"items\":{\"type\":\"null\"}}}}";

  @Test
  void byteLevelMaskAllowsExactlyTheBytesTheGrammarAllows() {
    TokenBytes vocab = Vocabularies.byteLevel(512);
    ConstrainedDecoder d = ConstrainedDecoder.of(JsonSchemaGrammar.compile("{\"type\":\"boolean\"}"), vocab);
    assertEquals(ids(vocab, 't', 'f'), d.allowed());
    d.accept(14 + 't');
    assertEquals(ids(vocab, 'r'), d.allowed());
    for (char c : "rue".toCharArray()) {
      d.accept(14 + c);
    }
    assertTrue(d.complete());
    BitSet end = new BitSet();
    end.set(Vocabularies.END_OF_TURN);
    assertEquals(end, d.allowed(), "only end of turn once the document is complete");
    d.accept(Vocabularies.END_OF_TURN);
    assertTrue(d.finished());
    assertEquals("true", d.text());
    assertThrows(IllegalStateException.class, d::allowed);
  }

  @Test
  void maskEqualsBruteForceOverMultiByteTokensAlongRandomWalks() {
    TokenBytes vocab = Vocabularies.multiByte(2048, 11);
    JsonSchemaGrammar g = JsonSchemaGrammar.compile(SCHEMA);
    TokenMasks masks = new TokenMasks(g, vocab);
    SplittableRandom rnd = new SplittableRandom(5);
    int compared = 0;
    for (int walk = 0; walk < 30; walk++) {
      ConstrainedDecoder d = masks.newDecoder();
      while (!d.finished()) {
        BitSet allowed = d.allowed();
        assertEquals(bruteForce(g, vocab, d.text(), d.complete()), allowed, "after \"" + d.text() + "\"");
        compared++;
        int pick = rnd.nextInt(allowed.cardinality());
        int id = allowed.nextSetBit(0);
        for (int i = 0; i < pick; i++) {
          id = allowed.nextSetBit(id + 1);
        }
        d.accept(id);
      }
      assertTrue(g.accepts(d.text()), d.text());
    }
    assertTrue(compared > 100, "compared " + compared);
  }

  @Test
  void rejectsTokensOutsideTheMaskAndLeavesTheStateAlone() {
    TokenBytes vocab = Vocabularies.byteLevel(512);
    ConstrainedDecoder d = ConstrainedDecoder.of(JsonSchemaGrammar.compile("{\"type\":\"integer\",\"maximum\":5}"),
        vocab);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.accept(14 + '7'));
    assertTrue(e.getMessage().contains("token 69 (bytes 37) cannot follow \"\""), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> d.accept(Vocabularies.END_OF_TURN));
    assertThrows(IllegalArgumentException.class, () -> d.accept(300), "reserved token without bytes");
    d.accept(14 + '4');
    assertEquals("4", d.text());
    assertFalse(d.allowed().get(14 + '0'), "45 would exceed the maximum");
    assertTrue(d.allowed().get(Vocabularies.END_OF_TURN));
  }

  @Test
  void masksAreSharedBetweenDecodersThroughTheCache() {
    TokenMasks masks = new TokenMasks(JsonSchemaGrammar.compile(SCHEMA), Vocabularies.byteLevel(512));
    masks.newDecoder().allowed();
    long first = masks.computedMasks();
    masks.newDecoder().allowed();
    assertEquals(first, masks.computedMasks(), "the second decoder's first mask came from the cache");
  }

  /** The oracle: every token whose bytes, appended, still form a prefix; end of turn when complete. */
  private static BitSet bruteForce(JsonSchemaGrammar g, TokenBytes vocab, String text, boolean complete) {
    BitSet out = new BitSet();
    for (int id = 0; id < vocab.vocabSize(); id++) {
      byte[] b = vocab.bytes(id);
      if (b != null && g.acceptsPrefix(text + new String(b, StandardCharsets.ISO_8859_1))
          && isAscii(b)) {
        out.set(id);
      }
    }
    if (complete) {
      out.set(vocab.endOfTurn());
    }
    return out;
  }

  private static boolean isAscii(byte[] b) {
    for (byte x : b) {
      if (x < 0) {
        return false;
      }
    }
    return true;
  }

  private static BitSet ids(TokenBytes vocab, char... bytes) {
    BitSet s = new BitSet();
    for (char c : bytes) {
      s.set(14 + c);
    }
    return s;
  }
}
