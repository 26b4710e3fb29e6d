package cockpit.sim.scene;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;

/**
 * The drawing surface of one image: a Graphics2D without antialiasing (so pixels depend only on the
 * scene, the seed and the size), the frame size, and the pose jitter of {@link Variation} as one affine
 * transform about the frame centre. Painters draw in frame coordinates under the transform and ask
 * {@link #box} for where a shape landed. One use per image, one thread.
 */
final class Canvas implements AutoCloseable {
  final Graphics2D g;
  final int w;
  final int h;
  private final AffineTransform pose;

  Canvas(BufferedImage img, Variation v) {
    this.w = img.getWidth();
    this.h = img.getHeight();
    this.g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    pose = new AffineTransform();
    pose.translate(w / 2.0 + v.shiftX() * w, h / 2.0 + v.shiftY() * h);
    pose.rotate(Math.toRadians(v.rotationDeg()));
    pose.scale(v.scale(), v.scale());
    pose.translate(-w / 2.0, -h / 2.0);
  }

  /** Fills the whole frame (outside the transform, so rotated corners are covered) and applies the pose. */
  void background(Color c) {
    g.setTransform(new AffineTransform());
    g.setColor(c);
    g.fillRect(0, 0, w, h);
    g.setTransform(pose);
  }

  /** Where the frame-coordinate rectangle (x0, y0)–(x1, y1) landed, as a normalized box clipped to the image. */
  Label.Box box(double x0, double y0, double x1, double y1) {
    double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
    for (double[] c : new double[][] {{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}}) {
      Point2D p = pose.transform(new Point2D.Double(c[0], c[1]), null);
      minX = Math.min(minX, p.getX());
      minY = Math.min(minY, p.getY());
      maxX = Math.max(maxX, p.getX());
      maxY = Math.max(maxY, p.getY());
    }
    return Label.Box.pixels(minX, minY, maxX, maxY, w, h);
  }

  @Override
  public void close() {
    g.dispose();
  }
}
