package cockpit.sim.scene;

import java.util.Random;

/**
 * Independent random streams per drawn element, derived from the image seed and a key such as
 * {@code "seat/2/middle"}. Each element draws its colours and jitter from its own stream, so changing
 * one fact of a scene (who sits in one seat) changes only the pixels of that element: the rest of the
 * image stays byte-identical, which the pixel tests rely on.
 */
final class Rng {
  private Rng() {}

  static Random of(long seed, String key) {
    long h = mix(seed + 0x9E3779B97F4A7C15L);
    for (int i = 0; i < key.length(); i++) {
      h = mix(h ^ key.charAt(i));
    }
    return new Random(h);
  }

  /** SplitMix64's finalizer: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A value in [lo, hi). */
  static double between(Random r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }
}
