package cockpit.sim.scene;

import java.awt.image.BufferedImage;

/**
 * What the model sees of a frame: the frame letterboxed into an S × S square with bilinear sampling
 * (pixel centres aligned, edges clamped) and mid-grey bands — the same arithmetic as perception's
 * {@code Preprocessor} (sim cannot depend on perception; DESIGN.md §3). Used by the legibility tests
 * and the contact sheet.
 */
public final class ModelInput {
  private ModelInput() {}

  public static BufferedImage letterbox(BufferedImage img, int size) {
    int w = img.getWidth();
    int h = img.getHeight();
    double scale = Math.min((double) size / w, (double) size / h);
    int cw = Math.clamp(Math.round(w * scale), 1, size);
    int ch = Math.clamp(Math.round(h * scale), 1, size);
    int ox = (size - cw) / 2;
    int oy = (size - ch) / 2;
    BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    int grey = Math.round(0.5f * 255);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        out.setRGB(x, y, grey << 16 | grey << 8 | grey);
      }
    }
    int[] src = img.getRGB(0, 0, w, h, null, 0, w);
    for (int oy2 = 0; oy2 < ch; oy2++) {
      double sy = Math.clamp((oy2 + 0.5) * h / ch - 0.5, 0.0, h - 1);
      int y0 = (int) sy;
      int y1 = Math.min(y0 + 1, h - 1);
      double fy = sy - y0;
      for (int ox2 = 0; ox2 < cw; ox2++) {
        double sx = Math.clamp((ox2 + 0.5) * w / cw - 0.5, 0.0, w - 1);
        int x0 = (int) sx;
        int x1 = Math.min(x0 + 1, w - 1);
        double fx = sx - x0;
        int p = 0;
        for (int s = 16; s >= 0; s -= 8) {
          double top = (src[y0 * w + x0] >> s & 0xFF) * (1 - fx) + (src[y0 * w + x1] >> s & 0xFF) * fx;
          double bottom = (src[y1 * w + x0] >> s & 0xFF) * (1 - fx) + (src[y1 * w + x1] >> s & 0xFF) * fx;
          p = p << 8 | (int) Math.round(top * (1 - fy) + bottom * fy);
        }
        out.setRGB(ox + ox2, oy + oy2, p);
      }
    }
    return out;
  }

  /** Box {@code b} (normalized to the frame) in model-input pixels {x0, y0, x1, y1}. */
  public static int[] box(Label.Box b, int w, int h, int size) {
    double scale = Math.min((double) size / w, (double) size / h);
    int cw = Math.clamp(Math.round(w * scale), 1, size);
    int ch = Math.clamp(Math.round(h * scale), 1, size);
    int ox = (size - cw) / 2;
    int oy = (size - ch) / 2;
    return new int[] {ox + (int) Math.floor(b.x() * cw), oy + (int) Math.floor(b.y() * ch),
        ox + (int) Math.ceil((b.x() + b.width()) * cw), oy + (int) Math.ceil((b.y() + b.height()) * ch)};
  }
}
