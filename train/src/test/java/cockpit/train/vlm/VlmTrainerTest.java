package cockpit.train.vlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.train.optim.Schedule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VLM training loop on a micro config: the loss on an answer only the image gives falls, and a
 * run checkpointed and resumed in a fresh trainer (another init seed) ends bit-identical to an
 * uninterrupted one, across a curriculum stage boundary.
 */
class VlmTrainerTest {
  static final Schedule SCHEDULE = new Schedule(1e-2, 1e-3, 3, 40);
  static final Curriculum CURRICULUM = Curriculum.defaults(List.of("colour", "text"), 3, Long.MAX_VALUE, 0);

  static VlmTrainer.Options options(long seed) {
    return new VlmTrainer.Options(SCHEDULE, CURRICULUM, seed, 3);
  }

  @TempDir Path dir;

  @Test
  void seededStepsLowerTheLossOnAnAnswerOnlyTheImageGives() {
    try (VlmTrainer t = new VlmTrainer(new VlmModel(MicroVlm.CONFIG), options(5), MicroVlm.source(),
        MicroVlm.spreadImages())) {
      assertTrue(t.init().spread() >= VlmInit.MIN_SPREAD, "init spread " + t.init());
      double[] loss = new double[40];
      for (int i = 0; i < loss.length; i++) {
        VlmTrainer.StepResult r = t.step();
        loss[i] = r.loss();
        assertTrue(Double.isFinite(loss[i]), "step " + i + ": " + r + " after " + java.util.Arrays.toString(loss));
      }
      double first = java.util.Arrays.stream(loss, 0, 5).average().orElseThrow();
      double last = java.util.Arrays.stream(loss, 35, 40).average().orElseThrow();
      assertTrue(last < 0.5 * first, "loss " + first + " → " + last + " " + java.util.Arrays.toString(loss));
    }
  }

  @Test
  void aResumedRunEndsWithTheSameWeightsAsAnUninterruptedOne() throws Exception {
    Map<String, float[]> straight = run(6, -1);
    Map<String, float[]> resumed = run(6, 2);
    assertEquals(straight.keySet(), resumed.keySet());
    straight.forEach((name, v) -> assertArrayEquals(v, resumed.get(name), name + " after resume"));
  }

  private Map<String, float[]> run(int steps, int stopAt) throws Exception {
    Path ckpt = dir.resolve("ckpt-" + stopAt + ".safetensors");
    VlmModel model = new VlmModel(MicroVlm.CONFIG);
    VlmTrainer t = new VlmTrainer(model, options(5), MicroVlm.source(), MicroVlm.spreadImages());
    try {
      while (t.steps() < steps) {
        if (t.steps() == stopAt) {
          t.save(ckpt, Map.of());
          t.close();
          t = new VlmTrainer(model, options(99), MicroVlm.source(), MicroVlm.spreadImages());
          t.resume(ckpt);
          assertEquals(stopAt, t.steps());
          stopAt = -1;
        }
        t.step();
      }
      Map<String, float[]> out = new LinkedHashMap<>();
      t.params().all().forEach((n, a) -> out.put(n, a.toFloatArray()));
      return out;
    } finally {
      t.close();
    }
  }
}
