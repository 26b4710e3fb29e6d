package cockpit.sim.scene;

import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Random;

/**
 * Where the signs of a surround view go: each in its band (ahead of the car's front, behind its rear,
 * or beside it within its length), at the spot and the largest glyph size that overlap least with what
 * is placed already, never below a legibility floor of {@code h / 60} px per glyph cell while anything
 * fits there. One per image, one thread.
 */
final class SignLayout {
  /** Where a sign goes (frame coordinates) and its glyph cell size in pixels. */
  record Placement(Rectangle2D box, int unit) {}

  private final int w;
  private final int h;
  private final double carW;
  private final double carL;
  private final long seed;

  SignLayout(int w, int h, double carW, double carL, long seed) {
    this.w = w;
    this.h = h;
    this.carW = carW;
    this.carL = carL;
    this.seed = seed;
  }

  /** The placement of {@code s} given the boxes already {@code taken} (the car first). */
  Placement place(SignScene s, List<Rectangle2D> taken) {
    Random r = Rng.of(seed, "sign-place/" + s.direction().label());
    double margin = 0.02 * h;
    int target = (int) Math.max(2, Math.ceil(h / Rng.between(r, 44, 52)));
    int floorUnit = (int) Math.max(2, Math.round(h / 60.0));
    double pref = r.nextDouble();
    Rectangle2D best = null;
    int bestUnit = 0;
    double bestCost = Double.MAX_VALUE;
    // Largest unit first; stop at the first free spot; below the floor only while nothing fits at all.
    for (int unit = target; unit >= 1 && (unit >= floorUnit || best == null); unit--) {
      int[] size = SignPainter.size(s, unit);
      for (int k = 0; k <= 8; k++) {
        Rectangle2D b = signBox(s.direction(), size, k / 8.0, margin);
        if (b == null) {
          continue;
        }
        // Overlap dominates; then the seeded preferred spot; then a larger unit.
        double cost = overlap(b, taken) * 100 + Math.abs(k / 8.0 - pref) + (target - unit) * 0.5;
        if (cost < bestCost) {
          bestCost = cost;
          best = b;
          bestUnit = unit;
        }
      }
      if (best != null && overlap(best, taken) == 0) {
        break;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("sign '" + s.text() + "' does not fit " + s.direction().label() + " of the car"
          + " in a " + w + "x" + h + " frame");
    }
    return new Placement(best, bestUnit);
  }

  /**
   * The sign box at position {@code t} ∈ [0, 1] along its band, or null when it does not fit: ahead /
   * behind = wholly above / below the car, anywhere across; beside = wholly left / right of the car with
   * its middle within the car's length.
   */
  private Rectangle2D signBox(SignScene.Direction d, int[] size, double t, double margin) {
    double carTop = h / 2.0 - carL * 0.55;
    double carLeft = w / 2.0 - carW * 0.7;
    double x;
    double y;
    if (d.beside()) {
      double room = carLeft - 2 * margin - size[0];
      double span = carL * 0.9 - size[1];
      if (room < 0) {
        return null;
      }
      x = d == SignScene.Direction.LEFT ? margin + room / 2 : w - margin - room / 2 - size[0];
      y = h / 2.0 - carL * 0.45 + Math.max(0, span) * t - Math.min(0, span) / 2;
    } else {
      double room = carTop - 2 * margin - size[1];
      if (room < 0 || size[0] > w - 2 * margin) {
        return null;
      }
      x = margin + (w - 2 * margin - size[0]) * t;
      y = d == SignScene.Direction.FRONT ? margin + room / 2 : h - margin - room / 2 - size[1];
    }
    return new Rectangle2D.Double(x, y, size[0], size[1]);
  }

  /** Fraction of {@code b}'s area under the boxes drawn over it (summed, at most 1). */
  static double covered(Rectangle2D b, List<Rectangle2D> over) {
    return Math.min(1, overlap(b, over) / (b.getWidth() * b.getHeight()));
  }

  /** Summed intersection area (px²) of {@code b} with each of {@code taken}. */
  static double overlap(Rectangle2D b, List<Rectangle2D> taken) {
    double cost = 0;
    for (Rectangle2D t : taken) {
      Rectangle2D i = b.createIntersection(t);
      cost += i.isEmpty() ? 0 : i.getWidth() * i.getHeight();
    }
    return cost;
  }
}
