package cockpit.lm.generate;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Picks the next token from one step's logits under {@link SamplingOptions}: mask, repetition penalty,
 * temperature, top-k, top-p, min-p, then a draw from a {@link SplittableRandom} seeded with
 * {@link SamplingOptions#seed} (or argmax, ties to the lowest id, when greedy). The same seed, options
 * and inputs give the same tokens. One sampler per generation; it holds the random state and reusable
 * buffers, so it is not thread-safe.
 */
public final class Sampler {
  /** Weights below this fraction of the top one are only looked at when a filter needs them. */
  private static final double FIRST_HEAD = 0x1p-8;

  private final SamplingOptions options;
  private final SplittableRandom random;
  private final BitSet seen = new BitSet();
  // Penalised logits of allowed ids, -Infinity for excluded ones. [vocab]
  private float[] score = new float[0];
  // exp((score - best) / temperature) of ids still in the draw (1 for the best), 0 for the others. [vocab]
  private double[] weight = new double[0];

  public Sampler(SamplingOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.random = new SplittableRandom(options.seed());
  }

  public SamplingOptions options() {
    return options;
  }

  /**
   * The next token id.
   *
   * @param logits one score per token id, {@code [vocab]}; not modified. {@code -Infinity} excludes a token;
   *     NaN and {@code +Infinity} are rejected
   * @param allowedOrNull ids that may be chosen (a {@link ConstrainedDecoder#allowed()} mask), null for all
   * @param previousTokens ids generated so far, for the repetition penalty; may be null
   * @return an allowed id; if every allowed id has logit {@code -Infinity}, the lowest allowed id
   * @throws IllegalStateException if the mask allows no id at all
   * @throws IllegalArgumentException on malformed inputs (non-finite logits, ids out of range)
   */
  public int next(float[] logits, BitSet allowedOrNull, int[] previousTokens) {
    int vocab = logits.length;
    if (allowedOrNull != null && allowedOrNull.length() > vocab) {
      throw new IllegalArgumentException("the mask allows id " + (allowedOrNull.length() - 1) + " but logits has only "
          + vocab + " entries");
    }
    penalised(previousTokens, vocab);
    if (score.length < vocab) {
      score = new float[vocab];
      weight = new double[vocab];
    }
    int firstAllowed = -1;
    int best = -1;
    for (int id = 0; id < vocab; id++) {
      float l = logits[id];
      if (Float.isNaN(l) || l == Float.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("logits[" + id + "] is " + l + "; the decoder produced non-finite logits");
      }
      if (allowedOrNull != null && !allowedOrNull.get(id)) {
        score[id] = Float.NEGATIVE_INFINITY;
        continue;
      }
      firstAllowed = firstAllowed < 0 ? id : firstAllowed;
      float v = l;
      if (seen.get(id)) {
        v = v > 0 ? (float) (v / options.repetitionPenalty()) : (float) (v * options.repetitionPenalty());
      }
      score[id] = v;
      if (v != Float.NEGATIVE_INFINITY && (best < 0 || v > score[best])) {
        best = id;
      }
    }
    if (firstAllowed < 0) {
      throw new IllegalStateException("no token is allowed: the mask excludes all " + vocab + " ids");
    }
    if (best < 0) {
      return firstAllowed;
    }
    if (options.isGreedy()) {
      return best;
    }
    if (options.topK() == 0 && options.topP() == 1) {
      return drawUnsorted(vocab, score[best]);
    }
    double total = 0;
    for (int id = 0; id < vocab; id++) {
      weight[id] = score[id] == Float.NEGATIVE_INFINITY ? 0
          : Math.exp(((double) score[id] - score[best]) / options.temperature());
      total += weight[id];
    }
    return drawSorted(weight, vocab, total);
  }

  /**
   * The model's own probability of {@code token} at one step: {@code softmax(logits)} at temperature 1 over
   * the allowed ids, renormalised — no repetition penalty, no top-k/top-p/min-p, whatever the sampling
   * options; so a greedy pick from a flat distribution still says how flat it was. When every allowed logit
   * is {@code -Infinity} the step is uniform over the allowed ids (the sampler then takes the lowest).
   *
   * @param logits one score per token id, {@code [vocab]}; not modified
   * @param allowedOrNull ids that could be chosen, null for all
   * @return a probability in [0, 1]; 0 when {@code token} is not allowed
   * @throws IllegalArgumentException if {@code token} is outside the logits or the mask allows nothing
   */
  public static double probability(float[] logits, BitSet allowedOrNull, int token) {
    if (token < 0 || token >= logits.length) {
      throw new IllegalArgumentException("token " + token + " is outside the logits [0, " + logits.length + ")");
    }
    if (allowedOrNull != null && allowedOrNull.nextSetBit(0) < 0) {
      throw new IllegalArgumentException("the mask allows no id of the " + logits.length + " logits");
    }
    if (allowedOrNull != null && !allowedOrNull.get(token)) {
      return 0;
    }
    double max = Double.NEGATIVE_INFINITY;
    int count = 0;
    for (int id = next(allowedOrNull, 0, logits.length); id >= 0; id = next(allowedOrNull, id + 1, logits.length)) {
      max = Math.max(max, logits[id]);
      count++;
    }
    if (count == 0) {
      throw new IllegalArgumentException("the mask allows no id below " + logits.length);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return 1.0 / count;
    }
    double sum = 0;
    for (int id = next(allowedOrNull, 0, logits.length); id >= 0; id = next(allowedOrNull, id + 1, logits.length)) {
      sum += Math.exp(logits[id] - max);
    }
    return Math.min(1.0, Math.exp(logits[token] - max) / sum);
  }

  /** The next allowed id at or after {@code from}, or -1. */
  private static int next(BitSet allowedOrNull, int from, int vocab) {
    if (allowedOrNull == null) {
      return from < vocab ? from : -1;
    }
    int id = allowedOrNull.nextSetBit(from);
    return id >= vocab ? -1 : id;
  }

  /**
   * No prefix filter but min-p, a threshold on the weight: no sort, and no exp for ids whose scaled score
   * is already below {@code ln(minP)} (with a margin well above exp's error). Walks ids upwards.
   */
  private int drawUnsorted(int vocab, float top) {
    double minP = options.minP();
    double floor = minP > 0 ? Math.log(minP) - 1e-9 : Double.NEGATIVE_INFINITY;
    double kept = 0;
    int last = -1;
    for (int id = 0; id < vocab; id++) {
      double z = ((double) score[id] - top) / options.temperature();
      double w = score[id] == Float.NEGATIVE_INFINITY || z < floor ? 0 : Math.exp(z);
      weight[id] = w > 0 && w >= minP ? w : 0;
      kept += weight[id];
      last = weight[id] > 0 ? id : last;
    }
    double u = random.nextDouble() * kept;
    for (int id = 0; id < vocab; id++) {
      if (weight[id] > 0) {
        u -= weight[id];
        if (u < 0) {
          return id;
        }
      }
    }
    return last;
  }

  /**
   * Top-k, top-p and min-p each keep a prefix of the ids sorted by score (descending, ties to the lower
   * id). Only a head of ids with weight at least {@code theta} is sorted, where theta is lowered until the
   * head provably holds the kept prefix and the mass top-p is measured against (all ids, or the top k) —
   * so the result equals a full sort's.
   */
  private int drawSorted(double[] w, int vocab, double total) {
    int k = options.topK();
    double p = options.topP();
    double theta = options.minP() > 0 ? options.minP() : FIRST_HEAD;
    long[] head;
    while (true) {
      int count = 0;
      double headMass = 0;
      for (int id = 0; id < vocab; id++) {
        if (w[id] > 0 && w[id] >= theta) {
          count++;
          headMass += w[id];
        }
      }
      // The margin covers summing the head in another order below.
      boolean enough = theta == 0 || (k > 0 && count >= k) || (k == 0 && p < 1 && headMass >= p * total * (1 + 1e-9))
          || (options.minP() > 0 && theta <= options.minP() && (k == 0 || p == 1));
      if (enough) {
        head = new long[count];
        break;
      }
      theta = theta < 0x1p-60 ? 0 : theta * 0x1p-8;
    }
    int n = 0;
    for (int id = 0; id < vocab; id++) {
      if (w[id] > 0 && w[id] >= theta) {
        // Ascending sort of (-score, id); the weight is monotone in the score, so ties match greedy's.
        int bits = Float.floatToIntBits(score[id]);
        head[n++] = ((long) ~(bits ^ ((bits >> 31) & 0x7fffffff)) << 32) | id;
      }
    }
    Arrays.sort(head);
    n = k > 0 ? Math.min(n, k) : n;
    if (p < 1) {
      double mass = k == 0 ? total : 0;
      for (int i = 0; i < n && k > 0; i++) {
        mass += w[(int) head[i]];
      }
      double cumulative = 0;
      for (int i = 0; i < n; i++) {
        cumulative += w[(int) head[i]];
        if (cumulative >= p * mass) {
          n = i + 1;
          break;
        }
      }
    }
    while (n > 1 && w[(int) head[n - 1]] < options.minP()) {
      n--;
    }
    double kept = 0;
    for (int i = 0; i < n; i++) {
      kept += w[(int) head[i]];
    }
    double u = random.nextDouble() * kept;
    for (int i = 0; i < n - 1; i++) {
      u -= w[(int) head[i]];
      if (u < 0) {
        return (int) head[i];
      }
    }
    return (int) head[n - 1];
  }

  private void penalised(int[] previousTokens, int vocab) {
    seen.clear();
    if (previousTokens == null || options.repetitionPenalty() == 1) {
      return;
    }
    for (int t : previousTokens) {
      if (t < 0 || t >= vocab) {
        throw new IllegalArgumentException("previousTokens holds id " + t + ", outside the vocabulary [0, " + vocab
            + ")");
      }
      seen.set(t);
    }
  }
}
