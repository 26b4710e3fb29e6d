package cockpit.perception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.DialogueModel;
import cockpit.npu.runtime.InferenceExecutor;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.VisionEncoderSession;
import cockpit.perception.alert.AlertEngine;
import cockpit.perception.alert.AlertRulesConfig;
import cockpit.perception.task.PerceptionTasks;
import cockpit.perception.task.TaskRunner;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.VehicleState;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The perception verticle on a real Vert.x event bus (no network) with the generated tiny model. Uses a plain
 * {@code Vertx.vertx()}: the perception module has no vertx-junit5 test dependency.
 */
class PerceptionVerticleTest {
  static final PerceptionAddresses ADDR =
      new PerceptionAddresses("in.camera", "in.vehicle", "out.detections", "out.alerts", "out.errors");
  static NpuRuntime runtime;
  static DialogueModel model;
  static VisionEncoderSession encoder;
  static TaskRunner runner;
  static InferenceExecutor executor;

  @BeforeAll
  static void load() throws Exception {
    runtime = cockpit.dialogue.TinyModel.runtime();
    model = cockpit.dialogue.TinyModel.model();
    encoder = cockpit.perception.TinyVision.encoder();
    runner = cockpit.perception.TinyVision.runner();
    executor = new InferenceExecutor(1, 16);
  }

  @AfterAll
  static void close() throws Exception {
    if (executor != null) {
      executor.close();
    }
  }

  static void localCodecs(Vertx vertx) {
    cockpit.dialogue.LocalCodecs.register(vertx, CameraFrame.class, VehicleState.class, DetectionSet.class,
        Alert.class, ErrorReport.class);
  }

  static void eventually(BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!c.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(c.getAsBoolean());
  }

  static CameraFrame frame(String camera, long sequence, int w, int h, int dataBytes) {
    byte[] data = new byte[dataBytes];
    new Random(7).nextBytes(data);
    return CameraFrame.newBuilder().setCameraId(camera).setSequence(sequence)
        .setCaptureTime(Timestamp.newBuilder().setSeconds(1_700_000_000L))
        .setEncoding(FrameEncoding.FRAME_ENCODING_RGB8).setWidth(w).setHeight(h)
        .setData(ByteString.copyFrom(data)).build();
  }

  static Object await(io.vertx.core.Future<?> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void framesAreDetectedGatedOrRefusedAndAlwaysAcknowledged() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      localCodecs(vertx);
      List<DetectionSet> sets = new CopyOnWriteArrayList<>();
      List<ErrorReport> errors = new CopyOnWriteArrayList<>();
      List<Alert> alerts = new CopyOnWriteArrayList<>();
      vertx.eventBus().<DetectionSet>consumer(ADDR.detections(), m -> sets.add(m.body()));
      vertx.eventBus().<ErrorReport>consumer(ADDR.errors(), m -> errors.add(m.body()));
      vertx.eventBus().<Alert>consumer(ADDR.alerts(), m -> alerts.add(m.body()));
      Clock clock = Clock.systemUTC();
      PerceptionVerticle v = new PerceptionVerticle(runner, List.of(PerceptionTasks.occupancy()),
          new AlertEngine(AlertRulesConfig.defaults(), clock), executor, ADDR, clock);
      await(vertx.deployVerticle(v));

      CameraFrame f = frame(PerceptionTasks.CABIN_CAMERA, 42, 64, 48, 64 * 48 * 3);
      var opts = new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(120_000);
      await(vertx.eventBus().request(ADDR.camera(), f, opts)); // acknowledged after processing
      eventually(() -> sets.size() == 1);
      assertEquals(PerceptionTasks.OCCUPANCY, sets.get(0).getTask());
      assertEquals(42, sets.get(0).getFrame().getSequence());
      assertEquals(PerceptionTasks.CABIN_CAMERA, sets.get(0).getFrame().getCameraId());
      assertEquals(1L, v.counters().get("inference_runs"));

      // The identical frame again: the change gate skips it, the request is still acknowledged.
      await(vertx.eventBus().request(ADDR.camera(), f.toBuilder().setSequence(43).build(), opts));
      assertEquals(1L, v.counters().get("frames_skipped"));
      assertEquals(1L, v.counters().get("inference_runs"));
      assertEquals(1, sets.size());

      // A corrupt RGB8 frame: too little data.
      CameraFrame bad = frame(PerceptionTasks.CABIN_CAMERA, 44, 64, 48, 100);
      await(vertx.eventBus().request(ADDR.camera(), bad, opts));
      eventually(() -> !errors.isEmpty());
      ErrorReport e = errors.get(0);
      assertEquals(ErrorReason.ERROR_REASON_INVALID_FRAME, e.getReason());
      assertTrue(e.getMessage().contains(PerceptionTasks.CABIN_CAMERA), e.getMessage());
      assertTrue(e.getMessage().contains("44"), e.getMessage());
      assertEquals(PerceptionTasks.CABIN_CAMERA, e.getOffendingKey());
      assertEquals(1L, v.counters().get("frames_invalid"));
      assertEquals(3L, v.counters().get("frames_received"));
      assertEquals(2L, v.counters().get("frames_decoded"));

      // Vehicle state feeds the alert engine; no error comes of it.
      vertx.eventBus().publish(ADDR.vehicleState(), VehicleState.newBuilder().setSpeedKmh(30).build());
      Thread.sleep(300); // let a tick run too
      assertEquals(1, errors.size(), errors.toString());
      assertEquals(1, sets.size());

      await(vertx.undeploy(vertx.deploymentIDs().iterator().next()));
    } finally {
      await(vertx.close());
    }
  }
}
