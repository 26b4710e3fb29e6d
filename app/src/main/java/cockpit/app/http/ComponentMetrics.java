package cockpit.app.http;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.InferenceLatency;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.TopicCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The component's own meters (names in README, "Metrics"). Counters that already exist in the
 * component are not counted twice: they are read from the latest {@link ComponentStatus}, which
 * {@link #refresh} installs before each scrape. Distributions (perception latency per stage, queue wait, TTFT,
 * tok/s) and per-kind counts are recorded from the messages on the event bus ({@link #onReply},
 * {@link #onDetections}, {@link #onAlert}, {@link #onError}). Thread-safe.
 */
public final class ComponentMetrics {
  /** Status counter → (meter, tag key, tag value); every one a cumulative count. */
  private static final Map<String, String[]> STATUS_COUNTERS = Map.ofEntries(
      Map.entry("camera_frames_delivered", new String[] {"cockpit.frames", "stage", "delivered"}),
      Map.entry("perception_frames_received", new String[] {"cockpit.frames", "stage", "received"}),
      Map.entry("perception_frames_decoded", new String[] {"cockpit.frames", "stage", "decoded"}),
      Map.entry("perception_frames_skipped", new String[] {"cockpit.frames", "stage", "skipped"}),
      Map.entry("perception_frames_invalid", new String[] {"cockpit.frames", "stage", "invalid"}),
      Map.entry("perception_inference_runs", new String[] {"cockpit.perception.inferences", "outcome", "ok"}),
      Map.entry("perception_inference_failures", new String[] {"cockpit.perception.inferences", "outcome", "failed"}),
      Map.entry("error_reports_suppressed", new String[] {"cockpit.bus.error.reports.suppressed", "", ""}),
      Map.entry("error_reports_published", new String[] {"cockpit.bus.error.reports.published", "", ""}),
      Map.entry("error_report_summaries", new String[] {"cockpit.bus.error.summaries", "", ""}),
      Map.entry("camera_streams_evicted", new String[] {"cockpit.bus.camera.streams.evicted", "", ""}),
      Map.entry("camera_frames_refused", new String[] {"cockpit.frames", "stage", "refused"}),
      Map.entry("snapshot_saves", new String[] {"cockpit.snapshot.operations", "op", "save"}),
      Map.entry("snapshot_save_failures", new String[] {"cockpit.snapshot.failures", "op", "save"}),
      Map.entry("snapshot_saved_bytes", new String[] {"cockpit.snapshot.bytes", "op", "save"}),
      Map.entry("snapshot_loads", new String[] {"cockpit.snapshot.operations", "op", "load"}),
      Map.entry("snapshot_load_failures", new String[] {"cockpit.snapshot.failures", "op", "load"}),
      Map.entry("snapshot_loaded_bytes", new String[] {"cockpit.snapshot.bytes", "op", "load"}),
      Map.entry("snapshot_trimmed_files", new String[] {"cockpit.snapshot.trimmed", "unit", "files"}),
      Map.entry("snapshot_trimmed_bytes", new String[] {"cockpit.snapshot.trimmed", "unit", "bytes"}),
      Map.entry("inference_started_safety", new String[] {"cockpit.inference.started", "priority", "safety"}),
      Map.entry("inference_started_dialogue", new String[] {"cockpit.inference.started", "priority", "dialogue"}),
      Map.entry("inference_started_background", new String[] {"cockpit.inference.started", "priority", "background"}),
      Map.entry("inference_refused_safety", new String[] {"cockpit.inference.refused", "priority", "safety"}),
      Map.entry("inference_refused_dialogue", new String[] {"cockpit.inference.refused", "priority", "dialogue"}),
      Map.entry("inference_refused_background", new String[] {"cockpit.inference.refused", "priority", "background"}),
      Map.entry("inference_wait_ms_safety", new String[] {"cockpit.inference.wait.ms", "priority", "safety"}),
      Map.entry("inference_wait_ms_dialogue", new String[] {"cockpit.inference.wait.ms", "priority", "dialogue"}),
      Map.entry("inference_wait_ms_background", new String[] {"cockpit.inference.wait.ms", "priority",
          "background"}));
  /** Status values that are levels, not counts: (meter, tag key, tag value). */
  private static final Map<String, String[]> STATUS_GAUGES = Map.ofEntries(
      Map.entry("snapshot_files", new String[] {"cockpit.snapshot.disk", "unit", "files"}),
      Map.entry("snapshot_bytes", new String[] {"cockpit.snapshot.disk", "unit", "bytes"}),
      Map.entry("inference_wait_ms_max_safety", new String[] {"cockpit.inference.wait.max.ms", "priority", "safety"}),
      Map.entry("inference_wait_ms_max_dialogue", new String[] {"cockpit.inference.wait.max.ms", "priority",
          "dialogue"}),
      Map.entry("inference_wait_ms_max_background", new String[] {"cockpit.inference.wait.max.ms", "priority",
          "background"}));
  private static final Duration[] LATENCY_BUCKETS = buckets(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);

  private final MeterRegistry registry;
  /** Meters read from the status, registered once each (Micrometer warns on re-registering them). */
  private final java.util.Set<String> registered = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile ComponentStatus latest = ComponentStatus.getDefaultInstance();

  /** Meters on {@code registry}; {@code cameraTopic} is the camera key template (its drops are frame drops). */
  public ComponentMetrics(MeterRegistry registry, String cameraTopic) {
    this.registry = registry;
    FunctionCounter.builder("cockpit.frames", this, m -> m.latest.getTopicsList().stream()
        .filter(t -> t.getKeyExpr().equals(cameraTopic)).mapToLong(TopicCounters::getDropped).sum())
        .tag("stage", "dropped").description("camera frames by stage (dropped: superseded before delivery)")
        .register(registry);
    FunctionCounter.builder("cockpit.frames", this, m -> m.latest.getCountersOrDefault("perception_frames_decoded", 0)
        - m.latest.getCountersOrDefault("perception_frames_skipped", 0)).tag("stage", "processed").register(registry);
    Gauge.builder("cockpit.dialogue.sessions.active", this, m -> m.latest.getActiveSessions())
        .description("sessions whose decoder state is resident in memory").register(registry);
    Gauge.builder("cockpit.uptime.seconds", this, m -> m.latest.getUptimeMs() / 1000.0).register(registry);
  }

  /** Installs a fresh status and registers meters for counters seen the first time. */
  public void refresh(ComponentStatus status) {
    latest = status;
    status.getCountersMap().keySet().forEach(this::registerStatusCounter);
    for (int i = 0; i < status.getTopicsCount(); i++) {
      String topic = status.getTopics(i).getKeyExpr();
      registerTopic(topic, "received", TopicCounters::getReceived);
      registerTopic(topic, "published", TopicCounters::getPublished);
      registerTopic(topic, "dropped", TopicCounters::getDropped);
      registerTopic(topic, "malformed", TopicCounters::getMalformed);
      registerTopic(topic, "oversized", TopicCounters::getOversized);
    }
    if (status.getCountersMap().containsKey("dialogue_sessions_known") && registered.add("sessions.known")) {
      Gauge.builder("cockpit.dialogue.sessions.known", this,
          m -> m.latest.getCountersOrDefault("dialogue_sessions_known", 0)).register(registry);
    }
  }

  private void registerStatusCounter(String key) {
    String[] gauge = STATUS_GAUGES.get(key);
    if (gauge != null && registered.add("status:" + key)) {
      Gauge.builder(gauge[0], this, m -> m.latest.getCountersOrDefault(key, 0)).tag(gauge[1], gauge[2])
          .register(registry);
      return;
    }
    String[] meter = STATUS_COUNTERS.get(key);
    if (meter == null || !registered.add("status:" + key)) {
      return;
    }
    var b = FunctionCounter.builder(meter[0], this, m -> m.latest.getCountersOrDefault(key, 0));
    if (!meter[1].isEmpty()) {
      b.tag(meter[1], meter[2]);
    }
    b.register(registry);
  }

  private void registerTopic(String topic, String kind, java.util.function.ToLongFunction<TopicCounters> f) {
    if (!registered.add("topic:" + topic + ":" + kind)) {
      return;
    }
    ToDoubleFunction<ComponentMetrics> read = m -> m.latest.getTopicsList().stream()
        .filter(t -> t.getKeyExpr().equals(topic)).mapToLong(f).sum();
    FunctionCounter.builder("cockpit.bus.messages", this, read).tag("topic", topic).tag("kind", kind)
        .description("messages per topic: received, published, dropped (camera: superseded by a newer frame), "
            + "malformed, oversized").register(registry);
  }

  /** A Reply from the replies address: final ones carry the turn's timings. */
  public void onReply(Reply r) {
    if (!r.getIsFinal()) {
      return;
    }
    Counter.builder("cockpit.dialogue.turns").tag("finish_reason", r.getFinishReason().name()).register(registry)
        .increment();
    if (!r.hasTimings() || r.getTimings().getCompletionTokens() == 0) {
      return;
    }
    timer("cockpit.dialogue.queue.wait", "utterance arrival to the start of its prefill (not in TTFT)")
        .record(millis(r.getTimings().getQueueWaitMs()));
    timer("cockpit.dialogue.ttft", "time to first token").record(millis(r.getTimings().getTtftMs()));
    timer("cockpit.dialogue.prefill", "prompt prefill time").record(millis(r.getTimings().getPrefillMs()));
    DistributionSummary.builder("cockpit.dialogue.tokens.per.second").description("decode speed per turn")
        .serviceLevelObjectives(1, 5, 10, 20, 50, 100, 200, 500, 1000).register(registry)
        .record(r.getTimings().getTokensPerSecond());
  }

  /** A DetectionSet from the detections address: its latency breakdown per stage. */
  public void onDetections(DetectionSet set) {
    InferenceLatency l = set.getLatency();
    String task = set.getTask();
    stage(task, "queue", l.getQueueMs());
    stage(task, "preprocess", l.getPreprocessMs());
    stage(task, "vision_encode", l.getVisionEncodeMs());
    stage(task, "prefill", l.getPrefillMs());
    stage(task, "decode", l.getDecodeMs());
    stage(task, "total", l.getTotalMs());
  }

  private void stage(String task, String stage, float ms) {
    Timer.builder("cockpit.perception.latency").tag("task", task).tag("stage", stage)
        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(millis(ms));
  }

  public void onAlert(Alert a) {
    Counter.builder("cockpit.alerts").tag("kind", a.getKind().name()).tag("state", a.getState().name())
        .register(registry).increment();
  }

  /** An HTTP request refused for its Host header (DNS-rebinding guard). */
  public void onRefusedHost() {
    Counter.builder("cockpit.http.refused.hosts").description("HTTP requests refused for their Host header")
        .register(registry).increment();
  }

  public void onError(ErrorReport e) {
    Counter.builder("cockpit.bus.error.reports").tag("reason", e.getReason().name()).register(registry).increment();
  }

  private Timer timer(String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
  }

  private static Duration millis(float ms) {
    return Duration.ofNanos(Math.max(0, Math.round(ms * 1e6)));
  }

  private static Duration[] buckets(long... ms) {
    Duration[] d = new Duration[ms.length];
    for (int i = 0; i < ms.length; i++) {
      d[i] = Duration.ofMillis(ms[i]);
    }
    return d;
  }
}
