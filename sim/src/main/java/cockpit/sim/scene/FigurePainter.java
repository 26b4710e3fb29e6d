package cockpit.sim.scene;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Random;

/**
 * Seat occupants: a person (adult or child), a rear-facing infant carrier (with or without a baby) and
 * a dog, each drawn into a seat rectangle (x, y, sw, sh) from its own random stream. Stateless.
 */
final class FigurePainter {
  private FigurePainter() {}

  /** Where a drawn person is: the head (centre, diameter) and the torso rectangle the belt crosses. */
  record Body(double headX, double headY, double headD, double torsoX, double torsoY, double torsoW, double torsoH) {}

  /**
   * A seated person facing the camera. A child is smaller, sits lower and has a larger head for its
   * body. {@code face} sets gaze, eyes and mouth.
   */
  static Body person(Graphics2D g, double x, double y, double sw, double sh, boolean child, DriverState face,
      Random r) {
    double cx = x + sw / 2 + (r.nextDouble() - 0.5) * 0.04 * sw;
    double unit = Math.min(sw, sh * 0.8);
    double d = (child ? 0.36 : 0.44) * unit;
    double hy = y + (child ? 0.33 : 0.16) * sh;
    double tw = (child ? 0.46 : 0.66) * sw;
    double ty = hy + 0.42 * d;
    double tb = y + (child ? 0.76 : 0.72) * sh;
    Color shirt = Palette.clothes(r);
    Color legs = Palette.dark(r);
    Color skin = Palette.skin(r);
    Color hair = Palette.hair(r, skin);
    double lw = (child ? 0.15 : 0.2) * sw;
    double lb = y + (child ? 0.93 : 0.99) * sh;
    Draw.round(g, legs, cx - lw - 0.02 * sw, tb - 0.06 * sh, lw, lb - tb + 0.06 * sh, lw / 2);
    Draw.round(g, legs, cx + 0.02 * sw, tb - 0.06 * sh, lw, lb - tb + 0.06 * sh, lw / 2);
    Draw.rect(g, skin, cx - 0.09 * d, hy + 0.3 * d, 0.18 * d, 0.25 * d);
    Draw.round(g, shirt, cx - tw / 2, ty, tw, tb - ty, tw / 2.5);
    Color sleeve = Palette.shade(shirt, 0.82);
    double aw = 0.12 * sw;
    Draw.round(g, sleeve, cx - tw / 2 - aw * 0.3, ty + 0.1 * (tb - ty), aw, (tb - ty) * 0.9, aw);
    Draw.round(g, sleeve, cx + tw / 2 - aw * 0.7, ty + 0.1 * (tb - ty), aw, (tb - ty) * 0.9, aw);
    Draw.disc(g, skin, cx - tw / 2 + aw * 0.2, tb + 0.02 * sh, aw * 0.9);
    Draw.disc(g, skin, cx + tw / 2 - aw * 0.2, tb + 0.02 * sh, aw * 0.9);
    FacePainter.face(g, cx, hy, d, face, skin, hair);
    return new Body(cx, hy, d, cx - tw / 2, ty, tw, tb - ty);
  }

