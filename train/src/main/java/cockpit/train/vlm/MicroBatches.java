package cockpit.train.vlm;

import cockpit.train.data.VlmSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a step's samples into at most {@code maxGroups} micro-batches of similar length, each padded
 * only to its own longest sample: perception sequences range from ≈ 200 tokens (driver monitoring) to
 * ≈ 600 (occupancy, whose answer is spelled byte by byte), and one batch padded to the longest wasted
 * almost half its tokens and, in attention, more than half its work. Samples are sorted by length
 * (ties by position) and cut where {@link #cost} — padded tokens, plus the attention's quadratic
 * term, plus a fixed cost per extra forward pass — is least (dynamic programming over the cut points).
 * Deterministic; stateless.
 */
public final class MicroBatches {
  /** Tokens² per token-equivalent of attention work in {@link #cost}. */
  static final double ATTENTION_LENGTH = 600;
  /** Token-equivalents of one more forward/backward pass (its fixed per-op cost). */
  static final double PASS_COST = 1500;

  private MicroBatches() {}

  /** The groups, shortest first; every sample in exactly one. */
  public static List<List<VlmSample>> split(List<VlmSample> samples, int maxGroups) {
    if (samples.isEmpty() || maxGroups < 1) {
      throw new IllegalArgumentException("need samples and at least one group");
    }
    List<VlmSample> sorted = new ArrayList<>(samples);
    sorted.sort(Comparator.comparingInt(s -> s.ids().length)); // stable: ties keep their order
    int n = sorted.size();
    int groups = Math.min(maxGroups, n);
    double[][] best = new double[groups + 1][n + 1]; // best[g][i]: first i samples in g groups
    int[][] cut = new int[groups + 1][n + 1];
    for (double[] row : best) {
      java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
    }
    best[0][0] = 0;
    for (int g = 1; g <= groups; g++) {
      for (int i = 1; i <= n; i++) {
        for (int j = g - 1; j < i; j++) { // group = sorted[j, i), padded to sorted[i − 1]
          double c = best[g - 1][j] + cost(i - j, sorted.get(i - 1).ids().length);
          if (c < best[g][i]) {
            best[g][i] = c;
            cut[g][i] = j;
          }
        }
      }
    }
    int g = 1;
    for (int k = 2; k <= groups; k++) {
      if (best[k][n] < best[g][n]) {
        g = k;
      }
    }
    List<List<VlmSample>> out = new ArrayList<>();
    for (int i = n; g > 0; g--) {
      int j = cut[g][i];
      out.addFirst(List.copyOf(sorted.subList(j, i)));
      i = j;
    }
    return out;
  }

  /** The work of one pass over {@code rows} sequences padded to {@code length}, in token-equivalents. */
  static double cost(int rows, int length) {
    return rows * (double) length * (1 + length / ATTENTION_LENGTH) + PASS_COST;
  }
}
