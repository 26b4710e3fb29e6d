package cockpit.sim.scene;

import java.awt.image.BufferedImage;

/**
 * Where two renders of the same size differ, in the frame and in the model's view: how many frame
 * pixels changed, how many of those lie in a region (a normalized box, grown by {@code slack} pixels),
 * and the mean and largest per-channel difference inside that region after letterboxing both to the
 * model input.
 */
record Pixels(int changed, int changedInRegion, double modelMean, int modelMax) {
  /** Fraction of the changed frame pixels that lie in the region (1 when nothing changed). */
  double inRegion() {
    return changed == 0 ? 1 : (double) changedInRegion / changed;
  }

  static Pixels diff(BufferedImage a, BufferedImage b, Label.Box region, int slack, int modelSize) {
    int w = a.getWidth();
    int h = a.getHeight();
    int x0 = (int) Math.floor(region.x() * w) - slack;
    int y0 = (int) Math.floor(region.y() * h) - slack;
    int x1 = (int) Math.ceil((region.x() + region.width()) * w) + slack;
    int y1 = (int) Math.ceil((region.y() + region.height()) * h) + slack;
    int changed = 0;
    int inside = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (a.getRGB(x, y) != b.getRGB(x, y)) {
          changed++;
          if (x >= x0 && x < x1 && y >= y0 && y < y1) {
            inside++;
          }
        }
      }
    }
    BufferedImage ma = ModelInput.letterbox(a, modelSize);
    BufferedImage mb = ModelInput.letterbox(b, modelSize);
    int[] m = ModelInput.box(region, w, h, modelSize);
    long sum = 0;
    int max = 0;
    int n = 0;
    for (int y = Math.max(0, m[1]); y < Math.min(modelSize, m[3]); y++) {
      for (int x = Math.max(0, m[0]); x < Math.min(modelSize, m[2]); x++) {
        int pa = ma.getRGB(x, y);
        int pb = mb.getRGB(x, y);
        for (int s = 0; s <= 16; s += 8) {
          int d = Math.abs((pa >> s & 0xFF) - (pb >> s & 0xFF));
          sum += d;
          max = Math.max(max, d);
        }
        n += 3;
      }
    }
    return new Pixels(changed, inside, n == 0 ? 0 : (double) sum / n, max);
  }

  /** The smallest box holding both. */
  static Label.Box union(Label.Box a, Label.Box b) {
    double x0 = Math.min(a.x(), b.x());
    double y0 = Math.min(a.y(), b.y());
    double x1 = Math.max(a.x() + a.width(), b.x() + b.width());
    double y1 = Math.max(a.y() + a.height(), b.y() + b.height());
    return new Label.Box(x0, y0, x1 - x0, y1 - y0);
  }
}
