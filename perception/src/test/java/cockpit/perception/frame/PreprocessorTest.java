package cockpit.perception.frame;

import static cockpit.perception.frame.TestImages.solid;
import static cockpit.perception.frame.TestImages.synthetic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PreprocessorTest {
  private static final int S = 256;

  private static float at(float[] px, int c, int x, int y) {
    return px[c * S * S + y * S + x];
  }

  @Test
  void landscapeGetsHorizontalBands() {
    Preprocessor.Result r = new Preprocessor(S).preprocess(solid(640, 480, 200, 100, 50));
    Letterbox box = r.letterbox();
    assertEquals(new Letterbox(640, 480, 256, 0.4, 0, 32, 256, 192), box);
    assertEquals(3 * S * S, r.pixels().length);
    float[] rgb = {200 / 255f, 100 / 255f, 50 / 255f};
    for (int y = 0; y < S; y++) {
      boolean band = y < 32 || y >= 224;
      for (int x = 0; x < S; x++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(band ? Preprocessor.PAD_VALUE : rgb[c], at(r.pixels(), c, x, y), 1e-6, "c" + c + " " + x + "," + y);
        }
      }
    }
  }

  @Test
  void portraitGetsVerticalBands() {
    Letterbox box = new Preprocessor(S).preprocess(solid(480, 640, 0, 0, 0)).letterbox();
    assertEquals(new Letterbox(480, 640, 256, 0.4, 32, 0, 192, 256), box);
  }

  @Test
  void valuesStayInUnitRange() {
    float[] px = new Preprocessor(224).preprocess(synthetic(333, 177, 11)).pixels();
    assertEquals(3 * 224 * 224, px.length);
    for (float v : px) {
      assertTrue(v >= 0f && v <= 1f, "value " + v);
    }
  }

  @Test
  void channelsArePlanarRgb() {
    float[] px = new Preprocessor(S).preprocess(solid(64, 64, 255, 0, 0)).pixels();
    assertEquals(1f, at(px, 0, 100, 100));
    assertEquals(0f, at(px, 1, 100, 100));
    assertEquals(0f, at(px, 2, 100, 100));
  }

  @Test
  void bilinearUpscaleAlignsPixelCentres() {
    // 2x1 black|white into 4x4: content 4x2 at y 1; columns sample source x -0.25, 0.25, 0.75, 1.25
    RgbImage img = new RgbImage(2, 1, new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
    float[] px = new Preprocessor(4).preprocess(img).pixels();
    float[] row = new float[4];
    System.arraycopy(px, 4, row, 0, 4); // channel 0, row 1
    assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, row, 1e-6f);
    assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, java.util.Arrays.copyOfRange(px, 0, 4));
  }

  @Test
  void letterboxMapsModelBoxesBackToTheFrame() {
    Letterbox box = Letterbox.of(640, 480, S);
    assertEquals(0, box.toSourceX(0), 1e-9);
    assertEquals(640, box.toSourceX(1), 1e-9);
    assertEquals(0, box.toSourceY(32.0 / S), 1e-9);
    assertEquals(480, box.toSourceY(224.0 / S), 1e-9);
    assertEquals(0, box.toSourceY(0.05), 1e-9); // inside the band: clamped
    assertEquals(240, box.toSourceY(0.5), 1e-9);
    for (double v : new double[] {0, 17.5, 320, 479}) {
      assertEquals(v, box.toSourceY(box.toModelY(v)), 1e-9);
      assertEquals(v, box.toSourceX(box.toModelX(v)), 1e-9);
    }
  }

  @Test
  void tinyAndExtremeAspectImagesFit() {
    Letterbox thin = Letterbox.of(10000, 3, 64);
    assertEquals(64, thin.contentWidth());
    assertEquals(1, thin.contentHeight());
    float[] px = new Preprocessor(64).preprocess(synthetic(1000, 2, 12)).pixels();
    assertEquals(3 * 64 * 64, px.length);
    Letterbox one = new Preprocessor(8).preprocess(solid(1, 1, 9, 9, 9)).letterbox();
    assertEquals(new Letterbox(1, 1, 8, 8.0, 0, 0, 8, 8), one);
  }
}
