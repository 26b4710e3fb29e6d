package cockpit.sim.replay;

import cockpit.sim.replay.Outcome.Status;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one replay: verdicts, per-topic latency, reply speed and frame accounting. Immutable;
 * rendered as a human table ({@link #toTable}) or JSON ({@link #toJson}).
 *
 * @param frames frames published, frames answered by at least one DetectionSet, and the component's
 *     own drop/skip counters from its status queryable (empty when it did not answer)
 */
public record ReplayReport(String scenario, String source, double speed, boolean trainedModel, long wallMs,
    int inputsSent, List<Outcome> outcomes, List<TopicStats> topics, TopicStats.Percentiles ttftMs,
    TopicStats.Percentiles tokensPerSecond, Frames frames, String component, long malformedOutputs) {
  /** Frame accounting. */
  public record Frames(int sent, int answered, Map<String, Long> componentCounters) {
    public Frames {
      componentCounters = Map.copyOf(componentCounters);
    }
  }

  public ReplayReport {
    Objects.requireNonNull(scenario, "scenario");
    outcomes = List.copyOf(outcomes);
    topics = List.copyOf(topics);
  }

  /** True when no expectation failed (skipped ones do not count). */
  public boolean passed() {
    return outcomes.stream().noneMatch(o -> o.status() == Status.FAIL || o.status() == Status.PENDING);
  }

  public long count(Status s) {
    return outcomes.stream().filter(o -> o.status() == s).count();
  }

  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "scenario %s (%s) speed x%s, %d inputs, %.1f s wall, component: %s%n",
        scenario, source, num(speed), inputsSent, wallMs / 1000.0, component));
    sb.append(String.format(Locale.ROOT, "%-8s %-44s %s%n", "RESULT", "EXPECTATION", "DETAIL"));
    for (Outcome o : outcomes) {
      sb.append(String.format(Locale.ROOT, "%-8s %-44s %s%n", o.status(), o.expectation().name(), o.detail()));
    }
    sb.append(String.format(Locale.ROOT, "%-12s %6s %12s %12s %12s %12s%n", "TOPIC", "COUNT", "RESP p50 ms",
        "RESP p99 ms", "BUS p50 ms", "BUS p99 ms"));
    for (TopicStats t : topics) {
      sb.append(String.format(Locale.ROOT, "%-12s %6d %12.1f %12.1f %12.2f %12.2f%n", t.topic(), t.count(),
          t.response().p50(), t.response().p99(), t.transit().p50(), t.transit().p99()));
    }
    sb.append(String.format(Locale.ROOT, "replies: %d, TTFT p50 %.1f ms p99 %.1f ms, decode p50 %.1f tok/s%n",
        ttftMs.n(), ttftMs.p50(), ttftMs.p99(), tokensPerSecond.p50()));
    sb.append(String.format(Locale.ROOT, "frames: %d sent, %d answered, component counters %s%n", frames.sent(),
        frames.answered(), frames.componentCounters()));
    sb.append(String.format(Locale.ROOT, "%d passed, %d failed, %d skipped%s%n", count(Status.PASS),
        count(Status.FAIL) + count(Status.PENDING), count(Status.SKIPPED),
        malformedOutputs > 0 ? ", " + malformedOutputs + " malformed outputs" : ""));
    return sb.toString();
  }

  public JsonObject toJson() {
    JsonArray exp = new JsonArray();
    for (Outcome o : outcomes) {
      exp.add(new JsonObject().put("name", o.expectation().name()).put("status", o.status().name().toLowerCase(Locale.ROOT))
          .put("requires_trained_model", o.expectation().trainedModel()).put("detail", o.detail()));
    }
    JsonObject topicsJson = new JsonObject();
    for (TopicStats t : topics) {
      topicsJson.put(t.topic(), new JsonObject().put("count", t.count()).put("response_ms", json(t.response()))
          .put("transit_ms", json(t.transit())));
    }
    JsonObject counters = new JsonObject();
    frames.componentCounters().forEach(counters::put);
    return new JsonObject().put("scenario", scenario).put("source", source).put("speed", speed)
        .put("trained_model", trainedModel).put("wall_ms", wallMs).put("inputs_sent", inputsSent)
        .put("passed", passed()).put("component", component)
        .put("summary", new JsonObject().put("pass", count(Status.PASS))
            .put("fail", count(Status.FAIL) + count(Status.PENDING)).put("skipped", count(Status.SKIPPED)))
        .put("expectations", exp).put("topics", topicsJson)
        .put("replies", new JsonObject().put("ttft_ms", json(ttftMs)).put("tokens_per_second", json(tokensPerSecond)))
        .put("frames", new JsonObject().put("sent", frames.sent()).put("answered", frames.answered())
            .put("component_counters", counters))
        .put("malformed_outputs", malformedOutputs);
  }

  private static JsonObject json(TopicStats.Percentiles p) {
    return new JsonObject().put("n", p.n()).put("p50", round(p.p50())).put("p99", round(p.p99()))
        .put("max", round(p.max()));
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
