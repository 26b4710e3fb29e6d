package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.app.http.ComponentMetrics;
import cockpit.bus.Topics;
import cockpit.proto.v1.FinishReason;
import cockpit.proto.v1.Reply;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The component's {@code /metrics} families as a fresh scrape shows them, before and after events. */
class ComponentMetricsTest {
  @Test
  void everyCockpitFamilyHasHelpAndItsCountersStartAtZero() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ComponentMetrics metrics = new ComponentMetrics(registry, Topics.CAMERA.keyTemplate())) {
      String text = registry.scrape();
      Map<String, String> help = help(text);
      PrometheusText scrape = PrometheusText.parse(text);
      scrape.samples().stream().map(PrometheusText.Sample::name).filter(n -> n.startsWith("cockpit_")).distinct()
          .forEach(n -> assertTrue(help.entrySet().stream().anyMatch(h -> (n.equals(h.getKey())
              || n.startsWith(h.getKey() + "_")) && !h.getValue().isBlank()), n + " has no HELP text in\n" + text));
      // counters documented in README are there before their first event, at zero
      assertEquals(0, scrape.value("cockpit_snapshot_operations_total", "op", "save"));
      assertEquals(0, scrape.value("cockpit_snapshot_failures_total", "op", "load"));
      assertEquals(0, scrape.value("cockpit_frames_total", "stage", "received"));
      assertEquals(0, scrape.value("cockpit_perception_inferences_total", "outcome", "failed"));
      assertEquals(0, scrape.value("cockpit_bus_error_reports_suppressed_total"));
      assertEquals(0, scrape.value("cockpit_http_refused_hosts_total"));
      assertEquals(0, scrape.value("cockpit_dialogue_turns_total", "finish_reason", "FINISH_REASON_LENGTH"));
      assertEquals(0, scrape.value("cockpit_alerts_total", "kind", "ALERT_KIND_CHILD_LEFT_BEHIND", "state",
          "ALERT_STATE_RAISED"));
      assertEquals(0, scrape.value("cockpit_bus_error_reports_total", "reason", "ERROR_REASON_BUSY"));
      assertEquals(0, scrape.value("cockpit_dialogue_ttft_seconds_count"));

      metrics.onReply(Reply.newBuilder().setIsFinal(true).setFinishReason(FinishReason.FINISH_REASON_LENGTH).build());
      assertEquals(1, PrometheusText.parse(registry.scrape()).value("cockpit_dialogue_turns_total", "finish_reason",
          "FINISH_REASON_LENGTH"));
    }
  }

  @Test
  void buildInfoNamesVersionModelVariantProviderAndIsReplacedWhenTheModelLoads() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ComponentMetrics metrics = new ComponentMetrics(registry, Topics.CAMERA.keyTemplate())) {
      metrics.buildInfo(Main.VERSION, "none", "none", "none");
      assertEquals(1, PrometheusText.parse(registry.scrape()).value("cockpit_build_info", "version", Main.VERSION,
          "model", "none"));
      metrics.buildInfo(Main.VERSION, "tiny-seed42", "w4a16", "cpu");
      PrometheusText s = PrometheusText.parse(registry.scrape());
      assertEquals(1, s.value("cockpit_build_info", "version", Main.VERSION, "model", "tiny-seed42", "variant",
          "w4a16", "provider", "cpu"));
      assertEquals(1, s.samples().stream().filter(x -> x.name().equals("cockpit_build_info")).count(),
          "the series before the model loaded is gone");
    }
  }

  @Test
  void jvmAndProcessMetricsAreThere() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (ComponentMetrics metrics = new ComponentMetrics(registry, Topics.CAMERA.keyTemplate())) {
      PrometheusText s = PrometheusText.parse(registry.scrape());
      for (String name : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads",
          "jvm_classes_loaded_classes", "jvm_gc_memory_allocated_bytes_total", "process_cpu_usage",
          "process_files_open_files", "process_files_max_files", "process_uptime_seconds", "system_cpu_count"}) {
        assertTrue(s.has(name), name + " missing");
      }
      assertTrue(s.value("process_files_open_files") > 0);
      assertFalse(s.has("cockpit_build_info"), "build info comes from the component, once it knows the model");
    }
  }

  /** {@code # HELP name text} lines by name. */
  private static Map<String, String> help(String text) {
    Map<String, String> out = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ")) {
        String rest = line.substring("# HELP ".length());
        int sp = rest.indexOf(' ');
        out.put(sp < 0 ? rest : rest.substring(0, sp), sp < 0 ? "" : rest.substring(sp + 1));
      }
    }
    return out;
  }
}
