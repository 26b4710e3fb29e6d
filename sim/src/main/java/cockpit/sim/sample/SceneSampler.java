package cockpit.sim.sample;

import cockpit.sim.scene.Scene;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Draws random scenes of a {@link SceneKind} from a seed, fully deterministically: the same kind, seed
 * and constraint give the same {@link SampledScene} (and so, through {@link SampledScene#example}, the
 * same JPEG bytes and ground truth) on every run. Draw {@code i} of a seed uses its own stream; the
 * sampler returns the first draw the {@link SceneConstraint} accepts, or fails after
 * {@link #MAX_DRAWS}. The distributions are listed in sim/README.md. Stateless and thread-safe.
 *
 * <pre>{@code
 * Example ex = new SceneSampler().sample(SceneKind.CABIN, seed, constraint).example(320, 240);
 * byte[] jpeg = ex.jpeg();            // what the camera sends
 * GroundTruth truth = ex.truth();     // CabinTruth: a record per seat, the driver's face, lighting...
 * }</pre>
 */
public final class SceneSampler {
  /** Draws tried per call before a constraint counts as unsatisfiable. */
  public static final int MAX_DRAWS = 20_000;
  public static final int MIN_JPEG_QUALITY = 55;
  public static final int MAX_JPEG_QUALITY = 95;

  /** Any scene of {@code kind}. */
  public SampledScene sample(SceneKind kind, long seed) {
    return sample(kind, seed, SceneConstraint.none());
  }

  /**
   * The first scene of {@code kind} from {@code seed} that {@code constraint} accepts.
   *
   * @throws IllegalArgumentException when no draw passes within {@link #MAX_DRAWS}, naming the constraint
   */
  public SampledScene sample(SceneKind kind, long seed, SceneConstraint constraint) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(constraint, "constraint");
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      SplittableRandom r = new SplittableRandom(mix(mix(seed) ^ mix(kind.ordinal() + 1L) + draw));
      Scene scene = switch (kind) {
        case CABIN -> CabinDraws.draw(r);
        case STREET, CAR_PARK -> ExteriorDraws.draw(r, kind.place());
      };
      SampledScene s = new SampledScene(kind, seed, draw, scene, r.nextLong(),
          MIN_JPEG_QUALITY + r.nextInt(MAX_JPEG_QUALITY - MIN_JPEG_QUALITY + 1));
      if (constraint.accepts(s)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no " + kind.name().toLowerCase(Locale.ROOT) + " scene from seed "
        + seed + " met '" + constraint.description() + "' in " + MAX_DRAWS + " draws; the constraint is too narrow"
        + " (or impossible) for the sampler's distribution");
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
