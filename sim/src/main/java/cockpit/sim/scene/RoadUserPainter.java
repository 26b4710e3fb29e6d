package cockpit.sim.scene;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Random;

/**
 * Road-user sprites, upright in the surround view, drawn into a box (x, y, w, h) whose shape
 * {@link #aspect} gives. FRONT (approaching) shows a face and an open jacket's light shirt, a cyclist's
 * face and white headlight, a vehicle's windscreen and headlights; BACK shows hair, a plain jacket, a
 * red rear light, tail lights and a number plate; PROFILE shows a side view (scissor legs, two round
 * wheels, a long body) heading left or right. Stateless.
 */
final class RoadUserPainter {
  private static final Color TYRE = new Color(20, 20, 22);
  private static final Color HEADLIGHT = new Color(255, 250, 205);
  private static final Color TAIL = new Color(215, 25, 25);

  private RoadUserPainter() {}

  /** Width / height of the sprite. */
  static double aspect(ExteriorScene.RoadUser kind, RoadUserScene.Facing facing) {
    boolean side = facing == RoadUserScene.Facing.PROFILE;
    return switch (kind) {
      case PERSON -> side ? 0.4 : 0.44;
      case CYCLIST -> side ? 0.95 : 0.48;
      case VEHICLE -> side ? 2.1 : 1.25;
      case NONE -> throw new IllegalArgumentException("no sprite for NONE");
    };
  }

  /** {@code dir} = +1 heads right, -1 left (profile only). */
  static void paint(Graphics2D g, ExteriorScene.RoadUser kind, RoadUserScene.Facing f, int dir, double x, double y,
      double w, double h, Random r) {
    switch (kind) {
      case PERSON -> person(g, f, dir, x + w / 2, y, h, r);
      case CYCLIST -> {
        if (f == RoadUserScene.Facing.PROFILE) {
          cyclistSide(g, dir, x, y, w, h, r);
        } else {
          cyclistEnd(g, f == RoadUserScene.Facing.FRONT, x + w / 2, y, h, r);
        }
      }
      case VEHICLE -> Vehicles.paint(g, f, dir, x, y, w, h, Palette.paint(r));
      case NONE -> throw new IllegalArgumentException("no sprite for NONE");
    }
  }

  private static void person(Graphics2D g, RoadUserScene.Facing f, int dir, double cx, double y, double h, Random r) {
    Color jacket = Palette.dark(r).brighter();
    Color legs = Palette.dark(r);
    Color skin = Palette.skin(r);
    Color hair = Palette.hair(r, skin);
    double lw = 0.09 * h;
    if (f == RoadUserScene.Facing.PROFILE) {
      Draw.line(g, legs, cx, y + 0.58 * h, cx + dir * 0.12 * h, y + 0.97 * h, lw);
      Draw.line(g, legs, cx, y + 0.58 * h, cx - dir * 0.1 * h, y + 0.97 * h, lw);
      Draw.round(g, jacket, cx - 0.08 * h, y + 0.2 * h, 0.16 * h, 0.4 * h, 0.06 * h);
      Draw.line(g, Palette.shade(jacket, 0.8), cx, y + 0.25 * h, cx + dir * 0.1 * h, y + 0.5 * h, 0.06 * h);
      Draw.disc(g, hair, cx, y + 0.1 * h, 0.19 * h);
      Draw.oval(g, skin, cx + dir * 0.02 * h - 0.065 * h, y + 0.05 * h, 0.13 * h, 0.14 * h);
      Draw.rect(g, skin, cx + (dir > 0 ? 0.07 : -0.11) * h, y + 0.1 * h, 0.04 * h, 0.035 * h);
      Draw.disc(g, new Color(25, 20, 20), cx + dir * 0.045 * h, y + 0.09 * h, Math.max(1, 0.03 * h));
      return;
    }
    Draw.line(g, legs, cx - 0.06 * h, y + 0.58 * h, cx - 0.12 * h, y + 0.97 * h, lw);
    Draw.line(g, legs, cx + 0.06 * h, y + 0.58 * h, cx + 0.1 * h, y + 0.94 * h, lw);
    Draw.round(g, jacket, cx - 0.14 * h, y + 0.19 * h, 0.28 * h, 0.42 * h, 0.08 * h);
    Draw.round(g, Palette.shade(jacket, 0.8), cx - 0.2 * h, y + 0.22 * h, 0.07 * h, 0.3 * h, 0.05 * h);
    Draw.round(g, Palette.shade(jacket, 0.8), cx + 0.13 * h, y + 0.22 * h, 0.07 * h, 0.26 * h, 0.05 * h);
    Draw.disc(g, hair, cx, y + 0.1 * h, 0.2 * h);
    if (f == RoadUserScene.Facing.FRONT) {
      Draw.rect(g, new Color(235, 235, 228), cx - 0.06 * h, y + 0.2 * h, 0.12 * h, 0.38 * h);
      Draw.oval(g, skin, cx - 0.075 * h, y + 0.06 * h, 0.15 * h, 0.15 * h);
      Draw.disc(g, new Color(25, 20, 20), cx - 0.035 * h, y + 0.12 * h, Math.max(1, 0.03 * h));
      Draw.disc(g, new Color(25, 20, 20), cx + 0.035 * h, y + 0.12 * h, Math.max(1, 0.03 * h));
    } else {
      Draw.rect(g, Palette.shade(jacket, 0.6), cx - 0.08 * h, y + 0.19 * h, 0.16 * h, 0.03 * h);
    }
  }

