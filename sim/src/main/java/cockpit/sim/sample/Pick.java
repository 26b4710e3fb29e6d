package cockpit.sim.sample;

import java.util.SplittableRandom;

/** Weighted choices from a random stream. Stateless. */
final class Pick {
  private Pick() {}

  /** One of {@code values}, chosen with the relative {@code weights}. */
  @SafeVarargs
  static <T> T one(SplittableRandom r, double[] weights, T... values) {
    if (weights.length != values.length) {
      throw new IllegalArgumentException(weights.length + " weights for " + values.length + " values");
    }
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = r.nextDouble() * total;
    for (int i = 0; i < values.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }

  static double[] w(double... weights) {
    return weights;
  }
}
