package cockpit.sim.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Count and latency percentiles of one output topic, in milliseconds of wall time.
 *
 * @param response from publishing the input to receiving the answer (frames → DetectionSet, utterance →
 *     first Reply chunk); empty where outputs answer no single input
 * @param transit from the message's own {@code time} stamp to receipt (bus and bridge latency)
 */
public record TopicStats(String topic, int count, Percentiles response, Percentiles transit) {
  /** Nearest-rank percentiles of a sample; zeros (n = 0) when empty. */
  public record Percentiles(int n, double p50, double p99, double max) {
    public static Percentiles of(List<Double> values) {
      if (values.isEmpty()) {
        return new Percentiles(0, 0, 0, 0);
      }
      List<Double> v = new ArrayList<>(values);
      v.sort(null);
      return new Percentiles(v.size(), rank(v, 0.50), rank(v, 0.99), v.getLast());
    }

    private static double rank(List<Double> sorted, double q) {
      int i = (int) Math.ceil(q * sorted.size()) - 1;
      return sorted.get(Math.clamp(i, 0, sorted.size() - 1));
    }
  }
}
