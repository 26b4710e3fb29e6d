package cockpit.app.bench;

import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import cockpit.perception.task.DutyCycle;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.VehicleState;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code cockpit bench perception}: (1) frame → DetectionSet latency per profile and task, measured from
 * handing a JPEG CameraFrame to the perception verticle to receiving its DetectionSet on the event bus;
 * (2) process CPU-seconds per simulated parked hour with the change gate on vs off (same frames, same
 * simulated clock, tiny model); the 4-camera load run is {@link CameraLoadBenchmark}.
 */
public final class PerceptionBenchmark {
  private static final DeliveryOptions SEND = new DeliveryOptions().setSendTimeout(600_000);

  private final List<Profile> profiles;
  private final ModelBenchmark models;
  private final int runs;
  private final int parkedSeconds;
  private final java.util.Set<String> parts;

  /** The parts a run can do ({@code load}, the 4-camera run, is the command's). */
  public static final List<String> PARTS = List.of("latency", "parked", "fork");

  /** @param parts which of {@link #PARTS} to run */
  public PerceptionBenchmark(List<Profile> profiles, Path cache, int runs, int parkedSeconds,
      java.util.Set<String> parts, ProgressListener progress) {
    if (!PARTS.containsAll(parts)) {
      throw new IllegalArgumentException("unknown benchmark part in " + parts + "; use " + PARTS + " or load");
    }
    this.parts = java.util.Set.copyOf(parts);
    this.profiles = profiles;
    this.models = new ModelBenchmark(profiles, cache, List.of(), progress);
    this.runs = runs;
    this.parkedSeconds = parkedSeconds;
  }

