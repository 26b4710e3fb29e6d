package cockpit.lm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplingOptionsTest {
  @Test
  void greedyAndDefaults() {
    assertTrue(SamplingOptions.greedy().isGreedy());
    assertEquals(256, SamplingOptions.greedy(256).maxNewTokens());
    SamplingOptions d = SamplingOptions.defaults();
    assertEquals(0.3, d.temperature());
    assertEquals(0.15, d.minP());
    assertEquals(1.05, d.repetitionPenalty());
    assertEquals(7, d.withSeed(7).seed());
  }

  @Test
  void validatesEachFieldWithAClearMessage() {
    SamplingOptions g = SamplingOptions.greedy();
    assertMessage("temperature must be finite and >= 0 (0 = greedy), got -1.0", () -> g.withTemperature(-1));
    assertMessage("temperature must be finite and >= 0 (0 = greedy), got NaN", () -> g.withTemperature(Double.NaN));
    assertMessage("topK must be >= 0 (0 = off), got -2", () -> g.withTopK(-2));
    assertMessage("topP must be in (0, 1] (1 = off), got 0.0", () -> g.withTopP(0));
    assertMessage("topP must be in (0, 1] (1 = off), got 1.5", () -> g.withTopP(1.5));
    assertMessage("minP must be in [0, 1] (0 = off), got -0.1", () -> g.withMinP(-0.1));
    assertMessage("repetitionPenalty must be finite and >= 1 (1 = off), got 0.9", () -> g.withRepetitionPenalty(0.9));
    assertMessage("maxNewTokens must be > 0, got 0", () -> g.withMaxNewTokens(0));
    assertMessage("stopStrings[1] is null or empty", () -> g.withStopStrings(List.of("a", "")));
    assertMessage("stopStrings must not be null (use an empty list)", () -> g.withStopStrings(null));
  }

  @Test
  void stopStringsAreCopied() {
    List<String> stops = new ArrayList<>(List.of("x"));
    SamplingOptions o = SamplingOptions.greedy().withStopStrings(stops);
    stops.add("y");
    assertEquals(List.of("x"), o.stopStrings());
  }

  private static void assertMessage(String message, Runnable r) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, r::run).getMessage());
  }
}
