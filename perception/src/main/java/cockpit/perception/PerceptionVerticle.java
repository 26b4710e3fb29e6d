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
import cockpit.perception.task.VehicleMode;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.PerceptionRequest;
import cockpit.proto.v1.VehicleState;
import com.google.protobuf.Timestamp;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Perception on the event bus: CameraFrame (sent with {@code request}, keep-latest) → is any task due on this
 * camera in the current vehicle mode? (if not, the frame is not even decoded) → decode → change gate → each
 * due task on the SAFETY priority of the inference executor → DetectionSet on the detections address and into
 * the {@link AlertEngine} → Alerts. VehicleState sets the {@link VehicleMode} the duty cycles follow and feeds
 * the alert engine; a periodic tick lets time-based rules fire. PerceptionRequests queue a run of an
 * on-request task on the next frame of its cameras (bypassing the change gate). Every camera message gets
 * exactly one empty reply once it is processed, skipped or refused, so the bridge can send the next frame.
 * Nothing heavy runs on the event loop; the alert engine and the {@link TaskScheduler} are only touched on it.
 * Every frame received is also kept as its camera's latest in the runner's
 * {@link cockpit.perception.frame.CameraImages}, whose feature cache dialogue turns share.
 */
public final class PerceptionVerticle extends VerticleBase {
  /** How often {@link AlertEngine#tick()} runs. */
  public static final long TICK_MS = 200;

  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private final TaskRunner runner;
  private final List<PerceptionTask> tasks;
  private final AlertEngine alerts;
  private final InferenceExecutor executor;
  private final PerceptionAddresses addresses;
  private final Clock clock;
  private final FrameDecoder decoder = new FrameDecoder();
  private final ChangeGate gate;
  /** Event loop only. */
  private final TaskScheduler scheduler;

  private final AtomicLong framesReceived = new AtomicLong();
  private final AtomicLong framesDecoded = new AtomicLong();
  private final AtomicLong framesSkipped = new AtomicLong();
  private final AtomicLong framesNotDue = new AtomicLong();
  private final AtomicLong requestsAccepted = new AtomicLong();
  private final AtomicLong requestsRefused = new AtomicLong();
  private final AtomicLong inferenceThreadCpuNanos = new AtomicLong();
  private final AtomicLong framesInvalid = new AtomicLong();
  private final AtomicLong inferenceRuns = new AtomicLong();
  private final AtomicLong inferenceFailures = new AtomicLong();
  private final AtomicLong inferenceMsTotal = new AtomicLong();
  private final AtomicLong alertsPublished = new AtomicLong();

  private MessageConsumer<CameraFrame> camera;
  private MessageConsumer<VehicleState> vehicle;
  private MessageConsumer<PerceptionRequest> requests;
  private long tickTimer = -1;

  /** With the change gate on. */
  public PerceptionVerticle(TaskRunner runner, List<PerceptionTask> tasks, AlertEngine alerts,
      InferenceExecutor executor, PerceptionAddresses addresses, Clock clock) {
    this(runner, tasks, alerts, executor, addresses, clock, true);
  }

