package cockpit.perception;

import cockpit.npu.runtime.InferenceExecutor;
import cockpit.perception.alert.AlertEngine;
import cockpit.perception.frame.ChangeGate;
import cockpit.perception.frame.FrameDecoder;
import cockpit.perception.frame.InvalidFrameException;
import cockpit.perception.frame.RgbImage;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.TaskFailedException;
import cockpit.perception.task.TaskRunner;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.VehicleState;
import com.google.protobuf.Timestamp;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Perception on the event bus: CameraFrame (sent with {@code request}, keep-latest) → decode → change gate →
 * each due task on the SAFETY priority of the inference executor → DetectionSet on the detections address and
 * into the {@link AlertEngine} → Alerts. VehicleState feeds the alert engine too, and a periodic tick lets
 * time-based rules fire. Every camera message gets exactly one empty reply once it is processed, skipped or
 * refused, so the bridge can send the next frame. Nothing heavy runs on the event loop; the alert engine and
 * the per task+camera schedule are only touched on it.
 */
public final class PerceptionVerticle extends VerticleBase {
  /** How often {@link AlertEngine#tick()} runs. */
  public static final long TICK_MS = 200;

  private final TaskRunner runner;
  private final List<PerceptionTask> tasks;
  private final AlertEngine alerts;
  private final InferenceExecutor executor;
  private final PerceptionAddresses addresses;
  private final Clock clock;
  private final FrameDecoder decoder = new FrameDecoder();
  private final ChangeGate gate = new ChangeGate();
  /** Last run start (clock millis) per task name + camera id; event loop only. */
  private final Map<String, Long> lastRun = new HashMap<>();

  private final AtomicLong framesReceived = new AtomicLong();
  private final AtomicLong framesDecoded = new AtomicLong();
  private final AtomicLong framesSkipped = new AtomicLong();
  private final AtomicLong framesInvalid = new AtomicLong();
  private final AtomicLong inferenceRuns = new AtomicLong();
  private final AtomicLong inferenceFailures = new AtomicLong();
  private final AtomicLong inferenceMsTotal = new AtomicLong();
  private final AtomicLong alertsPublished = new AtomicLong();

  private MessageConsumer<CameraFrame> camera;
  private MessageConsumer<VehicleState> vehicle;
  private long tickTimer = -1;

