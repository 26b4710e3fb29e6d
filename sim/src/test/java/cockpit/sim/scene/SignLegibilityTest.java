package cockpit.sim.scene;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sign text is readable at a 128-pixel model input, checked by a template reader: each two-character
 * sign "P" + c (c = every drawable letter and digit) is rendered in a 320×240 car-park frame with one
 * seed as the template and another seed as the probe (different pose jitter, noise, colour scheme),
 * letterboxed to 128, cut out at the truth's box, resampled to a fixed grid and read as the template
 * with the highest absolute correlation (absolute: light-on-dark and dark-on-light schemes).
 */
class SignLegibilityTest {
  private static final SceneRenderer R = new SceneRenderer();
  private static final String CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final int GW = 40;
  private static final int GH = 16;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({"BLOCK,LEVEL,DAY", "DOT,LEVEL,DAY", "LINE,LEVEL,DAY", "SLANT,LEVEL,DAY", "BLOCK,BAY,NIGHT",
      "LINE,PILLAR,DAY", "DOT,LEVEL,IR", "SLANT,BAY,DAY"})
  void everyCharacterReadsBackAt128(SignFont font, SignScene.Kind kind, Lighting light) {
    List<double[]> templates = new ArrayList<>();
    for (char ch : CHARS.toCharArray()) {
      templates.add(read(font, kind, light, ch, 100));
    }
    int right = 0;
    StringBuilder wrong = new StringBuilder();
    for (int i = 0; i < CHARS.length(); i++) {
      double[] probe = read(font, kind, light, CHARS.charAt(i), 7);
      int best = 0;
      double bestScore = -1;
      for (int j = 0; j < templates.size(); j++) {
        double s = Math.abs(corr(probe, templates.get(j)));
        if (s > bestScore) {
          bestScore = s;
          best = j;
        }
      }
      if (best == i) {
        right++;
      } else {
        wrong.append(CHARS.charAt(i)).append("→").append(CHARS.charAt(best)).append(' ');
      }
    }
    assertTrue(right == CHARS.length(), font + " " + kind + " " + light + ": " + right + "/" + CHARS.length()
        + " read right; misread " + wrong);
  }

  /** The sign "P" + c at 128 px as a zero-mean grey grid of GW × GH. */
  private static double[] read(SignFont font, SignScene.Kind kind, Lighting light, char c, long seed) {
    ExteriorScene s = new ExteriorScene(ExteriorScene.Place.CAR_PARK, List.of(),
        List.of(new SignScene(kind, "P" + c, SignScene.Direction.REAR, font)), light);
    Rendered r = R.render(s, seed, 320, 240);
    SignTruth t = ((ExteriorTruth) r.truth()).signs().getFirst();
    BufferedImage m = ModelInput.letterbox(r.image(), 128);
    int[] b = ModelInput.box(t.box(), 320, 240, 128);
    double[] g = new double[GW * GH];
    double mean = 0;
    for (int y = 0; y < GH; y++) {
      for (int x = 0; x < GW; x++) {
        double sx = b[0] + (x + 0.5) * (b[2] - b[0]) / GW;
        double sy = b[1] + (y + 0.5) * (b[3] - b[1]) / GH;
        g[y * GW + x] = grey(m, sx, sy);
        mean += g[y * GW + x] / g.length;
      }
    }
    for (int i = 0; i < g.length; i++) {
      g[i] -= mean;
    }
    return g;
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
