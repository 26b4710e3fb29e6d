package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Comparison of logit vectors with the metric of npu-runtime's graph tests. */
final class Logits {
  /** npu-runtime's decoder graph tolerance: |a − b| / max(1, |a|). */
  static final double TOL = 2e-4;

  private Logits() {}

  static void assertClose(float[] expected, float[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(expected[i] - actual[i]) / Math.max(1.0, Math.abs(expected[i]));
      if (err > worst) {
        worst = err;
        at = i;
      }
    }
    assertTrue(worst <= tol, what + ": max error " + worst + " at " + at + (at < 0 ? "" : " (" + expected[at] + " vs "
        + actual[at] + ")"));
  }

  /** A seeded image, [3, S, S] in [0, 1]. */
  static float[] image(int size, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    float[] px = new float[3 * size * size];
    for (int i = 0; i < px.length; i++) {
      px[i] = (float) r.nextDouble();
    }
    return px;
  }
}