  /** A rear-facing infant carrier on the seat; occupied shows a baby's face above a blanket. */
  static void infantSeat(Graphics2D g, double x, double y, double sw, double sh, boolean occupied, Random r) {
    double bw = 0.68 * sw;
    double bh = 0.62 * sh;
    double x0 = x + (sw - bw) / 2;
    double y0 = y + 0.3 * sh;
    Color shell = r.nextBoolean() ? Palette.vivid(r) : Palette.shade(Palette.vivid(r), 0.45);
    Color pad = Palette.jitter(new Color(200, 196, 186), r, 25);
    Draw.round(g, shell, x0, y0, bw, bh, bw / 2.2);
    Draw.round(g, pad, x0 + 0.12 * bw, y0 + 0.1 * bh, 0.76 * bw, 0.82 * bh, bw / 2.8);
    Draw.arc(g, new Color(55, 55, 60), x0 + 0.04 * bw, y0 - 0.32 * bh, 0.92 * bw, 0.8 * bh, 20, 140, 0.06 * sw);
    if (occupied) {
      Color skin = Palette.skin(r);
      double d = 0.3 * bw;
      double cx = x0 + bw / 2;
      double cy = y0 + 0.32 * bh;
      Draw.disc(g, skin, cx, cy, d);
      Draw.rect(g, new Color(50, 35, 30), cx - 0.3 * d, cy, 0.2 * d, Math.max(1, 0.07 * d));
      Draw.rect(g, new Color(50, 35, 30), cx + 0.1 * d, cy, 0.2 * d, Math.max(1, 0.07 * d));
      Color blanket = Color.getHSBColor(r.nextFloat(), 0.35f, 0.92f);
      Draw.round(g, blanket, x0 + 0.14 * bw, y0 + 0.48 * bh, 0.72 * bw, 0.42 * bh, bw / 4);
    } else {
      Color strap = new Color(40, 40, 46);
      double cx = x0 + bw / 2;
      Draw.line(g, strap, x0 + 0.3 * bw, y0 + 0.2 * bh, cx, y0 + 0.62 * bh, 0.05 * sw);
      Draw.line(g, strap, x0 + 0.7 * bw, y0 + 0.2 * bh, cx, y0 + 0.62 * bh, 0.05 * sw);
      Draw.line(g, strap, cx, y0 + 0.62 * bh, cx, y0 + 0.85 * bh, 0.05 * sw);
      Draw.rect(g, new Color(170, 40, 40), cx - 0.05 * bw, y0 + 0.58 * bh, 0.1 * bw, 0.09 * bh);
    }
  }

  /** A dog lying on the cushion, head up, facing left or right. */
  static void pet(Graphics2D g, double x, double y, double sw, double sh, Color seat, Random r) {
    double k = 0.85 + 0.25 * r.nextDouble();
    Color fur = Palette.fur(r);
    if (Math.abs(Palette.luma(fur) - Palette.luma(seat)) < 60) {
      fur = Palette.luma(seat) > 110 ? new Color(45, 32, 24) : new Color(214, 176, 112); // a dog that shows on this seat
    }
    Color darker = Palette.luma(fur) > 60 ? Palette.shade(fur, 0.6) : new Color(90, 80, 75);
    boolean right = r.nextBoolean();
    double bw = 0.62 * sw * k;
    double bh = 0.3 * sh * k;
    double bx = x + (sw - bw) / 2;
    double by = y + 0.62 * sh - bh / 2;
    double tailX = right ? bx : bx + bw;
    Draw.line(g, fur, tailX, by + bh * 0.4, tailX + (right ? -0.12 : 0.12) * sw, by - 0.05 * sh, 0.05 * sw);
    Draw.oval(g, fur, bx, by, bw, bh);
    double d = 0.3 * sw * k;
    double hx = right ? bx + bw - d * 0.55 : bx + d * 0.55;
    double hy = by - 0.1 * d;
    Draw.oval(g, darker, hx - 0.55 * d, hy - 0.62 * d, 0.34 * d, 0.55 * d);
    Draw.oval(g, darker, hx + 0.21 * d, hy - 0.62 * d, 0.34 * d, 0.55 * d);
    Draw.disc(g, fur, hx, hy, d);
    double sx = hx + (right ? 0.25 : -0.25) * d;
    Draw.oval(g, Palette.shade(fur, 1.15), sx - 0.22 * d, hy + 0.05 * d, 0.44 * d, 0.34 * d);
    Draw.disc(g, new Color(20, 16, 16), sx + (right ? 0.14 : -0.14) * d, hy + 0.12 * d, 0.14 * d);
    Draw.disc(g, new Color(20, 16, 16), hx - 0.18 * d, hy - 0.12 * d, Math.max(1.5, 0.11 * d));
    Draw.disc(g, new Color(20, 16, 16), hx + 0.18 * d, hy - 0.12 * d, Math.max(1.5, 0.11 * d));
    Draw.rect(g, fur, hx - 0.3 * d, by + bh * 0.6, 0.16 * d, 0.35 * bh + 0.04 * sh);
    Draw.rect(g, fur, hx + 0.1 * d, by + bh * 0.6, 0.16 * d, 0.35 * bh + 0.04 * sh);
  }
}
