package cockpit.sim.scene;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Arc2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;

/** Shape primitives in fractional frame coordinates (rounded once, here). Stateless. */
final class Draw {
  private Draw() {}

  static void rect(Graphics2D g, Color c, double x, double y, double w, double h) {
    g.setColor(c);
    g.fillRect(r(x), r(y), Math.max(1, r(w)), Math.max(1, r(h)));
  }

  static void round(Graphics2D g, Color c, double x, double y, double w, double h, double arc) {
    g.setColor(c);
    g.fillRoundRect(r(x), r(y), Math.max(1, r(w)), Math.max(1, r(h)), r(arc), r(arc));
  }

  static void oval(Graphics2D g, Color c, double x, double y, double w, double h) {
    g.setColor(c);
    g.fillOval(r(x), r(y), Math.max(1, r(w)), Math.max(1, r(h)));
  }

  /** A disc of diameter {@code d} centred at (cx, cy). */
  static void disc(Graphics2D g, Color c, double cx, double cy, double d) {
    oval(g, c, cx - d / 2, cy - d / 2, d, d);
  }

  /** A straight stroke {@code width} pixels wide with square ends. */
  static void line(Graphics2D g, Color c, double x0, double y0, double x1, double y1, double width) {
    g.setColor(c);
    g.setStroke(new BasicStroke((float) Math.max(1, width), BasicStroke.CAP_SQUARE, BasicStroke.JOIN_MITER));
    g.draw(new Line2D.Double(x0, y0, x1, y1));
    g.setStroke(new BasicStroke(1));
  }

  /** An open arc (degrees, Java2D convention: 0 = east, counter-clockwise) as a stroke. */
  static void arc(Graphics2D g, Color c, double x, double y, double w, double h, double start, double extent,
      double width) {
    g.setColor(c);
    g.setStroke(new BasicStroke((float) Math.max(1, width), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
    g.draw(new Arc2D.Double(x, y, w, h, start, extent, Arc2D.OPEN));
    g.setStroke(new BasicStroke(1));
  }

  /** A filled polygon through (x, y) pairs. */
  static void poly(Graphics2D g, Color c, double... xy) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xy[0], xy[1]);
    for (int i = 2; i < xy.length; i += 2) {
      p.lineTo(xy[i], xy[i + 1]);
    }
    p.closePath();
    g.setColor(c);
    g.fill(p);
  }

  private static int r(double v) {
    return (int) Math.round(v);
  }
}
