package cockpit.lm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random logits through {@link Sampler} and {@link ConstrainedDecoder} until end of turn, 200 seeds per
 * schema and vocabulary: every document parses with Jackson, conforms to its schema (checked by an
 * independent validator) and ends within the token budget computed from the schema's bounds.
 */
class ConstrainedGenerationPropertyTest {
  private static final int SEEDS = 200;
  static final String KITCHEN_SINK = """
      {"type":"object","properties":{"name":{"type":"string","minLength":1,"maxLength":12},
      "mode":{"type":"string","enum":["eco","sport","comfort"]},"count":{"type":"integer"},
      "temp":{"type":"integer","minimum":-50,"maximum":50},"ratio":{"type":"number","minimum":0,"maximum":1},
      "offset":{"type":"number","minimum":-2.5,"maximum":-0.25},"on":{"type":"boolean"},"nothing":{"type":"null"},
      "tags":{"type":"array","minItems":1,"maxItems":3,"items":{"type":"string","maxLength":4}},
      "level":{"enum":[1,2,3.5,"max",null]},"version":{"const":2},"empty":{"type":"object"},
      "nested":{"type":"object","properties":{"id":{"type":"integer","minimum":100,"maximum":199},
      "note":{"type":"string","maxLength":6}},"required":["id"]}},"required":["name","mode"]}""";
  private static final String NESTED_ARRAYS = """
      {"type":"array","minItems":2,"maxItems":4,"items":{"type":"array","maxItems":3,
      "items":{"type":"integer","minimum":-5,"maximum":120}}}""";

  static Stream<Arguments> cases() {
    List<String> schemas = List.of(JsonSchemaGrammarTest.PERCEPTION, KITCHEN_SINK, NESTED_ARRAYS);
    List<String> vocabs = List.of("byte-level-512", "multi-byte-512");
    return schemas.stream().flatMap(s -> vocabs.stream().map(v -> Arguments.of(v, s)));
  }

  @ParameterizedTest(name = "{0} {index}")
  @MethodSource("cases")
  void randomLogitsAlwaysYieldAValidDocumentWithinTheBudget(String vocabName, String schemaText) throws Exception {
    TokenBytes vocab = vocabName.startsWith("byte") ? Vocabularies.byteLevel(512) : Vocabularies.multiByte(512, 42);
    JsonNode schema = SchemaSubsetValidator.JSON.readTree(schemaText);
    TokenMasks masks = new TokenMasks(JsonSchemaGrammar.compile(schemaText), vocab);
    long multiByteTokens = 0;
    long tokens = 0;
    long bytes = 0;
    for (int seed = 0; seed < SEEDS; seed++) {
      Random gaussian = new Random(seed);
      Sampler sampler = new Sampler(options(seed));
      ConstrainedDecoder d = masks.newDecoder();
      long budget = d.tokenBudget();
      int[] generated = new int[(int) budget];
      int n = 0;
      while (!d.finished()) {
        if (n == budget) {
          fail("seed " + seed + ": no end of turn within " + budget + " tokens: " + d.text());
        }
        float[] logits = new float[vocab.vocabSize()];
        for (int i = 0; i < logits.length; i++) {
          logits[i] = (float) (gaussian.nextGaussian() * 3);
        }
        BitSet allowed = d.allowed();
        int token = sampler.next(logits, allowed, Arrays.copyOf(generated, n));
        assertTrue(allowed.get(token), "sampler returned a masked id");
        d.accept(token);
        byte[] b = vocab.bytes(token);
        multiByteTokens += b != null && b.length > 1 ? 1 : 0;
        generated[n++] = token;
      }
      JsonNode doc = SchemaSubsetValidator.JSON.readTree(d.text());
      assertEquals(List.of(), SchemaSubsetValidator.validate(schema, doc), "seed " + seed + ": " + d.text());
      assertTrue(d.text().length() <= masks.grammar().maxBytes());
      tokens += n;
      bytes += d.text().length();
    }
    System.out.printf("%s schema %d..: %d documents, %.1f tokens and %.1f bytes each (budget %d), "
        + "%d multi-byte tokens%n",
        vocabName, schemaText.hashCode() & 0xFFFF, SEEDS, tokens / (double) SEEDS, bytes / (double) SEEDS,
        masks.grammar().maxBytes() + 1, multiByteTokens);
    if (vocabName.startsWith("multi")) {
      assertTrue(multiByteTokens >= SEEDS / 2, "multi-byte tokens were used: " + multiByteTokens);
    }
  }

  /** A spread of settings: plain sampling, greedy, top-k, top-p with penalty, LFM2 defaults. */
  private static SamplingOptions options(int seed) {
    SamplingOptions base = SamplingOptions.DEFAULTS.withSeed(seed).withTemperature(1.0).withMinP(0);
    return switch (seed % 5) {
      case 0 -> base;
      case 1 -> SamplingOptions.greedy();
      case 2 -> base.withTopK(3);
      case 3 -> base.withTopP(0.8).withRepetitionPenalty(1.3);
      default -> SamplingOptions.DEFAULTS.withSeed(seed);
    };
  }
}
