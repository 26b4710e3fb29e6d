package cockpit.sim.scene;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sign text is readable at the model input (128 px for 320×240, 160×120 and 256×256 frames; 160 px
 * for 320×240), checked by a template reader: each two-character sign "P" + c (c = every drawable
 * letter and digit) is rendered in a car-park frame with three seeds as templates and another seed
 * as the probe (different pose jitter, glyph cell size, noise, colour scheme),
 * letterboxed, cut out at the truth's box, resampled to a fixed grid (shifted by up to half a pixel
 * either way, the jitter's sub-pixel misalignment) and read as the template with the highest absolute
 * correlation (absolute: light-on-dark and dark-on-light schemes).
 */
class SignLegibilityTest {
  private static final SceneRenderer R = new SceneRenderer();
  private static final String CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final int GW = 40;
  private static final int GH = 16;

  @ParameterizedTest(name = "{0} {1} {2} {3}x{4} at {5}")
  @CsvSource({"BLOCK,LEVEL,DAY,320,240,128", "DOT,LEVEL,DAY,320,240,128", "LINE,LEVEL,DAY,320,240,128",
      "SLANT,LEVEL,DAY,320,240,128", "BLOCK,BAY,NIGHT,320,240,128", "LINE,PILLAR,DAY,320,240,128",
      "DOT,LEVEL,IR,320,240,128", "SLANT,BAY,DAY,320,240,128", "LINE,BAY,DAY,160,120,128", "DOT,PILLAR,NIGHT,256,256,128",
      "LINE,LEVEL,DAY,320,240,160"})
  void everyCharacterReadsBackAtTheModelInput(SignFont font, SignScene.Kind kind, Lighting light, int w, int h,
      int size) {
    Frame f = new Frame(w, h, size);
    List<double[]> templates = new ArrayList<>(); // three per character: seeds with other jitter and cell size
    for (char ch : CHARS.toCharArray()) {
      for (long seed = 100; seed < 103; seed++) {
        templates.add(crop(font, kind, light, ch, seed, f).grid(0, 0));
      }
    }
    int right = 0;
    StringBuilder wrong = new StringBuilder();
    for (int i = 0; i < CHARS.length(); i++) {
      Crop probe = crop(font, kind, light, CHARS.charAt(i), 7, f);
      int best = 0;
      double bestScore = -1;
      for (double dx = -0.5; dx <= 0.5; dx += 0.5) {
        for (double dy = -0.5; dy <= 0.5; dy += 0.5) {
          double[] g = probe.grid(dx, dy);
          for (int j = 0; j < templates.size(); j++) {
            double sc = Math.abs(corr(g, templates.get(j)));
            if (sc > bestScore) {
              bestScore = sc;
              best = j / 3;
            }
          }
        }
      }
      if (best == i) {
        right++;
      } else {
        wrong.append(CHARS.charAt(i)).append("→").append(CHARS.charAt(best)).append(' ');
      }
    }
    assertTrue(right == CHARS.length(), font + " " + kind + " " + light + " " + f + ": " + right + "/" + CHARS.length()
        + " read right; misread " + wrong);
  }

  /** A frame size and the model input it is letterboxed to. */
  private record Frame(int w, int h, int size) {}

  /** The model input of a frame with the sign "P" + c, and the sign's box in it. */
  private static Crop crop(SignFont font, SignScene.Kind kind, Lighting light, char c, long seed, Frame f) {
    ExteriorScene s = new ExteriorScene(ExteriorScene.Place.CAR_PARK, List.of(),
        List.of(new SignScene(kind, "P" + c, SignScene.Direction.REAR, font)), light);
    Rendered r = R.render(s, seed, f.w(), f.h());
    SignTruth t = ((ExteriorTruth) r.truth()).signs().getFirst();
    return new Crop(ModelInput.letterbox(r.image(), f.size()), ModelInput.box(t.box(), f.w(), f.h(), f.size()));
  }

  /** A model input and a box in it. */
  private record Crop(BufferedImage m, int[] b) {
    /** The box as a zero-mean grey grid of GW × GH, sampled {@code dx}, {@code dy} pixels off. */
    double[] grid(double dx, double dy) {
      double[] g = new double[GW * GH];
      double mean = 0;
      for (int y = 0; y < GH; y++) {
        for (int x = 0; x < GW; x++) {
          double sx = dx + b[0] + (x + 0.5) * (b[2] - b[0]) / GW;
          double sy = dy + b[1] + (y + 0.5) * (b[3] - b[1]) / GH;
          g[y * GW + x] = grey(m, sx, sy);
          mean += g[y * GW + x] / g.length;
        }
      }
      for (int i = 0; i < g.length; i++) {
        g[i] -= mean;
      }
      return g;
    }
  }

  /** Bilinear grey value at (x, y) in pixel-centre coordinates. */
  private static double grey(BufferedImage m, double x, double y) {
    double fx = x - 0.5;
    double fy = y - 0.5;
    int x0 = (int) Math.floor(fx);
    int y0 = (int) Math.floor(fy);
    double ax = fx - x0;
    double ay = fy - y0;
    return (1 - ay) * ((1 - ax) * luma(m, x0, y0) + ax * luma(m, x0 + 1, y0))
        + ay * ((1 - ax) * luma(m, x0, y0 + 1) + ax * luma(m, x0 + 1, y0 + 1));
  }

  private static double luma(BufferedImage m, int x, int y) {
    int p = m.getRGB(Math.clamp(x, 0, m.getWidth() - 1), Math.clamp(y, 0, m.getHeight() - 1));
    return 0.299 * (p >> 16 & 0xFF) + 0.587 * (p >> 8 & 0xFF) + 0.114 * (p & 0xFF);
  }

  private static double corr(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb + 1e-9);
  }
}
