package cockpit.app.http;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.FinishReason;
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
 * {@link #onDetections}, {@link #onAlert}, {@link #onError}). Every family has HELP text ({@link MetricFamilies}),
 * every counter whose labels are known in advance is registered at zero from the start, and Micrometer's JVM and
 * process binders ({@link ProcessMeters}) sit beside them. Thread-safe; {@link #close} when the registry is done.
 */
public final class ComponentMetrics implements AutoCloseable {
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
  private final java.util.concurrent.atomic.AtomicReference<Gauge> buildInfo =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final ProcessMeters process;

  /** Meters on {@code registry}; {@code cameraTopic} is the camera key template (its drops are frame drops). */
  public ComponentMetrics(MeterRegistry registry, String cameraTopic) {
    this.registry = registry;
    FunctionCounter.builder("cockpit.frames", this, m -> m.latest.getTopicsList().stream()
        .filter(t -> t.getKeyExpr().equals(cameraTopic)).mapToLong(TopicCounters::getDropped).sum())
        .tag("stage", "dropped").description(MetricFamilies.help("cockpit.frames")).register(registry);
    FunctionCounter.builder("cockpit.frames", this, m -> m.latest.getCountersOrDefault("perception_frames_decoded", 0)
        - m.latest.getCountersOrDefault("perception_frames_skipped", 0)).tag("stage", "processed")
        .description(MetricFamilies.help("cockpit.frames")).register(registry);
    Gauge.builder("cockpit.dialogue.sessions.active", this, m -> m.latest.getActiveSessions())
        .description(MetricFamilies.help("cockpit.dialogue.sessions.active")).register(registry);
    Gauge.builder("cockpit.uptime.seconds", this, m -> m.latest.getUptimeMs() / 1000.0)
        .description(MetricFamilies.help("cockpit.uptime.seconds")).register(registry);
    registerAtZero();
    process = new ProcessMeters(registry);
  }

  /** Every counter and distribution whose labels are known now, so a scrape shows them before their first event. */
  private void registerAtZero() {
    STATUS_COUNTERS.keySet().forEach(this::registerStatusCounter);
    STATUS_GAUGES.keySet().forEach(this::registerStatusCounter);
    registerSessionsKnown();
    for (FinishReason f : FinishReason.values()) {
      if (f != FinishReason.FINISH_REASON_UNSPECIFIED && f != FinishReason.UNRECOGNIZED) {
        turns(f);
      }
    }
    for (AlertKind k : AlertKind.values()) {
      for (AlertState st : AlertState.values()) {
        if (k != AlertKind.ALERT_KIND_UNSPECIFIED && k != AlertKind.UNRECOGNIZED
            && st != AlertState.ALERT_STATE_UNSPECIFIED && st != AlertState.UNRECOGNIZED) {
          alerts(k, st);
        }
      }
    }
    for (ErrorReason r : ErrorReason.values()) {
      if (r != ErrorReason.ERROR_REASON_UNSPECIFIED && r != ErrorReason.UNRECOGNIZED) {
        errors(r);
      }
    }
    refusedHosts();
    timer("cockpit.dialogue.queue.wait");
    timer("cockpit.dialogue.ttft");
    timer("cockpit.dialogue.prefill");
    tokensPerSecond();
  }

  /**
   * Sets {@code cockpit_build_info} (value 1) to these labels, replacing the previous series: the component
   * calls it once HTTP is up ({@code model="none"}) and again when the model is loaded.
   */
  public void buildInfo(String version, String model, String variant, String provider) {
    Gauge g = Gauge.builder("cockpit.build.info", () -> 1).description(MetricFamilies.help("cockpit.build.info"))
        .tag("version", version).tag("model", model).tag("variant", variant).tag("provider", provider)
        .register(registry);
    Gauge old = buildInfo.getAndSet(g);
    if (old != null && !old.getId().equals(g.getId())) {
      registry.remove(old);
    }
  }

  @Override
  public void close() {
    process.close();
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
  }

  private void registerSessionsKnown() {
    if (registered.add("sessions.known")) {
      Gauge.builder("cockpit.dialogue.sessions.known", this,
          m -> m.latest.getCountersOrDefault("dialogue_sessions_known", 0))
          .description(MetricFamilies.help("cockpit.dialogue.sessions.known")).register(registry);
    }
  }

  private void registerStatusCounter(String key) {
    String[] gauge = STATUS_GAUGES.get(key);
    if (gauge != null && registered.add("status:" + key)) {
      Gauge.builder(gauge[0], this, m -> m.latest.getCountersOrDefault(key, 0)).tag(gauge[1], gauge[2])
          .description(MetricFamilies.help(gauge[0])).register(registry);
      return;
    }
    String[] meter = STATUS_COUNTERS.get(key);
    if (meter == null || !registered.add("status:" + key)) {
      return;
    }
    var b = FunctionCounter.builder(meter[0], this, m -> m.latest.getCountersOrDefault(key, 0))
        .description(MetricFamilies.help(meter[0]));
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
        .description(MetricFamilies.help("cockpit.bus.messages")).register(registry);
  }

  /** A Reply from the replies address: final ones carry the turn's timings. */
  public void onReply(Reply r) {
    if (!r.getIsFinal()) {
      return;
    }
    turns(r.getFinishReason()).increment();
    if (!r.hasTimings() || r.getTimings().getCompletionTokens() == 0) {
      return;
    }
    timer("cockpit.dialogue.queue.wait").record(millis(r.getTimings().getQueueWaitMs()));
    timer("cockpit.dialogue.ttft").record(millis(r.getTimings().getTtftMs()));
    timer("cockpit.dialogue.prefill").record(millis(r.getTimings().getPrefillMs()));
    tokensPerSecond().record(r.getTimings().getTokensPerSecond());
  }

  private Counter turns(FinishReason f) {
    return Counter.builder("cockpit.dialogue.turns").tag("finish_reason", f.name())
        .description(MetricFamilies.help("cockpit.dialogue.turns")).register(registry);
  }

  private DistributionSummary tokensPerSecond() {
    return DistributionSummary.builder("cockpit.dialogue.tokens.per.second")
        .description(MetricFamilies.help("cockpit.dialogue.tokens.per.second"))
        .serviceLevelObjectives(1, 5, 10, 20, 50, 100, 200, 500, 1000).register(registry);
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
        .description(MetricFamilies.help("cockpit.perception.latency")).serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(millis(ms));
  }

  public void onAlert(Alert a) {
    alerts(a.getKind(), a.getState()).increment();
  }

  private Counter alerts(AlertKind kind, AlertState state) {
    return Counter.builder("cockpit.alerts").tag("kind", kind.name()).tag("state", state.name())
        .description(MetricFamilies.help("cockpit.alerts")).register(registry);
  }

  /** An HTTP request refused for its Host header (DNS-rebinding guard). */
  public void onRefusedHost() {
    refusedHosts().increment();
  }

  private Counter refusedHosts() {
    return Counter.builder("cockpit.http.refused.hosts").description(MetricFamilies.help("cockpit.http.refused.hosts"))
        .register(registry);
  }

  public void onError(ErrorReport e) {
    errors(e.getReason()).increment();
  }

  private Counter errors(ErrorReason reason) {
    return Counter.builder("cockpit.bus.error.reports").tag("reason", reason.name())
        .description(MetricFamilies.help("cockpit.bus.error.reports")).register(registry);
  }

  private Timer timer(String name) {
    return Timer.builder(name).description(MetricFamilies.help(name)).serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
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
