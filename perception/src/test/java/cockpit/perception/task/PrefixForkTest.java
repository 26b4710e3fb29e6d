package cockpit.perception.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.DecoderState;
import cockpit.lm.LanguageModel;
import cockpit.lm.TinyModel;
import cockpit.lm.VisionEncoder;
import cockpit.lm.generate.SamplingOptions;
import cockpit.lm.vision.FeatureCache;
import cockpit.lm.vision.FrameKey;
import cockpit.perception.frame.CameraImages;
import cockpit.perception.frame.FrameDecoder;
import cockpit.perception.frame.Preprocessor;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Forking a frame's [system][image] state into every task gives the answers of a whole-prompt prefill (tiny
 * model, reference backend), prefills each frame's prefix once even with tasks on several threads, and keeps a
 * bounded number of frames.
 */
class PrefixForkTest {
  static LanguageModel model;
  static VisionEncoder encoder;

  @BeforeAll
  static void load() throws Exception {
    model = TinyModel.model();
    encoder = cockpit.perception.TinyVision.encoder();
  }

  static TaskRunner runner(boolean fork) {
    Preprocessor pre = new Preprocessor(encoder.imageSize());
    return new TaskRunner(model, new CameraImages(new FeatureCache(encoder, 8), pre, new FrameDecoder(), 8),
        SamplingOptions.greedy(), fork);
  }

  /** The DetectionSet without what differs between two runs of the same answer (timings, wall-clock time). */
  static String answer(DetectionSet set) {
    return set.toBuilder().clearLatency().clearTime().build().toString();
  }

  static List<CameraFrame> frames(long seed) {
    return List.of(TaskRunnerTest.frame(PerceptionTasks.CABIN_CAMERA, seed),
        TaskRunnerTest.frame(PerceptionTasks.EXTERIOR_CAMERA, seed + 1));
  }

  @Test
  void everyBuiltInTaskAnswersAsWithoutForkingAndEachFramePrefillsItsPrefixOnce() throws Exception {
    try (TaskRunner forked = runner(true); TaskRunner plain = runner(false)) {
      assertTrue(forked.forksPrefix());
      assertFalse(plain.forksPrefix());
      int runs = 0;
      for (CameraFrame f : frames(41)) {
        var image = TaskRunnerTest.decode(f);
        for (PerceptionTask task : PerceptionTasks.defaults()) {
          if (!task.appliesTo(f.getCameraId())) {
            continue;
          }
          assertEquals(answer(plain.run(task, f, image)), answer(forked.run(task, f, image)), task.name());
          float[] straight = plain.firstLogits(task, f, image);
          assertClose(straight, forked.firstLogits(task, f, image), task.name());
          assertClose(straight, forked.firstLogits(task, image), task.name() + " (the uncached path)");
          runs += 2;
        }
      }
      assertEquals(12, runs, "3 tasks on the cabin frame, 3 on the exterior one, each run and first logits");
      PrefixStates.Stats s = forked.prefixStats();
      assertEquals(1 + 2, s.prefixPrefills(), "the system block once, each frame's prefix once: " + s);
      assertEquals(runs, s.forks());
      assertEquals(runs - 2, s.hits() + s.joins());
      assertTrue(s.forkBytes() > 0 && s.forkNanos() > 0, s.toString());
      assertEquals(0, plain.prefixStats().forks());
    }
  }

  /** The same on ONNX Runtime, whose fixed-capacity states fork by direct-buffer copies (chunks split differently). */
  @Test
  void onOnnxRuntimeEveryBuiltInTaskAnswersAsWithoutForking() throws Exception {
    LanguageModel ort = TinyModel.ort();
    try (VisionEncoder vision = ort.openVisionEncoder()) {
      Preprocessor pre = new Preprocessor(vision.imageSize());
      try (TaskRunner forked = new TaskRunner(ort, new CameraImages(new FeatureCache(vision, 8), pre,
          new FrameDecoder(), 8), SamplingOptions.greedy(), true);
          TaskRunner plain = new TaskRunner(ort, new CameraImages(new FeatureCache(vision, 8), pre,
              new FrameDecoder(), 8), SamplingOptions.greedy(), false)) {
        for (CameraFrame f : frames(43)) {
          var image = TaskRunnerTest.decode(f);
          for (PerceptionTask task : PerceptionTasks.defaults()) {
            if (task.appliesTo(f.getCameraId())) {
              assertClose(plain.firstLogits(task, f, image), forked.firstLogits(task, f, image), task.name());
              assertEquals(answer(plain.run(task, f, image)), answer(forked.run(task, f, image)), task.name());
            }
          }
        }
        assertEquals(1 + 2, forked.prefixStats().prefixPrefills());
      }
    }
  }

