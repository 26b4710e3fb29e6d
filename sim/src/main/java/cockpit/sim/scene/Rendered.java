package cockpit.sim.scene;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A rendered image (TYPE_INT_RGB, owned by the caller; do not share it between threads while
 * drawing on it) and its ground truth.
 */
public record Rendered(BufferedImage image, GroundTruth truth) {
  public Rendered {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(truth, "truth");
  }
}
