package cockpit.sim.scene;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The camera's response applied to a drawn image, in place: lighting (day colour; night as a tone
 * curve with a blue cast, lights staying bright; an IR camera's grey), the variation's gain and vignette, then Gaussian sensor noise from
 * the seed's own stream (so noise never shifts the layout). Stateless.
 */
final class Sensor {
  private Sensor() {}

  static void apply(BufferedImage img, Lighting lighting, Variation v, long seed) {
    SplittableRandom noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
    int w = img.getWidth();
    int h = img.getHeight();
    int[] row = new int[w];
    double cx = (w - 1) / 2.0;
    double cy = (h - 1) / 2.0;
    double norm = cx * cx + cy * cy;
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        double fall = v.gain() * (1 - v.vignette() * ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / norm);
        int p = row[x];
        double r = (p >> 16) & 0xFF;
        double g = (p >> 8) & 0xFF;
        double b = p & 0xFF;
        double n = noise.nextGaussian() * v.noise();
        row[x] = switch (lighting) {
          case DAY -> rgb(r * fall + n, g * fall + n, b * fall + n);
          // Night: a tone curve, not a dimmer: lamps, screens and white paint stay bright while
          // mid-tones and shadows sink, with a blue cast.
          case NIGHT -> rgb(4 + 0.9 * night(r * fall) + n, 5 + 0.95 * night(g * fall) + n, 12 + 1.1 * night(b * fall) + n);
          case IR -> {
            // An IR illuminator at ~850 nm: skin and most fabrics reflect much of it, so the grey
            // level leans on red; no colour survives.
            double grey = 128 + ((0.5 * r + 0.35 * g + 0.15 * b) * fall - 118) * 1.25 + n;
            yield rgb(grey, grey, grey);
          }
        };
      }
      img.setRGB(0, y, w, 1, row, 0, w);
    }
  }

  private static double night(double v) {
    return 255 * Math.pow(Math.clamp(v, 0, 255) / 255, 1.8);
  }

  private static int rgb(double r, double g, double b) {
    return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
  }

  private static int clamp(double v) {
    return (int) Math.clamp(Math.round(v), 0, 255);
  }
}
