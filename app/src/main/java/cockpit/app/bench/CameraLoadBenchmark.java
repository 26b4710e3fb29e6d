package cockpit.app.bench;

import cockpit.bus.ProtoCodec;
import cockpit.bus.Topics;
import cockpit.bus.bridge.BridgeOptions;
import cockpit.bus.bridge.BusBridgeVerticle;
import cockpit.bus.zenoh.Config;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Publisher;
import cockpit.bus.zenoh.PublisherOptions;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.ZBytes;
import cockpit.bus.zenoh.Zenoh;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import cockpit.perception.task.PerceptionTasks;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.TopicCounters;
import cockpit.proto.v1.VehicleState;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code cockpit bench perception}, part 3: 4 cameras × 30 fps of 640×480 JPEG offered over Zenoh (a Java
 * peer on loopback) to the bus bridge and the perception verticle on the tiny model while driving (driver
 * monitoring at camera rate on the driver and cabin cameras, occupancy every 5 s, exterior and rear
 * cameras with no task due). Reports frames offered, delivered, dropped by keep-latest, processed, and
 * heap after GC at the start and end of the measured window (flat = bounded queues).
 */
public final class CameraLoadBenchmark {
  static final List<String> CAMERAS = List.of(PerceptionTasks.DRIVER_CAMERA, PerceptionTasks.CABIN_CAMERA,
      PerceptionTasks.EXTERIOR_CAMERA, "rear");
  static final int FPS = 30;

  private final ModelBenchmark models;
  private final int seconds;

  public CameraLoadBenchmark(Path cache, int seconds, ProgressListener progress) {
    this.models = new ModelBenchmark(List.of(Profile.TINY), cache, List.of(), progress);
    this.seconds = seconds;
  }

  public JsonObject run() throws Exception {
    String ep = "tcp/127.0.0.1:" + BusBenchmark.freePort();
    byte[][][] jpegs = new byte[CAMERAS.size()][FPS][];
    for (int c = 0; c < CAMERAS.size(); c++) {
      for (int i = 0; i < FPS; i++) {
        jpegs[c][i] = BenchScenes.jpeg(20 + c, -1, 10 + 18 * i); // a figure moving across: every frame differs
      }
    }
    try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults());
        PerceptionRig rig = new PerceptionRig(rt, models.model(Profile.TINY, false));
        PerceptionRig.Deployed d = rig.new Deployed(PerceptionTasks.defaults(), Clock.systemUTC(), true, s -> { })) {
      BusBridgeVerticle bridge = new BusBridgeVerticle(BridgeOptions.of("BENCH",
          Config.builder().listen(ep).multicastScouting(false).build()));
      PerceptionRig.await(d.vertx.deployVerticle(bridge));
      d.vertx.eventBus().publish(PerceptionRig.ADDR.vehicleState(), VehicleState.newBuilder()
          .setPowerState(PowerState.POWER_STATE_ON).setSpeedKmh(80).build());
      AtomicLong offered = new AtomicLong();
      ScheduledExecutorService cam = Executors.newSingleThreadScheduledExecutor();
      try (Session pub = Zenoh.open(Config.builder().connect(ep).multicastScouting(false).build())) {
        Publisher[] pubs = new Publisher[CAMERAS.size()];
        for (int c = 0; c < pubs.length; c++) {
          pubs[c] = pub.declarePublisher(KeyExpr.tryFrom("vehicle/BENCH/cabin/camera/" + CAMERAS.get(c)),
              Topics.CAMERA.publisherOptions());
        }
        AtomicLong tick = new AtomicLong();
        cam.scheduleAtFixedRate(() -> {
          long t = tick.getAndIncrement();
          for (int c = 0; c < pubs.length; c++) {
            pubs[c].put(ZBytes.of(ProtoCodec.encode(BenchScenes.frame(CAMERAS.get(c), t,
                jpegs[c][(int) (t % FPS)]))));
            offered.incrementAndGet();
          }
        }, 0, 1_000_000 / FPS, TimeUnit.MICROSECONDS);
        Thread.sleep(3000); // warm-up: sessions connected, first inferences done
        Snapshot a = snapshot(d, bridge, offered);
        Thread.sleep(seconds * 1000L);
        Snapshot b = snapshot(d, bridge, offered);
        cam.shutdownNow();
        cam.awaitTermination(5, TimeUnit.SECONDS);
        return report(a, b);
      } finally {
        cam.shutdownNow();
      }
    }
  }

  private record Snapshot(long nanos, long offered, TopicCounters camera, java.util.Map<String, Long> perception,
      long heapAfterGc) {}

  private static Snapshot snapshot(PerceptionRig.Deployed d, BusBridgeVerticle bridge, AtomicLong offered) {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    ComponentStatus st = bridge.status();
    TopicCounters cam = st.getTopicsList().stream().filter(t -> t.getKeyExpr().contains("/camera/")).findFirst()
        .orElseThrow();
    return new Snapshot(System.nanoTime(), offered.get(), cam, d.verticle.counters(), heap);
  }

  private JsonObject report(Snapshot a, Snapshot b) {
    double s = (b.nanos - a.nanos) / 1e9;
    JsonObject per = new JsonObject();
    for (String k : List.of("frames_received", "frames_not_due", "frames_decoded", "frames_skipped",
        "inference_runs", "inference_failures")) {
      per.put(k, b.perception.get(k) - a.perception.get(k));
    }
    long offered = b.offered - a.offered;
    long received = b.camera.getReceived() - a.camera.getReceived();
    long dropped = b.camera.getDropped() - a.camera.getDropped();
    return new JsonObject().put("benchmark", "perception-camera-load").put("machine", Machine.describe())
        .put("profile", "tiny").put("cameras", CAMERAS.size()).put("fps_offered_per_camera", FPS)
        .put("measured_s", PerceptionBenchmark.round(s))
        .put("frames_offered", offered).put("frames_received_by_bridge", received)
        .put("frames_dropped_keep_latest", dropped)
        .put("perception", per)
        .put("handled_frames_per_s", PerceptionBenchmark.round(per.getLong("frames_received") / s))
        .put("inference_runs_per_s", PerceptionBenchmark.round(per.getLong("inference_runs") / s))
        .put("heap_after_gc_mb_start", PerceptionBenchmark.round(a.heapAfterGc / 1048576.0))
        .put("heap_after_gc_mb_end", PerceptionBenchmark.round(b.heapAfterGc / 1048576.0));
  }
}
