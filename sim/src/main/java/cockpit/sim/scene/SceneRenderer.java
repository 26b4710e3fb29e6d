package cockpit.sim.scene;

import java.awt.image.BufferedImage;

/**
 * Draws a {@link Scene} with plain Java2D and returns the image with its {@link GroundTruth}. The
 * pixels depend only on the scene, the seed and the size (no antialiasing, no system fonts: sign text
 * uses the renderer's own glyphs): the same inputs give the same bytes on every run. The seed chooses
 * the {@link Variation} (pose jitter, gain, noise, vignette, palette) and every element's colours and
 * small offsets; the scene's facts never depend on it, and the truth's boxes follow the jitter.
 * Stateless and thread-safe.
 *
 * <p>Cabin: {@link CabinPainter} (mirror view from the windscreen, row 1 at the bottom). Exterior:
 * {@link ExteriorPainter} (surround view, own car in the middle, front up). Then {@link Sensor} applies
 * the lighting and noise.
 */
public final class SceneRenderer {
  /** Smallest width or height rendered. */
  public static final int MIN_SIZE = 32;
  /** Largest width or height rendered. */
  public static final int MAX_SIZE = 4096;

  /** Renders {@code scene} at {@code width} × {@code height} pixels from {@code seed}. */
  public Rendered render(Scene scene, long seed, int width, int height) {
    if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE) {
      throw new IllegalArgumentException("image size " + width + "x" + height + " is outside " + MIN_SIZE + ".."
          + MAX_SIZE);
    }
    Lighting lighting = switch (scene) {
      case CabinScene c -> c.lighting();
      case ExteriorScene e -> e.lighting();
    };
    Variation v = Variation.draw(lighting, Rng.of(seed, "variation"));
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    GroundTruth truth;
    try (Canvas canvas = new Canvas(img, v)) {
      truth = switch (scene) {
        case CabinScene c -> new CabinPainter(canvas, seed, v).paint(c);
        case ExteriorScene e -> new ExteriorPainter(canvas, seed, v).paint(e);
      };
    }
    Sensor.apply(img, lighting, v, seed);
    return new Rendered(img, truth);
  }
}
