package cockpit.app.bench.faults;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Small arithmetic for the report: rounding, percentiles, counts as JSON. Stateless. */
final class Figures {
  private Figures() {}

  static double round(double v) {
    return Math.round(v * 10.0) / 10.0;
  }

  /** The {@code p}-th percentile (nearest rank) of {@code values}; 0 when there are none. */
  static double percentile(Collection<Double> values, double p) {
    if (values.isEmpty()) {
      return 0;
    }
    double[] s = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(s);
    int rank = (int) Math.ceil(p / 100.0 * s.length);
    return round(s[Math.max(0, Math.min(s.length - 1, rank - 1))]);
  }

  static double max(Collection<Double> values) {
    return round(values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }

  /** p50, p99 and max of {@code values} (milliseconds). */
  static JsonObject distribution(Collection<Double> values) {
    return new JsonObject().put("n", values.size()).put("p50", percentile(values, 50))
        .put("p99", percentile(values, 99)).put("max", max(values));
  }

  static JsonObject counts(Map<String, ? extends Number> m) {
    JsonObject o = new JsonObject();
    new TreeMap<>(m).forEach(o::put);
    return o;
  }
}
