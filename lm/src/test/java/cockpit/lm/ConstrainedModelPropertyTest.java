package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.generate.ConstrainedDecoder;
import cockpit.lm.generate.JsonSchemaGrammar;
import cockpit.lm.generate.SamplingOptions;
import cockpit.lm.generate.TokenBytes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Schema-constrained decoding driven by the real (random-weight) tiny model on the reference backend: every seed parses. */
class ConstrainedModelPropertyTest {
  static final String SEATS = """
      {"type":"object","properties":{"seats":{"type":"array","maxItems":4,"items":{"type":"object",
      "properties":{"row":{"type":"integer","minimum":1,"maximum":3},
      "position":{"enum":["driver_side","middle","passenger_side"]},
      "occupant":{"enum":["empty","adult","child","infant_seat","pet"]},"belted":{"type":"boolean"},
      "confidence":{"type":"number","minimum":0,"maximum":1}},"required":["row","position","occupant"]}}},
      "required":["seats"]}""";
  static LanguageModel model;

  @BeforeAll
  static void load() throws Exception {
    model = TinyModel.model();
  }

  @Test
  void everySeedOfARandomWeightModelYieldsSchemaValidJson() throws Exception {
    JsonSchemaGrammar grammar = JsonSchemaGrammar.compile(SEATS);
    TokenBytes vocab = TokenBytes.singleBytes(model.tokenizer(), model.chat().imEnd());
    ObjectMapper json = new ObjectMapper();
    int[] prompt = concat(model.chat().start("Reply with JSON only."), model.chat().userTurn("Who sits where?"));
    for (long seed = 1; seed <= 25; seed++) {
      ConstrainedDecoder constraint = ConstrainedDecoder.of(grammar, vocab);
      SamplingOptions sampling = SamplingOptions.defaults().withTemperature(1.0).withMinP(0).withSeed(seed)
          .withMaxNewTokens((int) constraint.tokenBudget());
      try (DecoderState st = model.decoder().newState(); CancelHandle cancel = new CancelHandle()) {
        float[] logits = model.decoder().prefill(st, model.decoder().embed(prompt), prompt.length, null);
        GenerationResult r = new Generation(model).run(st, logits, new GenerationRequest(sampling, constraint),
            cancel, s -> { }, new Generation.Timing(System.nanoTime()));
        assertEquals(FinishReason.STOP, r.reason(), "seed " + seed + " ended the document: " + r.text());
        assertTrue(grammar.accepts(r.text()), "seed " + seed + ": " + r.text());
        JsonNode doc = json.readTree(r.text());
        for (JsonNode seat : doc.get("seats")) {
          int row = seat.get("row").asInt();
          assertTrue(row >= 1 && row <= 3, r.text());
          assertTrue(seat.get("occupant").isTextual() && seat.get("belted").isBoolean(), r.text());
        }
      }
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
