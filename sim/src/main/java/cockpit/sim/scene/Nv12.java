package cockpit.sim.scene;

import java.awt.image.BufferedImage;

/**
 * NV12 (Y plane, then interleaved U,V at half resolution, tightly packed) with BT.601 limited range,
 * the convention perception's frame decoder expects. Chroma is the mean of each 2×2 block.
 */
public final class Nv12 {
  private Nv12() {}

  public static byte[] fromRgb(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    if (w % 2 != 0 || h % 2 != 0) {
      throw new IllegalArgumentException("NV12 needs an even width and height, got " + w + "x" + h);
    }
    byte[] out = new byte[w * h * 3 / 2];
    int[] rgb = img.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < w * h; i++) {
      int p = rgb[i];
      out[i] = (byte) clamp(Math.round(16 + (65.481 * r(p) + 128.553 * g(p) + 24.966 * b(p)) / 255.0));
    }
    int uv = w * h;
    for (int y = 0; y < h; y += 2) {
      for (int x = 0; x < w; x += 2) {
        double r = 0, g = 0, b = 0;
        for (int k = 0; k < 4; k++) {
          int p = rgb[(y + k / 2) * w + x + k % 2];
          r += r(p) / 4.0;
          g += g(p) / 4.0;
          b += b(p) / 4.0;
        }
        int o = uv + (y / 2) * w + x;
        out[o] = (byte) clamp(Math.round(128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255.0));
        out[o + 1] = (byte) clamp(Math.round(128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255.0));
      }
    }
    return out;
  }

  /** The inverse (BT.601 limited range), packed 0xRRGGBB per pixel; for checks and tools. */
  public static int[] toRgb(byte[] nv12, int w, int h) {
    if (nv12.length != w * h * 3 / 2) {
      throw new IllegalArgumentException("NV12 " + w + "x" + h + " needs " + w * h * 3 / 2 + " bytes, got "
          + nv12.length);
    }
    int[] out = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double c = 1.164 * ((nv12[y * w + x] & 0xFF) - 16);
        int o = w * h + (y / 2) * w + (x & ~1);
        double d = (nv12[o] & 0xFF) - 128;
        double e = (nv12[o + 1] & 0xFF) - 128;
        int r = clamp(Math.round(c + 1.596 * e));
        int g = clamp(Math.round(c - 0.391 * d - 0.813 * e));
        int b = clamp(Math.round(c + 2.018 * d));
        out[y * w + x] = (r << 16) | (g << 8) | b;
      }
    }
    return out;
  }

  private static int r(int p) {
    return (p >> 16) & 0xFF;
  }

  private static int g(int p) {
    return (p >> 8) & 0xFF;
  }

  private static int b(int p) {
    return p & 0xFF;
  }

  private static int clamp(long v) {
    return Math.clamp(v, 0, 255);
  }
}
