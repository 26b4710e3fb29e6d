package cockpit.lm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConstrainedDecoderTest {
  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{"
      + "\"n\":{\"type\":\"integer\",\"minimum\":-40,"
      + "\"maximum\":300},\"s\":{\"type\":\"string\",\"maxLength\":5},\"e\":{\"enum\":[\"a\",\"ab\",1,12]},"
      + "\"x\":{\"type\":\"number\",\"maximum\":2},"
      + "\"l\":{\"type\":\"array\",\"maxItems\":3,\"items\":{\"type\":\"null\"}}}}";
  /** Bounds far beyond the longest token, so clamped mask keys and in-range number keys are exercised. */
  private static final String LONG = "{\"type\":\"object\",\"properties\":{\"t\":{\"type\":\"string\",\"minLength\":20,"
      + "\"maxLength\":40},\"v\":{\"type\":\"array\",\"minItems\":3,\"maxItems\":12,\"items\":{\"type\":\"integer\","
      + "\"minimum\":-3,\"maximum\":40}},\"p\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1},"
      + "\"q\":{\"type\":\"number\"},\"r\":{\"type\":\"number\",\"minimum\":-1000.5,\"maximum\":-0.001}}}";

  @Test
  void byteLevelMaskAllowsExactlyTheBytesTheGrammarAllows() {
    TokenBytes vocab = Vocabularies.byteLevel(512);
    ConstrainedDecoder d = ConstrainedDecoder.of(JsonSchemaGrammar.compile("{\"type\":\"boolean\"}"), vocab);
    assertEquals(ids('t', 'f'), d.allowed());
    d.accept(14 + 't');
    assertEquals(ids('r'), d.allowed());
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

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"byte-level,small", "byte-level,long", "multi-byte,small", "multi-byte,long"})
  void maskEqualsBruteForceAlongRandomWalks(String vocabName, String schemaName) {
    TokenBytes vocab = vocabName.equals("byte-level") ? Vocabularies.byteLevel(512) : Vocabularies.multiByte(2048, 11);
    JsonSchemaGrammar g = JsonSchemaGrammar.compile(schemaName.equals("small") ? SCHEMA : LONG);
    TokenMasks masks = new TokenMasks(g, vocab);
    SplittableRandom rnd = new SplittableRandom(5);
    int compared = 0;
    for (int walk = 0; walk < 30; walk++) {
      ConstrainedDecoder d = masks.newDecoder();
      while (!d.finished()) {
        BitSet allowed = d.allowed();
        assertEquals(bruteForce(g, vocab, d.text()), allowed, "after \"" + d.text() + "\"");
        compared++;
        // Favour the closing quote and end of turn now and then so walks also end early.
        int id = rnd.nextInt(4) == 0 && allowed.get(Vocabularies.END_OF_TURN) ? Vocabularies.END_OF_TURN
            : nth(allowed, rnd.nextInt(allowed.cardinality()));
        d.accept(id);
      }
      assertTrue(g.accepts(d.text()), d.text());
    }
    assertTrue(compared > 500, "compared " + compared);
    assertTrue(masks.computedMasks() < compared, "the cache served some steps");
  }

  @Test
  void atALengthBoundOnlyClosingBytesRemain() {
    TokenBytes vocab = Vocabularies.byteLevel(512);
    ConstrainedDecoder s = ConstrainedDecoder.of(JsonSchemaGrammar.compile("{\"type\":\"string\",\"maxLength\":3}"),
        vocab);
    for (char c : "\"abc".toCharArray()) {
      s.accept(14 + c);
    }
    assertEquals(ids('"'), s.allowed());
    ConstrainedDecoder a = ConstrainedDecoder.of(JsonSchemaGrammar.compile(
        "{\"type\":\"array\",\"maxItems\":2,\"items\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":9}}"), vocab);
    for (char c : "[1,2".toCharArray()) {
      a.accept(14 + c);
    }
    assertEquals(ids(']'), a.allowed());
  }

  @Test
  void oneTokenMasksServesConcurrentGenerations() throws Exception {
    TokenMasks masks = new TokenMasks(JsonSchemaGrammar.compile(JsonSchemaGrammarTest.PERCEPTION),
        Vocabularies.multiByte(4096, 3));
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<String>> docs = new ArrayList<>();
      for (int seed = 0; seed < 40; seed++) {
        long sd = seed;
        docs.add(pool.submit(() -> generate(masks, sd)));
      }
      for (Future<String> f : docs) {
        assertTrue(masks.grammar().accepts(f.get()), f.get());
      }
    }
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

  /**
   * The oracle: from the state the text reaches, every token whose bytes all step; end of turn when the
   * state is complete. No trie, no cache, no mask keys.
   */
  private static BitSet bruteForce(JsonSchemaGrammar g, TokenBytes vocab, String text) {
    GrammarState state = g.start();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      state = state.step(b & 0xFF);
    }
    BitSet out = new BitSet();
    for (int id = 0; id < vocab.vocabSize(); id++) {
      byte[] bytes = vocab.bytes(id);
      GrammarState s = bytes == null || bytes.length == 0 ? null : state;
      for (int i = 0; bytes != null && i < bytes.length && s != null; i++) {
        s = s.step(bytes[i] & 0xFF);
      }
      out.set(id, s != null);
    }
    out.set(vocab.endOfTurn(), state.complete());
    return out;
  }

  private static String generate(TokenMasks masks, long seed) {
    ConstrainedDecoder d = masks.newDecoder();
    Sampler sampler = new Sampler(SamplingOptions.DEFAULTS.withSeed(seed).withTemperature(1).withMinP(0));
    Random gaussian = new Random(seed);
    float[] logits = new float[masks.tokens().vocabSize()];
    while (!d.finished()) {
      for (int i = 0; i < logits.length; i++) {
        logits[i] = (float) gaussian.nextGaussian();
      }
      d.accept(sampler.next(logits, d.allowed(), null));
    }
    return d.text();
  }

  private static int nth(BitSet set, int n) {
    int id = set.nextSetBit(0);
    for (int i = 0; i < n; i++) {
      id = set.nextSetBit(id + 1);
    }
    return id;
  }

  private static BitSet ids(char... bytes) {
    BitSet s = new BitSet();
    for (char c : bytes) {
      s.set(14 + c);
    }
    return s;
  }
}