  /** @param changeGate false runs due tasks on every frame, changed or not (for comparisons) */
  public PerceptionVerticle(TaskRunner runner, List<PerceptionTask> tasks, AlertEngine alerts,
      InferenceExecutor executor, PerceptionAddresses addresses, Clock clock, boolean changeGate) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.tasks = List.copyOf(tasks);
    this.scheduler = new TaskScheduler(this.tasks);
    this.gate = changeGate ? new ChangeGate() : null;
    this.alerts = Objects.requireNonNull(alerts, "alerts");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    camera = vertx.eventBus().consumer(addresses.camera(), this::onFrame);
    vehicle = vertx.eventBus().consumer(addresses.vehicleState(), m -> onVehicleState(m.body()));
    requests = vertx.eventBus().consumer(addresses.requests(), m -> onRequest(m.body()));
    tickTimer = vertx.setPeriodic(TICK_MS, id -> publishAlerts(safe(alerts::tick)));
    return Future.join(camera.completion(), vehicle.completion(), requests.completion());
  }

  /** A snapshot of the counters; safe from any thread. */
  public Map<String, Long> counters() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("frames_received", framesReceived.get());
    m.put("frames_decoded", framesDecoded.get());
    m.put("frames_skipped", framesSkipped.get());
    m.put("frames_not_due", framesNotDue.get());
    m.put("requests_accepted", requestsAccepted.get());
    m.put("requests_refused", requestsRefused.get());
    m.put("frames_invalid", framesInvalid.get());
    m.put("inference_runs", inferenceRuns.get());
    m.put("inference_failures", inferenceFailures.get());
    m.put("inference_ms_total", inferenceMsTotal.get());
    m.put("inference_thread_cpu_ms_total", inferenceThreadCpuNanos.get() / 1_000_000);
    m.put("alerts_published", alertsPublished.get());
    return m;
  }

  private record Decoded(RgbImage image, boolean changed) {}

  private void onFrame(Message<CameraFrame> msg) {
    long received = System.nanoTime();
    framesReceived.incrementAndGet();
    CameraFrame frame = msg.body();
    if (frame == null) {
      framesInvalid.incrementAndGet();
      report(ErrorReason.ERROR_REASON_INVALID_FRAME, "", "camera message without a CameraFrame");
      ack(msg);
      return;
    }
    runner.images().record(frame); // a dialogue turn may attach this camera's latest frame
    if (!scheduler.anyDue(frame.getCameraId(), clock.millis())) {
      framesNotDue.incrementAndGet();
      ack(msg);
      return;
    }
    Future<Decoded> decoded = vertx.executeBlocking(() -> {
      RgbImage img = decoder.decode(frame);
      framesDecoded.incrementAndGet();
      return new Decoded(img, gate == null || gate.accept(frame.getCameraId(), img));
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
        List<TaskScheduler.Run> due = scheduler.take(frame.getCameraId(), clock.millis(), ar.result().changed());
        if (!ar.result().changed()) {
          framesSkipped.incrementAndGet();
        }
        if (due.isEmpty()) {
          ack(msg);
          return;
        }
        runTasks(frame, ar.result().image(), due, received).onComplete(done -> ack(msg));
      } catch (RuntimeException e) {
        report(ErrorReason.ERROR_REASON_INTERNAL, frame.getCameraId(), String.valueOf(e.getMessage()));
        ack(msg);
      }
    });
  }

  private Future<Void> runTasks(CameraFrame frame, RgbImage image, List<TaskScheduler.Run> due, long received) {
    String cam = frame.getCameraId();
    List<Future<Void>> runs = new ArrayList<>();
    for (TaskScheduler.Run r : due) {
      PerceptionTask task = r.task();
      long t0 = System.nanoTime();
      Future<DetectionSet> run = Future.fromCompletionStage(
          executor.submit(InferenceExecutor.Priority.SAFETY, () -> timed(task, frame, image, r.requestId(), received)),
          context);
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

  /**
   * Runs on the inference thread; counts that thread's CPU time (ORT pool threads show in process CPU only).
   * Adds to the runner's latency what came before it: queue_ms is the frame's receipt here to the start of
   * this task (frame decoding, the inference queue), and total_ms then runs from the receipt.
   */
  private DetectionSet timed(PerceptionTask task, CameraFrame frame, RgbImage image, String requestId,
      long received) {
    long start = System.nanoTime();
    long cpu0 = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : 0;
    try {
      DetectionSet set = runner.run(task, frame, image);
      DetectionSet.Builder b = set.toBuilder();
      b.getLatencyBuilder().setQueueMs((start - received) / 1e6f).setTotalMs((System.nanoTime() - received) / 1e6f);
      return (requestId.isEmpty() ? b : b.setRequestId(requestId)).build();
    } finally {
      if (CPU.isCurrentThreadCpuTimeSupported()) {
        inferenceThreadCpuNanos.addAndGet(CPU.getCurrentThreadCpuTime() - cpu0);
      }
    }
  }

  private void onRequest(PerceptionRequest r) {
    if (r == null) {
      requestsRefused.incrementAndGet();
      report(ErrorReason.ERROR_REASON_INVALID_ARGUMENT, addresses.requests(), "",
          "request message without a PerceptionRequest");
      return;
    }
    scheduler.request(r).ifPresentOrElse(why -> {
      requestsRefused.incrementAndGet();
      report(ErrorReason.ERROR_REASON_INVALID_ARGUMENT, addresses.requests(), r.getRequestId(),
          "perception request " + r.getRequestId() + ": " + why);
    }, requestsAccepted::incrementAndGet);
  }

  static ErrorReason reason(Throwable e) {
    if (e instanceof TaskFailedException && !String.valueOf(e.getMessage()).contains(": inference failed:")) {
      return ErrorReason.ERROR_REASON_MODEL_OUTPUT_INVALID;
    }
    return ErrorReason.ERROR_REASON_INFERENCE_FAILED;
  }

  private void onVehicleState(VehicleState state) {
    if (state == null) {
      report(ErrorReason.ERROR_REASON_INVALID_ARGUMENT, addresses.vehicleState(), "",
          "vehicle-state message without a VehicleState");
      return;
    }
    scheduler.mode(VehicleMode.of(state));
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
    report(reason, addresses.camera(), cameraId, message);
  }

  private void report(ErrorReason reason, String topic, String key, String message) {
    vertx.eventBus().publish(addresses.errors(), ErrorReport.newBuilder().setTime(now()).setTopic(topic)
        .setReason(reason).setMessage(message).setOffendingKey(key).build());
  }


  private static Timestamp now() {
    Instant n = Instant.now();
    return Timestamp.newBuilder().setSeconds(n.getEpochSecond()).setNanos(n.getNano()).build();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(tickTimer);
    return Future.join(camera.unregister(), vehicle.unregister(), requests.unregister());
  }
}
