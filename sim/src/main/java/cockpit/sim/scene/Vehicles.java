package cockpit.sim.scene;

import java.awt.Color;
import java.awt.Graphics2D;

/**
 * Car sprites: another road user seen from the front, the back or the side, and the own car seen from
 * above in the middle of the surround view. Stateless.
 */
final class Vehicles {
  private static final Color GLASS = new Color(40, 55, 70);
  private static final Color TYRE = new Color(20, 20, 22);
  private static final Color HEADLIGHT = new Color(255, 250, 205);
  private static final Color TAIL = new Color(215, 25, 25);

  private Vehicles() {}

  /** Another car in box (x, y, w, h): headlights and windscreen from the front, tail lights and plate from behind. */
  static void paint(Graphics2D g, RoadUserScene.Facing f, int dir, double x, double y, double w, double h, Color paint) {
    if (f == RoadUserScene.Facing.PROFILE) {
      side(g, dir, x, y, w, h, paint);
      return;
    }
    boolean front = f == RoadUserScene.Facing.FRONT;
    Draw.rect(g, TYRE, x + 0.06 * w, y + 0.8 * h, 0.16 * w, 0.2 * h);
    Draw.rect(g, TYRE, x + 0.78 * w, y + 0.8 * h, 0.16 * w, 0.2 * h);
    Draw.poly(g, Palette.shade(paint, 0.9), x + 0.17 * w, y, x + 0.83 * w, y, x + 0.95 * w, y + 0.4 * h,
        x + 0.05 * w, y + 0.4 * h);
    Draw.poly(g, GLASS, x + 0.22 * w, y + 0.06 * h, x + 0.78 * w, y + 0.06 * h, x + 0.87 * w, y + 0.36 * h,
        x + 0.13 * w, y + 0.36 * h);
    Draw.round(g, paint, x, y + 0.36 * h, w, 0.48 * h, 0.12 * w);
    Color lamp = front ? HEADLIGHT : TAIL;
    Draw.rect(g, lamp, x + 0.05 * w, y + 0.47 * h, 0.2 * w, 0.12 * h);
    Draw.rect(g, lamp, x + 0.75 * w, y + 0.47 * h, 0.2 * w, 0.12 * h);
    if (front) {
      Draw.rect(g, new Color(30, 30, 34), x + 0.32 * w, y + 0.48 * h, 0.36 * w, 0.14 * h);
    } else {
      Draw.rect(g, new Color(240, 240, 240), x + 0.38 * w, y + 0.58 * h, 0.24 * w, 0.12 * h);
    }
    Draw.rect(g, Palette.shade(paint, 0.6), x, y + 0.72 * h, w, 0.08 * h);
  }

  private static void side(Graphics2D g, int dir, double x, double y, double w, double h, Color paint) {
    Draw.poly(g, Palette.shade(paint, 0.9), x + 0.25 * w, y, x + 0.68 * w, y, x + 0.82 * w, y + 0.38 * h,
        x + 0.14 * w, y + 0.38 * h);
    Draw.poly(g, GLASS, x + 0.28 * w, y + 0.07 * h, x + 0.47 * w, y + 0.07 * h, x + 0.47 * w, y + 0.34 * h,
        x + 0.19 * w, y + 0.34 * h);
    Draw.poly(g, GLASS, x + 0.5 * w, y + 0.07 * h, x + 0.66 * w, y + 0.07 * h, x + 0.77 * w, y + 0.34 * h,
        x + 0.5 * w, y + 0.34 * h);
    Draw.round(g, paint, x, y + 0.34 * h, w, 0.42 * h, 0.1 * h);
    for (double wx : new double[] {0.2, 0.8}) {
      Draw.disc(g, TYRE, x + wx * w, y + 0.78 * h, 0.42 * h);
      Draw.disc(g, new Color(150, 150, 155), x + wx * w, y + 0.78 * h, 0.18 * h);
    }
    double headX = dir > 0 ? x + w - 0.06 * w : x;
    double tailX = dir > 0 ? x : x + w - 0.05 * w;
    Draw.rect(g, HEADLIGHT, headX, y + 0.42 * h, 0.06 * w, 0.1 * h);
    Draw.rect(g, TAIL, tailX, y + 0.42 * h, 0.05 * w, 0.1 * h);
  }

  /** The own car from above in box (x, y, w, l), front up: windscreen, roof, rear window, lamps, mirrors. */
  static void own(Graphics2D g, double x, double y, double w, double l, Color paint) {
    Draw.rect(g, Palette.shade(paint, 0.8), x - 0.12 * w, y + 0.3 * l, 0.14 * w, 0.06 * l);
    Draw.rect(g, Palette.shade(paint, 0.8), x + 0.98 * w, y + 0.3 * l, 0.14 * w, 0.06 * l);
    Draw.round(g, paint, x, y, w, l, 0.4 * w);
    Draw.poly(g, GLASS, x + 0.1 * w, y + 0.34 * l, x + 0.9 * w, y + 0.34 * l, x + 0.8 * w, y + 0.2 * l,
        x + 0.2 * w, y + 0.2 * l);
    Draw.rect(g, Palette.shade(paint, 0.88), x + 0.1 * w, y + 0.34 * l, 0.8 * w, 0.38 * l);
    Draw.poly(g, GLASS, x + 0.12 * w, y + 0.72 * l, x + 0.88 * w, y + 0.72 * l, x + 0.8 * w, y + 0.84 * l,
        x + 0.2 * w, y + 0.84 * l);
    Draw.rect(g, HEADLIGHT, x + 0.08 * w, y + 0.01 * l, 0.22 * w, 0.04 * l);
    Draw.rect(g, HEADLIGHT, x + 0.7 * w, y + 0.01 * l, 0.22 * w, 0.04 * l);
    Draw.rect(g, TAIL, x + 0.08 * w, y + 0.95 * l, 0.2 * w, 0.04 * l);
    Draw.rect(g, TAIL, x + 0.72 * w, y + 0.95 * l, 0.2 * w, 0.04 * l);
  }
}