  private static void cyclistEnd(Graphics2D g, boolean front, double cx, double y, double h, Random r) {
    Color jersey = Palette.vivid(r);
    Color legs = Palette.dark(r);
    Color skin = Palette.skin(r);
    Color helmet = Palette.vivid(r);
    Draw.round(g, TYRE, cx - 0.035 * h, y + 0.56 * h, 0.07 * h, 0.44 * h, 0.05 * h);
    Draw.line(g, legs, cx - 0.07 * h, y + 0.5 * h, cx - 0.13 * h, y + 0.7 * h, 0.07 * h);
    Draw.line(g, legs, cx - 0.13 * h, y + 0.7 * h, cx - 0.05 * h, y + 0.86 * h, 0.07 * h);
    Draw.line(g, legs, cx + 0.07 * h, y + 0.5 * h, cx + 0.13 * h, y + 0.7 * h, 0.07 * h);
    Draw.line(g, legs, cx + 0.13 * h, y + 0.7 * h, cx + 0.05 * h, y + 0.86 * h, 0.07 * h);
    Draw.round(g, jersey, cx - 0.13 * h, y + 0.16 * h, 0.26 * h, 0.36 * h, 0.08 * h);
    Draw.line(g, TYRE, cx - 0.22 * h, y + 0.44 * h, cx + 0.22 * h, y + 0.44 * h, 0.035 * h);
    Draw.line(g, Palette.shade(jersey, 0.8), cx - 0.12 * h, y + 0.2 * h, cx - 0.2 * h, y + 0.43 * h, 0.05 * h);
    Draw.line(g, Palette.shade(jersey, 0.8), cx + 0.12 * h, y + 0.2 * h, cx + 0.2 * h, y + 0.43 * h, 0.05 * h);
    Draw.disc(g, front ? skin : Palette.hair(r, skin), cx, y + 0.1 * h, 0.17 * h);
    Draw.oval(g, helmet, cx - 0.1 * h, y, 0.2 * h, 0.09 * h);
    if (front) {
      Draw.disc(g, new Color(25, 20, 20), cx - 0.03 * h, y + 0.11 * h, Math.max(1, 0.03 * h));
      Draw.disc(g, new Color(25, 20, 20), cx + 0.03 * h, y + 0.11 * h, Math.max(1, 0.03 * h));
      Draw.disc(g, HEADLIGHT, cx, y + 0.5 * h, Math.max(2, 0.08 * h));
    } else {
      Draw.disc(g, TAIL, cx, y + 0.6 * h, Math.max(2, 0.08 * h));
    }
  }

  private static void cyclistSide(Graphics2D g, int dir, double x, double y, double w, double h, Random r) {
    Color frame = Palette.vivid(r);
    Color jersey = Palette.vivid(r);
    Color skin = Palette.skin(r);
    double rw = 0.21 * h;
    double back = dir > 0 ? x + rw + 0.02 * h : x + w - rw - 0.02 * h;
    double frontW = dir > 0 ? x + w - rw - 0.02 * h : x + rw + 0.02 * h;
    double wy = y + h - rw - 0.01 * h;
    Draw.arc(g, TYRE, back - rw, wy - rw, 2 * rw, 2 * rw, 0, 360, 0.045 * h);
    Draw.arc(g, TYRE, frontW - rw, wy - rw, 2 * rw, 2 * rw, 0, 360, 0.045 * h);
    double mid = (back + frontW) / 2;
    Draw.line(g, frame, back, wy, mid, wy - 0.02 * h, 0.035 * h);
    Draw.line(g, frame, mid, wy - 0.02 * h, frontW - dir * 0.05 * h, y + 0.5 * h, 0.035 * h);
    Draw.line(g, frame, back, wy, mid - dir * 0.05 * h, y + 0.5 * h, 0.035 * h);
    Draw.line(g, frame, frontW, wy, frontW - dir * 0.05 * h, y + 0.45 * h, 0.035 * h);
    Draw.line(g, Palette.dark(r), mid - dir * 0.05 * h, y + 0.5 * h, mid, wy, 0.07 * h);
    Draw.poly(g, jersey, mid - dir * 0.1 * h, y + 0.52 * h, mid + dir * 0.02 * h, y + 0.5 * h,
        frontW - dir * 0.12 * h, y + 0.22 * h, frontW - dir * 0.24 * h, y + 0.16 * h);
    Draw.line(g, Palette.shade(jersey, 0.8), frontW - dir * 0.2 * h, y + 0.22 * h, frontW - dir * 0.06 * h,
        y + 0.44 * h, 0.05 * h);
    Draw.disc(g, skin, frontW - dir * 0.14 * h, y + 0.1 * h, 0.16 * h);
    Draw.oval(g, Palette.vivid(r), frontW - dir * 0.14 * h - 0.09 * h, y + 0.01 * h, 0.18 * h, 0.08 * h);
  }
}
