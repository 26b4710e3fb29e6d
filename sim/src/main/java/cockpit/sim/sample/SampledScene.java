package cockpit.sim.sample;

import cockpit.sim.scene.FrameEncoder;
import cockpit.sim.scene.Rendered;
import cockpit.sim.scene.Scene;
import cockpit.sim.scene.SceneRenderer;
import java.util.Objects;

/**
 * A scene drawn by {@link SceneSampler}, with what it takes to turn it into training bytes. Immutable;
 * rendering is thread-safe.
 *
 * @param seed the seed it was drawn from
 * @param draw which draw from that seed passed the constraint (0 = the first)
 * @param renderSeed the seed for {@link SceneRenderer} (variation, colours, jitter, noise)
 * @param jpegQuality JPEG quality, {@link SceneSampler#MIN_JPEG_QUALITY}..{@link SceneSampler#MAX_JPEG_QUALITY}
 */
public record SampledScene(SceneKind kind, long seed, int draw, Scene scene, long renderSeed, int jpegQuality) {
  private static final SceneRenderer RENDERER = new SceneRenderer();

  public SampledScene {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(scene, "scene");
    if (jpegQuality < 1 || jpegQuality > 100) {
      throw new IllegalArgumentException("JPEG quality " + jpegQuality + " is outside 1..100");
    }
  }

  /** The scene's attributes (what constraints test). */
  public SceneFacts facts() {
    return SceneFacts.of(scene);
  }

  /** The image and its ground truth at {@code width} × {@code height}. */
  public Rendered render(int width, int height) {
    return RENDERER.render(scene, renderSeed, width, height);
  }

  /** JPEG bytes (at {@link #jpegQuality}) and ground truth at {@code width} × {@code height}. */
  public Example example(int width, int height) {
    Rendered r = render(width, height);
    return new Example(this, FrameEncoder.jpeg(r.image(), jpegQuality), r.truth());
  }
}
