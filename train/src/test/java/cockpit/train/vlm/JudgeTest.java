package cockpit.train.vlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.perception.task.PerceptionTasks;
import cockpit.train.data.PerceptionData;
import cockpit.train.data.Split;
import cockpit.train.data.SplitRecipe;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluation's counters: perfect answers score 1 everywhere; wrong fields, misses and broken JSON count. */
class JudgeTest {
  static final PerceptionData DATA = new PerceptionData(64, SplitRecipe.defaults(), PerceptionTasks.defaults());

  @Test
  void theIdealAnswersOfEveryTaskScoreOneOnEveryField() {
    Scores s = new Scores();
    for (String task : DATA.taskNames()) {
      for (int i = 0; i < 3; i++) {
        String truth = DATA.answer(Split.HELD_OUT, task, i);
        Judge.judge(task, truth, truth, s);
      }
    }
    assertEquals(DATA.taskNames().size(), s.fields().size());
    s.fields().forEach((task, fields) -> fields.forEach((f, c) ->
        assertEquals(1.0, c.rate(), task + "." + f + " " + c.correct() + "/" + c.total())));
    assertTrue(s.fields().get(PerceptionTasks.DRIVER_MONITORING).keySet().containsAll(
        java.util.Set.of("gaze", "eyes", "yawning", "eyes_on_road", "drowsy")));
    s.safety().forEach((signal, x) -> {
      assertTrue(x.positives() == 0 || x.falseNegativeRate() == 0, signal + " missed");
      assertTrue(x.negatives() == 0 || x.falsePositiveRate() == 0, signal + " false alarm");
    });
  }

  @Test
  void aWrongFieldAMissedSafetyEventAndBrokenJsonAreCounted() {
    Scores s = new Scores();
    String truth = "{\"gaze\":\"left\",\"eyes\":\"closed\",\"yawning\":false,"
        + "\"eyes_on_road\":false,\"drowsy\":true}";
    String said = "{\"gaze\":\"road\",\"eyes\":\"closed\",\"yawning\":false,"
        + "\"eyes_on_road\":true,\"drowsy\":true}";
    Judge.judge(PerceptionTasks.DRIVER_MONITORING, truth, said, s);
    Judge.judge(PerceptionTasks.DRIVER_MONITORING, truth, "{\"gaze\":", s);
    Map<String, Scores.Count> f = s.fields().get(PerceptionTasks.DRIVER_MONITORING);
    assertEquals(1, f.get("eyes").correct(), "right once, then broken JSON");
    assertEquals(0, f.get("gaze").correct());
    assertEquals(0, f.get("exact").correct());
    assertEquals(1, f.get("json_valid").correct());
    assertEquals(2, f.get("json_valid").total());
    // Eyes off the road: missed by both (the wrong answer, and broken JSON reads as "on the road");
    // drowsy: caught by the first, missed by the broken one.
    assertEquals(1.0, s.safety().get("eyes_off_road").falseNegativeRate());
    assertEquals(0.5, s.safety().get("drowsy").falseNegativeRate());
    assertTrue(s.toJson().startsWith("{\"tasks\":{\"driver_monitoring\":{"), s.toJson());
    // No non-event was seen: the false-positive rate is undefined and written as null (valid JSON).
    String eyes = "\"eyes_off_road\":{\"fnr\":1.0000,\"fpr\":null,\"pos\":2,\"neg\":0}";
    assertTrue(s.toJson().contains(eyes), s.toJson());
  }

  @Test
  void distancesCountWithinTheTolerance() {
    assertTrue(Judge.near(com.fasterxml.jackson.databind.node.IntNode.valueOf(10),
        com.fasterxml.jackson.databind.node.IntNode.valueOf(12)));
    assertTrue(!Judge.near(com.fasterxml.jackson.databind.node.IntNode.valueOf(10),
        com.fasterxml.jackson.databind.node.IntNode.valueOf(13)));
    assertTrue(Judge.near(com.fasterxml.jackson.databind.node.IntNode.valueOf(2),
        com.fasterxml.jackson.databind.node.IntNode.valueOf(3)));
  }
}