  public JsonObject run() throws Exception {
    JsonObject out = new JsonObject().put("benchmark", "perception").put("machine", Machine.describe())
        .put("loadavg_at_start", Machine.loadAvg())
        .put("provider", "cpu").put("note", "random weights: answers are meaningless, timings and CPU are real")
        .put("frames", BenchScenes.WIDTH + "x" + BenchScenes.HEIGHT + " JPEG");
    try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
      if (parts.contains("latency")) {
        JsonObject latency = new JsonObject();
        for (Profile p : profiles) {
          try (PerceptionRig rig = new PerceptionRig(rt, models.model(p, false))) {
            latency.put(p.id(), latency(rig, p == Profile.TINY ? runs : Math.max(3, runs / 4)));
          }
        }
        out.put("frame_to_detection_ms", latency);
      }
      if (parts.contains("fork")) {
        out.put("fork_prefix", fork(rt));
      }
      if (parts.contains("parked")) {
        try (PerceptionRig rig = new PerceptionRig(rt, models.model(Profile.TINY, false))) {
          JsonObject ph = new JsonObject().put("profile", "tiny").put("gate_on", parked(rig, true))
              .put("gate_off", parked(rig, false));
          ph.put("cpu_ratio_off_over_on", round(ph.getJsonObject("gate_off").getDouble("cpu_s_per_parked_hour")
              / ph.getJsonObject("gate_on").getDouble("cpu_s_per_parked_hour")));
          out.put("parked_hour", ph);
        }
      }
    }
    out.put("loadavg_at_end", Machine.loadAvg());
    return out;
  }

  /** Per profile: frame → DetectionSets with perception.fork-prefix off vs on; fork bytes hybrid vs baseline. */
  private JsonObject fork(NpuRuntime rt) throws Exception {
    JsonObject r = new JsonObject();
    for (Profile p : profiles) {
      JsonObject one = new JsonObject().put("one_fork", new JsonObject()
          .put("hybrid", ForkPrefixBenchmark.forkCost(rt, models.model(p, false)))
          .put("all_attention_baseline", ForkPrefixBenchmark.forkCost(rt, models.model(p, true))));
      try (PerceptionRig rig = new PerceptionRig(rt, models.model(p, false))) {
        one.mergeIn(ForkPrefixBenchmark.latency(rig, p == Profile.TINY ? runs : Math.max(3, runs / 4)));
      }
      r.put(p.id(), one);
    }
    return r;
  }

  /** Distinct frames so the change gate passes every one; each task on its own camera, every frame. */
  private JsonObject latency(PerceptionRig rig, int n) throws Exception {
    JsonObject r = new JsonObject().put("runs_per_task", n);
    for (PerceptionTask t : List.of(PerceptionTasks.occupancy(), PerceptionTasks.driverMonitoring(),
        PerceptionTasks.childPresence(), PerceptionTasks.doorHazard())) {
      PerceptionTask every = t.withSchedule(DutyCycle.always(Duration.ZERO));
      String camera = t.cameras().iterator().next();
      BlockingQueue<DetectionSet> sets = new ArrayBlockingQueue<>(4);
      try (PerceptionRig.Deployed d = rig.new Deployed(List.of(every), Clock.systemUTC(), true, sets::add)) {
        double[] total = new double[n];
        double[] vision = new double[n];
        double[] prefill = new double[n];
        double[] decode = new double[n];
        for (int i = -1; i < n; i++) { // i = -1 warms up
          CameraFrame f = BenchScenes.frame(camera, i + 1, BenchScenes.jpeg(1000 + i, -1, 40 + 5 * (i + 1)));
          long t0 = System.nanoTime();
          PerceptionRig.await(d.vertx.eventBus().request(PerceptionRig.ADDR.camera(), f, SEND));
          DetectionSet s = sets.poll(10, TimeUnit.MINUTES);
          long t1 = System.nanoTime();
          if (s == null) {
            throw new IllegalStateException(t.name() + ": no DetectionSet (see the errors address)");
          }
          if (i >= 0) {
            total[i] = (t1 - t0) / 1e6;
            vision[i] = s.getLatency().getVisionEncodeMs();
            prefill[i] = s.getLatency().getPrefillMs();
            decode[i] = s.getLatency().getDecodeMs();
          }
        }
        r.put(t.name(), new JsonObject().put("p50", pct(total, 50)).put("p99", pct(total, 99))
            .put("vision_encode_p50", pct(vision, 50)).put("prefill_p50", pct(prefill, 50))
            .put("decode_p50", pct(decode, 50)));
      }
    }
    return r;
  }

  /**
   * A parked, locked car: cabin and exterior camera at 1 frame per simulated second, the default tasks
   * on their parked duty cycles; the cabin is static (sensor noise only), someone walks past the car
   * for 30 s in the middle. Frames are pushed as fast as they are acknowledged; the clock advances 1 s
   * per frame pair.
   */
  private JsonObject parked(PerceptionRig rig, boolean gate) throws Exception {
    PerceptionRig.SimClock clock = new PerceptionRig.SimClock();
    List<DetectionSet> sets = new ArrayList<>();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (PerceptionRig.Deployed d = rig.new Deployed(PerceptionTasks.defaults(), clock, gate, s -> {
      synchronized (sets) {
        sets.add(s);
      }
    })) {
      d.vertx.eventBus().publish(PerceptionRig.ADDR.vehicleState(), VehicleState.newBuilder()
          .setPowerState(PowerState.POWER_STATE_OFF).setIsLocked(true).build());
      byte[][] cabin = new byte[8][];
      byte[][] outside = new byte[8][];
      for (int i = 0; i < 8; i++) {
        cabin[i] = BenchScenes.jpeg(7, 100 + i, -1);
        outside[i] = BenchScenes.jpeg(8, 200 + i, -1);
      }
      int walkStart = parkedSeconds / 2;
      byte[][] walk = new byte[30][];
      for (int i = 0; i < walk.length; i++) {
        walk[i] = BenchScenes.jpeg(8, 200 + (walkStart + i) % 8, 20 * i);
      }
      long cpu0 = os.getProcessCpuTime();
      long wall0 = System.nanoTime();
      for (int s = 0; s < parkedSeconds; s++) {
        boolean walking = s >= walkStart && s < walkStart + 30;
        byte[] ext = walking ? walk[s - walkStart] : outside[s % 8];
        PerceptionRig.await(d.vertx.eventBus().request(PerceptionRig.ADDR.camera(),
            BenchScenes.frame(PerceptionTasks.CABIN_CAMERA, s, cabin[s % 8]), SEND));
        PerceptionRig.await(d.vertx.eventBus().request(PerceptionRig.ADDR.camera(),
            BenchScenes.frame(PerceptionTasks.EXTERIOR_CAMERA, s, ext), SEND));
        clock.millis += 1000;
      }
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      var c = d.verticle.counters();
      JsonObject tasks = new JsonObject();
      synchronized (sets) {
        sets.forEach(x -> tasks.put(x.getTask(), tasks.getInteger(x.getTask(), 0) + 1));
      }
      return new JsonObject().put("simulated_s", parkedSeconds).put("frames", 2L * parkedSeconds)
          .put("frames_not_due", c.get("frames_not_due")).put("frames_decoded", c.get("frames_decoded"))
          .put("frames_skipped_by_gate", c.get("frames_skipped")).put("inference_runs", c.get("inference_runs"))
          .put("runs_per_task", tasks).put("process_cpu_s", round(cpu)).put("wall_s", round(wall))
          .put("inference_thread_cpu_s", round(c.get("inference_thread_cpu_ms_total") / 1000.0))
          .put("cpu_s_per_parked_hour", round(cpu * 3600.0 / parkedSeconds));
    }
  }

  static double pct(double[] v, int p) {
    double[] s = v.clone();
    Arrays.sort(s);
    int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
    return round(s[Math.max(0, Math.min(s.length - 1, i))]);
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
