package cockpit.sim.scene;

import java.awt.Color;
import java.awt.Graphics2D;
import java.util.Random;

/**
 * Loose objects on a seat cushion, sized as fractions of the seat width {@code sw} (see
 * {@link SeatObject} for what tells them apart). Where an object comes in light and dark variants
 * (wallet, bag, laptop) the one that stands out from the seat is used, so it stays visible at night.
 * Each returns its bounds {x0, y0, x1, y1} in frame coordinates. Stateless.
 */
final class ObjectPainter {
  private ObjectPainter() {}

  /** Width and height of {@code o}, fractions of the seat width. */
  static double[] size(SeatObject o) {
    return switch (o) {
      case PHONE -> new double[] {0.14, 0.24};
      case WALLET -> new double[] {0.24, 0.16};
      case KEYS -> new double[] {0.26, 0.16};
      case BAG -> new double[] {0.32, 0.3};
      case BOTTLE -> new double[] {0.34, 0.1};
      case LAPTOP -> new double[] {0.38, 0.26};
    };
  }

  /** Draws {@code o} with its top-left corner at (x, y). */
  static double[] paint(Graphics2D g, SeatObject o, double x, double y, double sw, Color seat, Random r) {
    boolean darkSeat = Palette.luma(seat) < 110;
    double w = size(o)[0] * sw;
    double h = size(o)[1] * sw;
    switch (o) {
      case PHONE -> {
        Draw.round(g, new Color(18, 18, 22), x, y, w, h, w / 3);
        Color screen = r.nextBoolean() ? new Color(120, 200, 255) : new Color(235, 240, 250);
        Draw.rect(g, screen, x + 0.18 * w, y + 0.12 * h, 0.64 * w, 0.72 * h);
      }
      case WALLET -> {
        Color leather = Palette.jitter(darkSeat ? new Color(190, 140, 80) : new Color(35, 30, 30), r, 15);
        Draw.round(g, leather, x, y, w, h, h / 4);
        Draw.rect(g, Palette.jitter(new Color(200, 60, 60), r, 40), x + 0.1 * w, y - 0.08 * h, 0.35 * w, 0.2 * h);
        Draw.rect(g, Palette.shade(leather, 0.55), x + 0.47 * w, y, Math.max(1, 0.07 * w), h);
      }
      case KEYS -> {
        Color metal = new Color(200, 202, 208);
        double ring = 0.38 * w;
        Draw.arc(g, metal, x, y + 0.1 * h, ring, ring, 0, 360, 0.06 * sw);
        Draw.rect(g, metal, x + 0.3 * w, y + 0.15 * h, 0.5 * w, 0.2 * h);
        Draw.rect(g, metal, x + 0.3 * w, y + 0.55 * h, 0.42 * w, 0.2 * h);
        Color fob = Palette.jitter(r.nextBoolean() ? new Color(25, 25, 30) : new Color(180, 30, 35), r, 15);
        Draw.round(g, fob, x + 0.72 * w, y + 0.05 * h, 0.28 * w, 0.9 * h, 0.2 * w);
      }
      case BAG -> {
        Color[] light = {new Color(200, 150, 90), new Color(215, 70, 70), new Color(120, 150, 220), new Color(225, 200, 150)};
        Color[] dark = {new Color(90, 55, 30), new Color(110, 25, 30), new Color(30, 38, 75), new Color(40, 40, 40)};
        Color body = Palette.jitter((darkSeat ? light : dark)[r.nextInt(4)], r, 12);
        Draw.arc(g, Palette.shade(body, 0.7), x + 0.25 * w, y - 0.25 * h, 0.5 * w, 0.6 * h, 0, 180, 0.06 * sw);
        Draw.round(g, body, x, y + 0.05 * h, w, 0.95 * h, w / 5);
        Draw.rect(g, Palette.shade(body, 0.75), x, y + 0.05 * h, w, 0.35 * h);
        Draw.disc(g, new Color(220, 190, 80), x + w / 2, y + 0.4 * h, 0.1 * w);
      }
      case BOTTLE -> {
        Draw.round(g, new Color(175, 215, 235), x, y, 0.84 * w, h, h / 2);
        Draw.rect(g, new Color(120, 170, 200), x + 0.84 * w - 0.01 * w, y + 0.25 * h, 0.06 * w, 0.5 * h);
        Draw.rect(g, Palette.vivid(r), x + 0.9 * w, y + 0.2 * h, 0.1 * w, 0.6 * h);
        Draw.rect(g, Palette.vivid(r), x + 0.3 * w, y, 0.25 * w, h);
      }
      case LAPTOP -> {
        Color shell = darkSeat ? new Color(196, 198, 204) : new Color(70, 72, 80);
        Draw.round(g, Palette.shade(shell, 0.7), x, y, w, h, h / 6);
        Draw.round(g, shell, x + 0.04 * w, y + 0.06 * h, 0.92 * w, 0.84 * h, h / 8);
        Draw.disc(g, Palette.shade(shell, 1.2), x + w / 2, y + h / 2, 0.18 * h);
      }
    }
    return new double[] {x, o == SeatObject.BAG ? y - 0.25 * h : y - (o == SeatObject.WALLET ? 0.08 * h : 0), x + w,
        y + h};
  }
}
