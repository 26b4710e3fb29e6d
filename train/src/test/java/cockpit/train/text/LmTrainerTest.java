package cockpit.train.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.model.TextConfig;
import cockpit.train.optim.Schedule;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training on a micro LFM2 config: 20 seeded steps lower the loss; a resumed run ends bit-identical. */
class LmTrainerTest {
  static final TextConfig MICRO = new TextConfig(64, 32, 4, List.of("conv", "full_attention", "conv", "full_attention"),
      3, 4, 2, 8, 64, false, null, 8, 1e-5, 1e4, true, 256);
  static final Schedule SCHEDULE = new Schedule(1e-2, 1e-3, 2, 20);

  @TempDir Path dir;

  /** Arithmetic progressions mod 64 with a random start and stride; the second half is the "answer". */
  static LmBatch data(long step) {
    SplittableRandom r = new SplittableRandom(1000 + step);
    int b = 4;
    int s = 16;
    long[][] ids = new long[b][s];
    boolean[][] loss = new boolean[b][s];
    for (int i = 0; i < b; i++) {
      int start = r.nextInt(64);
      int stride = 1 + r.nextInt(3);
      for (int t = 0; t < s; t++) {
        ids[i][t] = (start + (long) t * stride) % 64;
        loss[i][t] = t >= s / 2;
      }
    }
    return new LmBatch(ids, loss);
  }

  @Test
  void seededStepsOnAMicroConfigLowerTheLoss() {
    try (LmTrainer t = new LmTrainer(MICRO, SCHEDULE, LmTrainerTest::data, 5)) {
      double[] loss = new double[20];
      for (int i = 0; i < loss.length; i++) {
        loss[i] = t.step();
        assertTrue(Double.isFinite(loss[i]), "step " + i);
      }
      // Each step sees a new batch, so compare five-step means; ln 64 = 4.16 is chance.
      double first = java.util.Arrays.stream(loss, 0, 5).average().orElseThrow();
      double last = java.util.Arrays.stream(loss, 15, 20).average().orElseThrow();
      assertTrue(last < 0.75 * first, "loss " + first + " → " + last + " " + java.util.Arrays.toString(loss));
    }
  }

  @Test
  void aRunResumedFromACheckpointEndsWithTheSameWeightsAsAnUninterruptedOne() throws Exception {
    Map<String, float[]> straight = run(6, -1);
    Map<String, float[]> resumed = run(6, 3);
    assertEquals(straight.keySet(), resumed.keySet());
    straight.forEach((name, v) -> assertArrayEquals(v, resumed.get(name), name + " after resume"));
  }

  /** Trains {@code steps} steps; if {@code stopAt} ≥ 0, checkpoints there and continues in a new trainer. */
  private Map<String, float[]> run(int steps, int stopAt) throws Exception {
    Path ckpt = dir.resolve("ckpt-" + stopAt + ".safetensors");
    LmTrainer t = new LmTrainer(MICRO, SCHEDULE, LmTrainerTest::data, 5);
    try {
      while (t.steps() < steps) {
        if (t.steps() == stopAt) {
          t.save(ckpt);
          t.close();
          t = new LmTrainer(MICRO, SCHEDULE, LmTrainerTest::data, 99); // other init: all must come from the file
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