  public PerceptionVerticle(TaskRunner runner, List<PerceptionTask> tasks, AlertEngine alerts,
      InferenceExecutor executor, PerceptionAddresses addresses, Clock clock) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.tasks = List.copyOf(tasks);
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    camera = vertx.eventBus().consumer(addresses.camera(), this::onFrame);
    vehicle = vertx.eventBus().consumer(addresses.vehicleState(), m -> onVehicleState(m.body()));
    tickTimer = vertx.setPeriodic(TICK_MS, id -> publishAlerts(safe(alerts::tick)));
    return Future.join(camera.completion(), vehicle.completion());
  }

  /** A snapshot of the counters; safe from any thread. */
  public Map<String, Long> counters() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("frames_received", framesReceived.get());
    m.put("frames_decoded", framesDecoded.get());
    m.put("frames_skipped", framesSkipped.get());
    m.put("frames_invalid", framesInvalid.get());
    m.put("inference_runs", inferenceRuns.get());
    m.put("inference_failures", inferenceFailures.get());
    m.put("inference_ms_total", inferenceMsTotal.get());
    m.put("alerts_published", alertsPublished.get());
    return m;
  }

  private record Decoded(RgbImage image, boolean changed) {}

  private void onFrame(Message<CameraFrame> msg) {
    framesReceived.incrementAndGet();
    CameraFrame frame = msg.body();
    if (frame == null) {
      framesInvalid.incrementAndGet();
      report(ErrorReason.ERROR_REASON_INVALID_FRAME, "", "camera message without a CameraFrame");
      ack(msg);
      return;
    }
    Future<Decoded> decoded = vertx.executeBlocking(() -> {
      RgbImage img = decoder.decode(frame);
      framesDecoded.incrementAndGet();
      return new Decoded(img, gate.accept(frame.getCameraId(), img));
    }, false);
    decoded.onComplete(ar -> {
      try {
        if (ar.failed()) {
          framesInvalid.incrementAndGet();
          Throwable e = ar.cause();
          report(e instanceof InvalidFrameException ? ErrorReason.ERROR_REASON_INVALID_FRAME
              : ErrorReason.ERROR_REASON_INTERNAL, frame.getCameraId(), "camera " + frame.getCameraId()
              + " frame " + frame.getSequence() + ": " + e.getMessage());
          ack(msg);
          return;
        }
        if (!ar.result().changed()) {
          framesSkipped.incrementAndGet();
          ack(msg);
          return;
        }
        runDueTasks(frame, ar.result().image()).onComplete(done -> ack(msg));
      } catch (RuntimeException e) {
        report(ErrorReason.ERROR_REASON_INTERNAL, frame.getCameraId(), String.valueOf(e.getMessage()));
        ack(msg);
      }
    });
  }

  private Future<Void> runDueTasks(CameraFrame frame, RgbImage image) {
    String cam = frame.getCameraId();
    long now = clock.millis();
    List<Future<Void>> runs = new ArrayList<>();
    for (PerceptionTask task : tasks) {
      if (!task.appliesTo(cam)) {
        continue;
      }
      String key = task.name() + '\u0000' + cam;
      Long last = lastRun.get(key);
      if (last != null && now - last < task.minInterval().toMillis()) {
        continue;
      }
      lastRun.put(key, now);
      long t0 = System.nanoTime();
      Future<DetectionSet> run = Future.fromCompletionStage(
          executor.submit(InferenceExecutor.Priority.SAFETY, () -> runner.run(task, frame, image)), context);
      runs.add(run.map(set -> {
        inferenceRuns.incrementAndGet();
        inferenceMsTotal.addAndGet((System.nanoTime() - t0) / 1_000_000);
        vertx.eventBus().publish(addresses.detections(), set);
        publishAlerts(safe(() -> alerts.onDetections(set)));
        return (Void) null;
      }).recover(e -> {
        inferenceFailures.incrementAndGet();
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        report(reason(cause), cam, "task " + task.name() + " on camera " + cam + " frame " + frame.getSequence()
            + ": " + cause.getMessage());
        return Future.succeededFuture();
      }));
    }
    return Future.join(runs).mapEmpty();
  }

  static ErrorReason reason(Throwable e) {
    if (e instanceof TaskFailedException && !String.valueOf(e.getMessage()).contains(": inference failed:")) {
      return ErrorReason.ERROR_REASON_MODEL_OUTPUT_INVALID;
    }
    return ErrorReason.ERROR_REASON_INFERENCE_FAILED;
  }

  private void onVehicleState(VehicleState state) {
    if (state == null) {
      report(ErrorReason.ERROR_REASON_INVALID_ARGUMENT, "", "vehicle-state message without a VehicleState");
      return;
    }
    publishAlerts(safe(() -> alerts.onVehicleState(state)));
  }

  private List<Alert> safe(java.util.function.Supplier<List<Alert>> f) {
    try {
      return f.get();
    } catch (RuntimeException e) {
      report(ErrorReason.ERROR_REASON_INTERNAL, "", "alert engine: " + e.getMessage());
      return List.of();
    }
  }

  private void publishAlerts(List<Alert> list) {
    for (Alert a : list) {
      alertsPublished.incrementAndGet();
      vertx.eventBus().publish(addresses.alerts(), a);
    }
  }

  private static void ack(Message<?> msg) {
    if (msg.replyAddress() != null) {
      msg.reply(null);
    }
  }

  private void report(ErrorReason reason, String cameraId, String message) {
    vertx.eventBus().publish(addresses.errors(), ErrorReport.newBuilder().setTime(now()).setTopic(addresses.camera())
        .setReason(reason).setMessage(message).setOffendingKey(cameraId).build());
  }

  private static Timestamp now() {
    Instant n = Instant.now();
    return Timestamp.newBuilder().setSeconds(n.getEpochSecond()).setNanos(n.getNano()).build();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(tickTimer);
    return Future.join(camera.unregister(), vehicle.unregister());
  }
}
