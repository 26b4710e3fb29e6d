package cockpit.sim.sample;

import cockpit.sim.scene.GroundTruth;
import java.util.Objects;

/**
 * One training example: the JPEG bytes a camera would send and what they show. The byte array is the
 * caller's (not copied).
 */
public record Example(SampledScene sample, byte[] jpeg, GroundTruth truth) {
  public Example {
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(jpeg, "jpeg");
    Objects.requireNonNull(truth, "truth");
  }
}
