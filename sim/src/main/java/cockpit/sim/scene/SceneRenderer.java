package cockpit.sim.scene;

import cockpit.proto.v1.DetectionKind;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Draws a {@link Scene} with plain Java2D (no antialiasing, no text, so the pixels depend only on the
 * scene, the seed and the size) and returns the image with its ground truth. The seed varies
 * lighting, colours, small position jitter and sensor noise; the labels depend on the scene alone
 * (boxes move with the jitter). Stateless and thread-safe.
 *
 * <p>Cabin layout: a top-down view with the front at the bottom; the driver side is the image's left
 * (left-hand drive). Exterior layout: the road as seen by a rear-facing side camera; a road user
 * further away is smaller and nearer the horizon.
 */
public final class SceneRenderer {
  /** Smallest width or height rendered. */
  public static final int MIN_SIZE = 32;
  /** Largest width or height rendered. */
  public static final int MAX_SIZE = 4096;

  /** Renders {@code scene} at {@code width} × {@code height} pixels from {@code seed}. */
  public Rendered render(Scene scene, long seed, int width, int height) {
    if (width < MIN_SIZE || height < MIN_SIZE || width > MAX_SIZE || height > MAX_SIZE) {
      throw new IllegalArgumentException("image size " + width + "x" + height + " is outside " + MIN_SIZE + ".."
          + MAX_SIZE);
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_SPEED);
    Random rnd = new Random(seed);
    List<Label> labels = new ArrayList<>();
    try {
      switch (scene) {
        case CabinScene c -> new CabinPainter(g, width, height, rnd).paint(c, labels);
        case ExteriorScene e -> paintExterior(g, width, height, rnd, e, labels);
      }
    } finally {
      g.dispose();
    }
    addNoise(img, seed);
    return new Rendered(img, new GroundTruth(labels));
  }

  private static void paintExterior(Graphics2D g, int w, int h, Random rnd, ExteriorScene e, List<Label> labels) {
    int horizon = (int) (h * (0.38 + 0.04 * rnd.nextDouble()));
    g.setColor(new Color(120 + rnd.nextInt(40), 160 + rnd.nextInt(40), 210 + rnd.nextInt(40)));
    g.fillRect(0, 0, w, horizon);
    g.setColor(new Color(70 + rnd.nextInt(20), 70 + rnd.nextInt(20), 75 + rnd.nextInt(20)));
    g.fillRect(0, horizon, w, h - horizon);
    g.setColor(new Color(230, 230, 230));
    for (int i = 0; i < 6; i++) {
      int y = horizon + (h - horizon) * i / 6;
      g.fillRect(w / 2 - 2 - i, y, 4 + 2 * i, Math.max(2, (h - horizon) / 14));
    }
    // The car's own flank along the image edge of its side.
    int flank = w / 8;
    g.setColor(new Color(150 + rnd.nextInt(60), 20 + rnd.nextInt(40), 30 + rnd.nextInt(40)));
    g.fillRect(e.side() == ExteriorScene.Side.LEFT ? w - flank : 0, horizon / 2, flank, h - horizon / 2);
    if (e.roadUser() == ExteriorScene.RoadUser.NONE) {
      return;
    }
    double near = 1 - (e.distanceM() - 1) / (ExteriorScene.MAX_DISTANCE_M - 1); // 1 at 1 m, 0 at 50 m
    double scale = 0.12 + 0.7 * near * near;
    int ph = (int) Math.max(6, h * scale);
    int pw = Math.max(3, e.roadUser() == ExteriorScene.RoadUser.CYCLIST ? ph * 3 / 4 : ph / 3);
    int feet = (int) (horizon + (h - horizon) * (0.1 + 0.85 * near));
    int cx = (int) (w * (0.3 + 0.4 * rnd.nextDouble()));
    int x0 = cx - pw / 2;
    int y0 = feet - ph;
    Color body = new Color(rnd.nextInt(200), rnd.nextInt(200), 55 + rnd.nextInt(200));
    g.setColor(new Color(225, 185, 150));
    g.fillOval(cx - ph / 16, y0, Math.max(2, ph / 8), Math.max(2, ph / 8));
    g.setColor(body);
    g.fillRect(cx - pw / 6, y0 + ph / 8, Math.max(2, pw / 3), ph / 2);
    if (e.roadUser() == ExteriorScene.RoadUser.CYCLIST) {
      g.setColor(Color.BLACK);
      int r = Math.max(2, ph / 5);
      g.drawOval(x0, feet - 2 * r, 2 * r, 2 * r);
      g.drawOval(x0 + pw - 2 * r, feet - 2 * r, 2 * r, 2 * r);
      g.drawLine(x0 + r, feet - r, x0 + pw - r, feet - r);
    } else {
      g.fillRect(cx - pw / 6, y0 + ph * 5 / 8, Math.max(1, pw / 8), ph * 3 / 8);
      g.fillRect(cx + pw / 12, y0 + ph * 5 / 8, Math.max(1, pw / 8), ph * 3 / 8);
    }
    String side = e.side().name().toLowerCase(Locale.ROOT);
    DetectionKind kind = e.roadUser() == ExteriorScene.RoadUser.CYCLIST
        ? DetectionKind.DETECTION_KIND_CYCLIST : DetectionKind.DETECTION_KIND_PERSON;
    labels.add(new Label(kind, null, "exterior/" + side + "-rear", Label.Box.pixels(x0, y0, x0 + pw, feet, w, h),
        e.roadUser().name().toLowerCase(Locale.ROOT),
        Map.of("approaching", Boolean.toString(e.approaching()),
            "distance_m", String.format(Locale.ROOT, "%.1f", e.distanceM())),
        "", null));
  }

  /** Sensor noise: ±6 per channel, from its own stream of the seed so it does not shift the layout. */
  private static void addNoise(BufferedImage img, long seed) {
    SplittableRandom noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int w = img.getWidth();
    int h = img.getHeight();
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int p = row[x];
        int r = clamp(((p >> 16) & 0xFF) + noise.nextInt(13) - 6);
        int gg = clamp(((p >> 8) & 0xFF) + noise.nextInt(13) - 6);
        int b = clamp((p & 0xFF) + noise.nextInt(13) - 6);
        row[x] = (r << 16) | (gg << 8) | b;
      }
      img.setRGB(0, y, w, 1, row, 0, w);
    }
  }

  private static int clamp(int v) {
    return Math.clamp(v, 0, 255);
  }
}
