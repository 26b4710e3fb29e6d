package cockpit.perception.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.SampledToken;
import cockpit.lm.generate.ConstrainedDecoder;
import cockpit.lm.generate.TokenBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Confidence from a hand-built token trace: the minimum over the choice tokens of what a detection says. */
class AnswerConfidenceTest {
  private static final TokenBytes BYTES = TokenBytes.byteLevel(512, 14, 7);
  private static final String DOOR = "{\"road_users\":[{\"kind\":\"cyclist\",\"side\":\"left\",\"position\":\"rear\","
      + "\"approaching\":true,\"distance_m\":7.5},{\"kind\":\"person\",\"side\":\"right\",\"position\":\"front\","
      + "\"approaching\":false,\"distance_m\":12}]}";

  /**
   * The trace of {@code answer} spelled byte by byte under the task's grammar: forced where the grammar
   * forced the byte (probability 0.001, which must not count), else the probability {@code choices} gives
   * the byte at that offset, 0.9 by default.
   */
  private static List<SampledToken> trace(PerceptionTask task, String answer, Map<Integer, Float> choices) {
    ConstrainedDecoder d = ConstrainedDecoder.of(task.answerGrammar(), BYTES);
    List<SampledToken> out = new ArrayList<>();
    byte[] b = answer.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      boolean forced = d.forced();
      assertTrue(!forced || d.allowed().cardinality() == 1);
      out.add(new SampledToken(14 + (b[i] & 0xFF), forced ? 0.001f : choices.getOrDefault(i, 0.9f), forced));
      d.accept(14 + (b[i] & 0xFF));
    }
    out.add(new SampledToken(7, 1f, d.forced()));
    return out;
  }

  @Test
  void aDetectionIsAsSureAsItsLeastSureChoiceAndForcedTokensDoNotCount() {
    int cyclist = DOOR.indexOf("cyclist");
    int secondUser = DOOR.indexOf("},{") + 1; // the ',' that chose a second road user
    Map<Integer, Float> p = Map.of(cyclist, 0.6f, DOOR.indexOf("left"), 0.7f, DOOR.indexOf("7.5"), 0.05f,
        secondUser, 0.4f, DOOR.indexOf("person"), 0.8f, DOOR.indexOf("front"), 0.3f);
    AnswerConfidence c = AnswerConfidence.of(DOOR, trace(PerceptionTasks.doorHazard(), DOOR, p), BYTES);
    assertEquals(0.6f, c.of("/road_users/0", "kind", "side", "position", "approaching"));
    assertEquals(0.7f, c.of("/road_users/0", "side"));
    assertEquals(0.05f, c.of("/road_users/0"), "with no fields every choice of the item counts, the distance too");
    assertEquals(0.4f, c.of("/road_users/1", "kind"), "the ',' that opened the second road user is its existence");
    assertEquals(0.3f, c.of("/road_users/1", "kind", "side", "position", "approaching"));
    assertEquals(0.9f, c.of("/road_users/0", "approaching"), "t or f: a choice at the default 0.9");
    assertEquals(0.05f, c.of(""));
  }

  @Test
  void aSureModelSaysAboutOneAndAnAllForcedItemSaysOne() {
    String driver = DetectionMapperTest.DRIVER;
    List<SampledToken> sure = trace(PerceptionTasks.driverMonitoring(), driver, Map.of());
    List<SampledToken> certain = sure.stream().map(t -> new SampledToken(t.id(), t.forced() ? 0.001f : 0.99f,
        t.forced())).toList();
    assertEquals(0.99f, AnswerConfidence.of(driver, certain, BYTES).of(""));
    List<SampledToken> allForced = sure.stream().map(t -> new SampledToken(t.id(), 0.2f, true)).toList();
    assertEquals(1f, AnswerConfidence.of(driver, allForced, BYTES).of(""));
  }

  @Test
  void aTokenSpanningTwoItemsCountsForBoth() {
    String doc = "{\"a\":[1,2]}";
    List<byte[]> table = new ArrayList<>();
    for (int id = 0; id < 273; id++) {
      table.add(id >= 14 && id < 270 ? new byte[] {(byte) (id - 14)} : null);
    }
    table.set(270, "{\"a\":[".getBytes(StandardCharsets.UTF_8));
    table.set(271, "1,2".getBytes(StandardCharsets.UTF_8));
    table.set(272, "]}".getBytes(StandardCharsets.UTF_8));
    TokenBytes vocab = TokenBytes.of(table, 7);
    List<SampledToken> trace = List.of(new SampledToken(270, 0.01f, true), new SampledToken(271, 0.4f, false),
        new SampledToken(272, 0.8f, false), new SampledToken(7, 1f, true));
    AnswerConfidence c = AnswerConfidence.of(doc, trace, vocab);
    assertEquals(0.4f, c.of("/a/0"));
    assertEquals(0.4f, c.of("/a/1"));
    assertEquals(0.4f, c.of("/a"));
  }

  @Test
  void aTraceThatDoesNotSpellTheAnswerAndUnknownPointersAreErrors() {
    String doc = "{\"a\":[1,2]}";
    List<SampledToken> wrong = new ArrayList<>();
    for (byte b : "{\"a\":[1,3]}".getBytes(StandardCharsets.UTF_8)) {
      wrong.add(new SampledToken(14 + b, 0.5f, false));
    }
    var e = assertThrows(IllegalArgumentException.class, () -> AnswerConfidence.of(doc, wrong, BYTES));
    assertTrue(e.getMessage().contains("byte 8"), e.getMessage());
    var shortTrace = assertThrows(IllegalArgumentException.class,
        () -> AnswerConfidence.of(doc, wrong.subList(0, 4), BYTES));
    assertTrue(shortTrace.getMessage().contains("4 of the answer's 11 bytes"), shortTrace.getMessage());
    List<SampledToken> right = new ArrayList<>();
    for (byte b : doc.getBytes(StandardCharsets.UTF_8)) {
      right.add(new SampledToken(14 + b, 0.5f, false));
    }
    AnswerConfidence c = AnswerConfidence.of(doc, right, BYTES);
    var missing = assertThrows(IllegalArgumentException.class, () -> c.of("/a/2"));
    assertTrue(missing.getMessage().contains("/a/2"), missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.of("", "b"));
  }
}
