package cockpit.sim.scene;

import io.vertx.core.json.JsonObject;
import java.util.Random;

/**
 * What the seed chose beyond the scene's facts, recorded in the ground truth so a data set can be
 * audited for its spread: the whole picture's pose jitter (shift as a fraction of the frame, scale,
 * rotation), the sensor's gain, noise (standard deviation in 8-bit levels) and vignette (brightness lost
 * at the corners), and the colour palette index (cabin trim and upholstery, or ground and own car).
 * Immutable.
 */
public record Variation(double shiftX, double shiftY, double scale, double rotationDeg, double gain, double noise,
    double vignette, int palette) {
  /** Largest shift, fraction of the frame. */
  public static final double MAX_SHIFT = 0.03;
  /** Scale range around 1. */
  public static final double MAX_SCALE_CHANGE = 0.05;
  /** Largest rotation, degrees. */
  public static final double MAX_ROTATION_DEG = 2.5;

  public Variation {
    if (Math.abs(shiftX) > MAX_SHIFT || Math.abs(shiftY) > MAX_SHIFT || Math.abs(scale - 1) > MAX_SCALE_CHANGE
        || Math.abs(rotationDeg) > MAX_ROTATION_DEG || !(gain > 0) || noise < 0 || vignette < 0 || vignette >= 1
        || palette < 0) {
      throw new IllegalArgumentException("variation out of range: " + this);
    }
  }

  /** Draws a variation for {@code lighting}: night adds noise (more sensor gain), IR a stronger vignette. */
  static Variation draw(Lighting lighting, Random rnd) {
    double sx = (rnd.nextDouble() * 2 - 1) * MAX_SHIFT;
    double sy = (rnd.nextDouble() * 2 - 1) * MAX_SHIFT;
    double scale = 1 + (rnd.nextDouble() * 2 - 1) * MAX_SCALE_CHANGE;
    double rot = (rnd.nextDouble() * 2 - 1) * MAX_ROTATION_DEG;
    double gain = switch (lighting) {
      case DAY -> 0.88 + 0.24 * rnd.nextDouble();
      case NIGHT -> 0.85 + 0.2 * rnd.nextDouble();
      case IR -> 0.85 + 0.25 * rnd.nextDouble();
    };
    double noise = (1.5 + 3.5 * rnd.nextDouble()) * (lighting == Lighting.NIGHT ? 1.6 : 1);
    double vignette = (lighting == Lighting.IR ? 0.25 : 0.05) + 0.15 * rnd.nextDouble();
    return new Variation(sx, sy, scale, rot, gain, noise, vignette, rnd.nextInt(Palette.SIZE));
  }

  JsonObject toJson() {
    return new JsonObject().put("shift_x", shiftX).put("shift_y", shiftY).put("scale", scale)
        .put("rotation_deg", rotationDeg).put("gain", gain).put("noise", noise).put("vignette", vignette)
        .put("palette", palette);
  }
}
