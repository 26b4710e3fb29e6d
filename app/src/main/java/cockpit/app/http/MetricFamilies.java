package cockpit.app.http;

import java.util.Map;

/**
 * The HELP text of every {@code cockpit_} metric family, by Micrometer name (the Prometheus name is the
 * same with {@code _} for {@code .}, plus {@code _total} for counters and {@code _seconds} for timers). One
 * table, so a family cannot be registered without one: {@link #help} refuses a name it does not hold.
 * Immutable; any thread.
 */
final class MetricFamilies {
  private static final Map<String, String> HELP = Map.ofEntries(
      Map.entry("cockpit.build.info", "1, labelled with the running version, model, decoder variant and execution"
          + " provider"),
      Map.entry("cockpit.uptime.seconds", "seconds since the component started"),
      Map.entry("cockpit.bus.messages", "messages per topic: received, published, dropped (camera: superseded by a"
          + " newer frame), malformed, oversized"),
      Map.entry("cockpit.frames", "camera frames by stage: received, decoded, skipped (change gate), invalid,"
          + " processed, dropped (superseded), delivered, refused (all cameras busy)"),
      Map.entry("cockpit.perception.inferences", "perception task runs by outcome"),
      Map.entry("cockpit.perception.latency", "frame to DetectionSet latency per task and stage"),
      Map.entry("cockpit.dialogue.turns", "finished dialogue turns by finish reason"),
      Map.entry("cockpit.dialogue.queue.wait", "utterance arrival to the start of its prefill (not in TTFT)"),
      Map.entry("cockpit.dialogue.ttft", "time to first token of a dialogue turn"),
      Map.entry("cockpit.dialogue.prefill", "prompt prefill time of a dialogue turn"),
      Map.entry("cockpit.dialogue.tokens.per.second", "decode speed per dialogue turn"),
      Map.entry("cockpit.dialogue.sessions.active", "sessions whose decoder state is resident in memory"),
      Map.entry("cockpit.dialogue.sessions.known", "sessions the manager holds, resident or evicted to disk"),
      Map.entry("cockpit.snapshot.operations", "session snapshot saves and loads"),
      Map.entry("cockpit.snapshot.failures", "session snapshot saves and loads that failed"),
      Map.entry("cockpit.snapshot.bytes", "bytes of session snapshots saved and loaded"),
      Map.entry("cockpit.snapshot.trimmed", "snapshot files and bytes removed to keep dialogue.snapshot-max-*"),
      Map.entry("cockpit.snapshot.disk", "snapshot files and bytes on disk now"),
      Map.entry("cockpit.inference.started", "inference runs started by the fair executor, by priority"),
      Map.entry("cockpit.inference.refused", "inference runs refused by the fair executor (queue full or"
          + " closed), by priority"),
      Map.entry("cockpit.inference.wait.ms", "milliseconds inference runs waited for the executor, by priority"),
      Map.entry("cockpit.inference.wait.max.ms", "longest wait of an inference run for the executor, by priority"),
      Map.entry("cockpit.alerts", "safety alerts published, by kind and state"),
      Map.entry("cockpit.bus.error.reports", "ErrorReports by reason"),
      Map.entry("cockpit.bus.error.reports.suppressed", "ErrorReports held back by bus.error-reports-per-second"),
      Map.entry("cockpit.bus.error.reports.published", "ErrorReports published on the bus"),
      Map.entry("cockpit.bus.error.summaries", "summary ErrorReports standing for suppressed ones"),
      Map.entry("cockpit.bus.camera.streams.evicted", "idle cameras dropped from the bridge's keep-latest map"
          + " (bus.max-cameras)"),
      Map.entry("cockpit.http.refused.hosts", "HTTP requests refused for their Host header"));

  private MetricFamilies() {}

  /** The HELP text of {@code name}; a family missing from the table is a programming error. */
  static String help(String name) {
    String h = HELP.get(name);
    if (h == null) {
      throw new IllegalStateException("metric family " + name + " has no HELP text in MetricFamilies");
    }
    return h;
  }

  /** Every family's Micrometer name. */
  static java.util.Set<String> names() {
    return HELP.keySet();
  }
}
