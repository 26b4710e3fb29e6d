package cockpit.train.vision;

import ai.djl.ndarray.NDArray;

/**
 * How much an encoder's output depends on the image: over a batch of feature maps [N, C, g, g], the
 * variance across images at each position and channel, as a fraction of the total variance. Near 0,
 * every image gives nearly the same tokens: a collapsed representation that a read-out cannot learn
 * from (the encoder probe found the tiny encoder's seed-1 initialisation at 0.2 %, and stuck at
 * majority-class guessing). Stateless.
 */
public final class TokenSpread {
  private TokenSpread() {}

  /** The across-image fraction of the variance of {@code features} [N, …] (N ≥ 2). */
  public static double of(NDArray features) {
    if (features.getShape().get(0) < 2) {
      throw new IllegalArgumentException("need at least two images, got " + features.getShape());
    }
    NDArray perPosition = features.mean(new int[] {0}, true);
    double between = features.sub(perPosition).pow(2).mean().getFloat();
    double total = features.sub(features.mean()).pow(2).mean().getFloat();
    return total == 0 ? 0 : between / total;
  }
}
