package cockpit.perception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.runtime.InferenceExecutor;
import cockpit.perception.alert.AlertEngine;
import cockpit.perception.alert.AlertRulesConfig;
import cockpit.perception.task.DutyCycle;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.perception.task.TaskRunner;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.PerceptionRequest;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.VehicleState;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The perception verticle on a real Vert.x event bus (no network) with the generated tiny model (reference
 * backend). Uses a plain {@code Vertx.vertx()}: the perception module has no vertx-junit5 test dependency.
 */
class PerceptionVerticleTest {
  static final PerceptionAddresses ADDR =
      new PerceptionAddresses("in.camera", "in.vehicle", "in.requests", "out.detections", "out.alerts", "out.errors");
  static TaskRunner runner;
  static InferenceExecutor executor;

  @BeforeAll
  static void load() throws Exception {
    runner = TinyVision.runner();
    executor = new InferenceExecutor(1, 16);
  }

  @AfterAll
  static void close() throws Exception {
    if (executor != null) {
      executor.close();
    }
  }

  static void localCodecs(Vertx vertx) {
    LocalCodecs.register(vertx, CameraFrame.class, VehicleState.class, DetectionSet.class,
        Alert.class, ErrorReport.class, PerceptionRequest.class);
  }

  static void eventually(BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!c.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(c.getAsBoolean());
  }

  static CameraFrame frame(String camera, long sequence, int w, int h, int dataBytes) {
    return frame(camera, sequence, w, h, dataBytes, 7);
  }

  static CameraFrame frame(String camera, long sequence, int w, int h, int dataBytes, long seed) {
    byte[] data = new byte[dataBytes];
    new Random(seed).nextBytes(data);
    if (seed != 7) {
      for (int i = 0; i < data.length / 2; i++) {
        data[i] = 0; // a dark upper half: far from any noise frame for the change gate
      }
    }
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
      PerceptionTask o = PerceptionTasks.occupancy();
      PerceptionTask everyFrame = o.withSchedule(DutyCycle.always(Duration.ZERO));
      PerceptionVerticle v = new PerceptionVerticle(runner, List.of(everyFrame),
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

  @Test
  void dutyCyclesFollowTheVehicleModeAndRequestsRunOnTheNextFrame() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      localCodecs(vertx);
      List<DetectionSet> sets = new CopyOnWriteArrayList<>();
      List<ErrorReport> errors = new CopyOnWriteArrayList<>();
      vertx.eventBus().<DetectionSet>consumer(ADDR.detections(), m -> sets.add(m.body()));
      vertx.eventBus().<ErrorReport>consumer(ADDR.errors(), m -> errors.add(m.body()));
      Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
      PerceptionVerticle v = new PerceptionVerticle(runner,
          List.of(PerceptionTasks.driverMonitoring(), PerceptionTasks.carFinder()),
          new AlertEngine(AlertRulesConfig.defaults(), clock), executor, ADDR, clock);
      await(vertx.deployVerticle(v));
      var opts = new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(120_000);
      String driver = PerceptionTasks.DRIVER_CAMERA;
      String exterior = PerceptionTasks.EXTERIOR_CAMERA;

      // Parked: driver monitoring is off and the car finder waits for a request, so no frame is decoded.
      vertx.eventBus().publish(ADDR.vehicleState(), VehicleState.newBuilder()
          .setPowerState(PowerState.POWER_STATE_OFF).setIsLocked(true).build());
      await(vertx.eventBus().request(ADDR.camera(), frame(driver, 1, 64, 48, 64 * 48 * 3), opts));
      await(vertx.eventBus().request(ADDR.camera(), frame(exterior, 2, 64, 48, 64 * 48 * 3), opts));
      assertEquals(2L, v.counters().get("frames_not_due"));
      assertEquals(0L, v.counters().get("frames_decoded"));

      // A request for the car finder runs on the next exterior frame, even an unchanged one, exactly once.
      vertx.eventBus().publish(ADDR.requests(), PerceptionRequest.newBuilder().setRequestId("find-1")
          .setTask(PerceptionTasks.CAR_FINDER).build());
      await(vertx.eventBus().request(ADDR.camera(), frame(exterior, 3, 64, 48, 64 * 48 * 3), opts));
      eventually(() -> sets.size() == 1);
      assertEquals(PerceptionTasks.CAR_FINDER, sets.get(0).getTask());
      assertEquals("find-1", sets.get(0).getRequestId());
      assertEquals(3, sets.get(0).getFrame().getSequence());
      await(vertx.eventBus().request(ADDR.camera(), frame(exterior, 4, 64, 48, 64 * 48 * 3), opts));
      assertEquals(3L, v.counters().get("frames_not_due"));

      // Refused requests: unknown task, a duty-cycle task, a camera the task does not watch.
      vertx.eventBus().publish(ADDR.requests(), PerceptionRequest.newBuilder().setRequestId("r2").setTask("nope").build());
      vertx.eventBus().publish(ADDR.requests(), PerceptionRequest.newBuilder().setRequestId("r3")
          .setTask(PerceptionTasks.DRIVER_MONITORING).build());
      vertx.eventBus().publish(ADDR.requests(), PerceptionRequest.newBuilder().setRequestId("r4")
          .setTask(PerceptionTasks.CAR_FINDER).addCameraIds(driver).build());
      eventually(() -> errors.size() == 3);
      assertTrue(errors.get(0).getMessage().contains("unknown task \"nope\""), errors.get(0).getMessage());
      assertEquals("r2", errors.get(0).getOffendingKey());
      assertTrue(errors.get(1).getMessage().contains("cannot be requested"), errors.get(1).getMessage());
      assertTrue(errors.get(2).getMessage().contains("does not run on camera"), errors.get(2).getMessage());
      errors.forEach(e -> assertEquals(ErrorReason.ERROR_REASON_INVALID_ARGUMENT, e.getReason()));
      assertEquals(1L, v.counters().get("requests_accepted"));
      assertEquals(3L, v.counters().get("requests_refused"));

      // Driving: driver monitoring at camera rate (interval 0); the change gate still skips a repeated frame.
      vertx.eventBus().publish(ADDR.vehicleState(), VehicleState.newBuilder()
          .setPowerState(PowerState.POWER_STATE_ON).setSpeedKmh(60).build());
      CameraFrame d1 = frame(driver, 5, 64, 48, 64 * 48 * 3);
      await(vertx.eventBus().request(ADDR.camera(), d1, opts));
      await(vertx.eventBus().request(ADDR.camera(), frame(driver, 6, 64, 48, 64 * 48 * 3, 8), opts));
      await(vertx.eventBus().request(ADDR.camera(), frame(driver, 7, 64, 48, 64 * 48 * 3, 8), opts));
      eventually(() -> sets.size() == 3);
      assertEquals(List.of(5L, 6L), sets.subList(1, 3).stream().map(d -> d.getFrame().getSequence()).toList());
      sets.subList(1, 3).forEach(d -> assertEquals(PerceptionTasks.DRIVER_MONITORING, d.getTask()));
      assertEquals(1L, v.counters().get("frames_skipped"));
      assertTrue(v.counters().get("inference_thread_cpu_ms_total") > 0, v.counters().toString());
    } finally {
      await(vertx.close());
    }
  }
}