  @Test
  void tasksOfOneFrameOnSeveralThreadsShareOnePrefixPrefill() throws Exception {
    CameraFrame f = TaskRunnerTest.frame(PerceptionTasks.CABIN_CAMERA, 77);
    var image = TaskRunnerTest.decode(f);
    List<PerceptionTask> tasks = new ArrayList<>();
    for (PerceptionTask t : PerceptionTasks.defaults()) {
      if (t.appliesTo(f.getCameraId())) {
        tasks.add(t);
      }
    }
    List<String> expected = new ArrayList<>();
    try (TaskRunner plain = runner(false)) {
      for (PerceptionTask t : tasks) {
        expected.add(answer(plain.run(t, f, image)));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try (TaskRunner forked = runner(true)) {
      List<Future<DetectionSet>> sets = new ArrayList<>();
      for (PerceptionTask t : tasks) {
        sets.add(pool.submit(() -> forked.run(t, f, image)));
      }
      for (int i = 0; i < tasks.size(); i++) {
        assertEquals(expected.get(i), answer(sets.get(i).get()), tasks.get(i).name());
      }
      PrefixStates.Stats s = forked.prefixStats();
      assertEquals(2, s.prefixPrefills(), "one system prefill, one prefix prefill for the frame: " + s);
      assertEquals(tasks.size() - 1, s.hits() + s.joins(), s.toString());
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void atMostTheBoundOfFramesIsKeptAndAnEvictedFrameIsPrefilledAgain() throws Exception {
    try (TaskRunner forked = runner(true); TaskRunner plain = runner(false)) {
      PerceptionTask task = PerceptionTasks.driverMonitoring();
      List<CameraFrame> seen = new ArrayList<>();
      for (long seed = 0; seed < TaskRunner.PREFIX_FRAMES + 2; seed++) {
        seen.add(TaskRunnerTest.frame(PerceptionTasks.DRIVER_CAMERA, 500 + seed));
      }
      for (CameraFrame f : seen) {
        forked.firstLogits(task, f, TaskRunnerTest.decode(f));
      }
      assertEquals(TaskRunner.PREFIX_FRAMES, forked.prefixStats().frames());
      CameraFrame first = seen.getFirst();
      var image = TaskRunnerTest.decode(first);
      assertEquals(answer(plain.run(task, first, image)), answer(forked.run(task, first, image)));
      assertEquals(1 + seen.size() + 1, forked.prefixStats().prefixPrefills(), "the evicted first frame again");
    }
  }

  @Test
  void aPromptWhosePrefixDiffersFromTheFramesIsRefusedAndAClosedCacheStillForks() throws Exception {
    TaskFormat format = new TaskFormat(model.chat(), model.tokenizer());
    int[] prompt = format.promptTokens(PerceptionTasks.occupancy(), 4);
    int split = format.framePrefixLength(prompt);
    assertEquals(format.systemTokens().length + 2 + 4 + 1, split - model.tokenizer().encode("user\n").length);
    float[] embeds = model.decoder().embed(prompt);
    FrameKey key = new FrameKey("cabin", 1, 0);
    PrefixStates states = new PrefixStates(model.decoder(), format.systemTokens(), 2);
    try (DecoderState a = model.decoder().newState(); DecoderState b = model.decoder().newState()) {
      states.fork(key, prompt, embeds, split, a);
      int[] other = prompt.clone();
      other[split - 2] = model.tokenizer().id("<|im_start|>"); // a different image block for the same frame
      var e = assertThrows(IllegalArgumentException.class, () -> states.fork(key, other, embeds, split, b));
      assertTrue(e.getMessage().contains("differs"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> states.fork(key, prompt, embeds, 3, b));
      assertTrue(e.getMessage().contains("system block"), e.getMessage());
      states.close();
      states.fork(key, prompt, embeds, split, b);
      assertEquals(split, b.position());
      assertArrayEquals(model.decoder().decode(a, 42, null), model.decoder().decode(b, 42, null));
      assertEquals(0, states.stats().frames());
    }
  }

  /** npu-runtime's graph tolerance, |a − b| / max(1, |a|) ≤ 2e-4. */
  static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(expected[i] - actual[i]) / Math.max(1.0, Math.abs(expected[i]));
      assertTrue(err <= 2e-4, what + ": logit " + i + " " + expected[i] + " vs " + actual[i]);
    }
  }
}
