package cockpit.app.bench;

import cockpit.lm.Backend;
import cockpit.lm.Decoder;
import cockpit.lm.DecoderState;
import cockpit.lm.LanguageModel;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.perception.task.DutyCycle;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.perception.task.PrefixStates;
import cockpit.perception.task.TaskFormat;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@code fork_prefix} part of {@code cockpit bench perception} (issue #14): frame → DetectionSets with
 * {@code perception.fork-prefix} off and on, side by side (two verticles over one model, frames alternating
 * between them), for the three cabin tasks due on every frame and for {@code driver_monitoring} alone; the
 * forks' bytes and time; and the bytes and time of one fork after [system][image] for the hybrid and the
 * all-attention baseline of the same profile. Benchmark plumbing only.
 */
final class ForkPrefixBenchmark {
  private static final DeliveryOptions SEND = new DeliveryOptions().setSendTimeout(600_000);

  private ForkPrefixBenchmark() {}

  /** Both modes on {@code rig}'s model, {@code n} frames each (after one warm-up frame each). */
  static JsonObject latency(PerceptionRig rig, int n) throws Exception {
    List<PerceptionTask> cabin = new ArrayList<>();
    for (PerceptionTask t : List.of(PerceptionTasks.occupancy(), PerceptionTasks.driverMonitoring(),
        PerceptionTasks.childPresence())) {
      cabin.add(t.withSchedule(DutyCycle.always(Duration.ZERO)));
    }
    return new JsonObject().put("frames_per_mode", n)
        .put("three_cabin_tasks_per_frame", sideBySide(rig, cabin, n))
        .put("driver_monitoring_alone", sideBySide(rig, List.of(cabin.get(1)), n));
  }

  private static JsonObject sideBySide(PerceptionRig rig, List<PerceptionTask> tasks, int n) throws Exception {
    BlockingQueue<DetectionSet> offSets = new ArrayBlockingQueue<>(16);
    BlockingQueue<DetectionSet> onSets = new ArrayBlockingQueue<>(16);
    try (PerceptionRig.Deployed off = rig.new Deployed(tasks, Clock.systemUTC(), false, false, offSets::add);
        PerceptionRig.Deployed on = rig.new Deployed(tasks, Clock.systemUTC(), false, true, onSets::add)) {
      double[][] offMs = new double[2][n];
      double[][] onMs = new double[2][n];
      for (int i = -1; i < n; i++) { // i = -1 warms both up
        byte[] jpeg = BenchScenes.jpeg(2000 + i, -1, 40 + 5 * (i + 1));
        CameraFrame f = BenchScenes.frame(PerceptionTasks.CABIN_CAMERA, i + 1, jpeg);
        boolean onFirst = (i & 1) == 0; // alternate which mode sees the frame first
        measure(onFirst ? on : off, onFirst ? onSets : offSets, f, tasks.size(), onFirst ? onMs : offMs, i);
        measure(onFirst ? off : on, onFirst ? offSets : onSets, f, tasks.size(), onFirst ? offMs : onMs, i);
      }
      PrefixStates.Stats s = on.runner.prefixStats();
      return new JsonObject().put("tasks", tasks.stream().map(PerceptionTask::name).toList())
          .put("fork_off", summary(offMs)).put("fork_on", summary(onMs)
              .put("forks", s.forks()).put("fork_bytes_each", s.forks() == 0 ? 0 : s.forkBytes() / s.forks())
              .put("fork_ms_each", PerceptionBenchmark.round(s.forks() == 0 ? 0 : s.forkNanos() / 1e6 / s.forks()))
              .put("prefix_prefills", s.prefixPrefills())
              .put("prefix_prefill_ms_each", PerceptionBenchmark.round(s.prefixPrefills() == 0 ? 0
                  : s.prefixPrefillNanos() / 1e6 / s.prefixPrefills())));
    }
  }

  /** One frame into {@code d}: ms until its last DetectionSet, and the sum of its sets' prefill ms. */
  private static void measure(PerceptionRig.Deployed d, BlockingQueue<DetectionSet> sets, CameraFrame f, int tasks,
      double[][] into, int i) throws Exception {
    long t0 = System.nanoTime();
    PerceptionRig.await(d.vertx.eventBus().request(PerceptionRig.ADDR.camera(), f, SEND));
    double prefill = 0;
    for (int k = 0; k < tasks; k++) {
      DetectionSet s = sets.poll(10, TimeUnit.MINUTES);
      if (s == null) {
        throw new IllegalStateException("no DetectionSet for frame " + f.getSequence() + " (see the errors address)");
      }
      prefill += s.getLatency().getPrefillMs();
    }
    if (i >= 0) {
      into[0][i] = (System.nanoTime() - t0) / 1e6;
      into[1][i] = prefill;
    }
  }

  private static JsonObject summary(double[][] ms) {
    return new JsonObject().put("frame_to_last_detection_p50", PerceptionBenchmark.pct(ms[0], 50))
        .put("frame_to_last_detection_p99", PerceptionBenchmark.pct(ms[0], 99))
        .put("prefill_ms_per_frame_p50", PerceptionBenchmark.pct(ms[1], 50));
  }

  /**
   * Bytes and median time of one fork of the state after [system][image] (the occupancy prompt's frame prefix;
   * image rows are placeholder embeddings, which change neither) on ONNX Runtime.
   */
  static JsonObject forkCost(NpuRuntime rt, Path dir) throws Exception {
    try (LanguageModel m = LanguageModel.open(dir, new Backend.Ort(rt, ModelVariant.FLOAT))) {
      Decoder d = m.decoder();
      TaskFormat format = new TaskFormat(m.chat(), m.tokenizer());
      int[] prompt = format.promptTokens(PerceptionTasks.occupancy(), m.config().vision().tokens());
      int rows = format.framePrefixLength(prompt);
      try (DecoderState prefix = d.newState(); DecoderState fork = d.newState()) {
        d.prefill(prefix, d.embed(prompt), rows, null);
        long bytes = 0;
        double[] ms = new double[21];
        for (int i = 0; i < ms.length; i++) {
          long t0 = System.nanoTime();
          bytes = prefix.copyTo(fork);
          ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new JsonObject().put("layers", d.config().attentionLayers().size() + " attention + "
            + d.config().convLayers().size() + " conv").put("prefix_tokens", rows).put("fork_bytes", bytes)
            .put("fork_ms_p50", PerceptionBenchmark.pct(ms, 50)).put("state_bytes_allocated", fork.bytes());
      }
    }
  }
}
