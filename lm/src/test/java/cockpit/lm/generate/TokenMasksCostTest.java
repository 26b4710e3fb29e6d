package cockpit.lm.generate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Per-step cost of {@link ConstrainedDecoder#allowed()} at a 65536-token vocabulary, measured over whole
 * generations driven by random logits: the first generation on a fresh {@link TokenMasks} (cold cache)
 * and the following ones (warm). The bound asserted is loose so a loaded build machine does not fail
 * it; the printed figures are the measurement.
 */
class TokenMasksCostTest {
  private static final int VOCAB = 65536;
  private static final int GENERATIONS = 30;
  private static final String FREE_TEXT = "{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\","
      + "\"maxLength\":200},\"sure\":{\"type\":\"boolean\"}}}";

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"byte-level,perception", "byte-level,kitchen-sink", "byte-level,free-text", "multi-byte,perception",
      "multi-byte,kitchen-sink", "multi-byte,free-text"})
  void allowedCostsWellUnderAMillisecondPerStepOnAverage(String vocabName, String schemaName) {
    TokenBytes vocab = vocabName.equals("byte-level") ? Vocabularies.byteLevel(VOCAB)
        : Vocabularies.multiByte(VOCAB, 1);
    String schema = switch (schemaName) {
      case "perception" -> JsonSchemaGrammarTest.PERCEPTION;
      case "kitchen-sink" -> ConstrainedGenerationPropertyTest.KITCHEN_SINK;
      default -> FREE_TEXT;
    };
    long t0 = System.nanoTime();
    TokenMasks masks = new TokenMasks(JsonSchemaGrammar.compile(schema), vocab);
    double buildMs = (System.nanoTime() - t0) / 1e6;
    // A rotating pool of seeded logits: drawing 65536 Gaussians per step would dominate the test's time.
    Random gaussian = new Random(3);
    float[][] pool = new float[31][VOCAB];
    for (float[] l : pool) {
      for (int i = 0; i < VOCAB; i++) {
        l[i] = (float) (gaussian.nextGaussian() * 3);
      }
    }
    long coldNanos = 0;
    long coldSteps = 0;
    long warmNanos = 0;
    long warmSteps = 0;
    long worstWarm = 0;
    long samplerNanos = 0;
    for (int g = 0; g < GENERATIONS; g++) {
      ConstrainedDecoder d = masks.newDecoder();
      Sampler sampler = new Sampler(SamplingOptions.DEFAULTS.withSeed(g).withTemperature(1).withMinP(0.05));
      while (!d.finished()) {
        float[] logits = pool[(int) ((coldSteps + warmSteps) % pool.length)];
        long a = System.nanoTime();
        BitSet allowed = d.allowed();
        long b = System.nanoTime();
        int token = sampler.next(logits, allowed, null);
        samplerNanos += System.nanoTime() - b;
        d.accept(token);
        if (g == 0) {
          coldNanos += b - a;
          coldSteps++;
        } else {
          warmNanos += b - a;
          warmSteps++;
          worstWarm = Math.max(worstWarm, b - a);
        }
      }
    }
    double warmUs = warmNanos / 1e3 / warmSteps;
    System.out.printf("allowed() %s/%s vocab %d: trie+setup %.0f ms; cold %.1f us/step over %d steps; warm %.2f us/step"
        + " over %d steps (worst %.0f us); %d masks computed, %d cached; sampler %.0f us/step%n", vocabName,
        schemaName, VOCAB, buildMs, coldNanos / 1e3 / coldSteps, coldSteps, warmUs, warmSteps, worstWarm / 1e3,
        masks.computedMasks(), masks.cachedMasks(), samplerNanos / 1e3 / (coldSteps + warmSteps));
    assertTrue(warmUs < 1000, "warm allowed() took " + warmUs + " us per step");
  }
}
