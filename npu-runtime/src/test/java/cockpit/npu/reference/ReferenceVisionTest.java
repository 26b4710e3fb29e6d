package cockpit.npu.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.onnx.TensorData;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReferenceVisionTest {
  private static final ModelConfig TINY = Profile.TINY.config(1);
  private static final VisionConfig.MobileNet NET = Profile.TINY.vision();

  @Test
  void tinyMobileNetGivesTwoHundredFiftySixTokensOfHiddenWidth() {
    ReferenceVision vision = new ReferenceVision(TINY, TestWeights.weights(TestWeights.mobileNet(NET, 64, 11)));
    float[] pixels = pixels(NET.imageSize(), 3);
    float[][] tokens = vision.tokens(pixels);
    float[][] features = vision.encode(pixels);
    assertShape(256, NET.msfaOut(), tokens);
    assertShape(256, 64, features);
    List<float[]> stages = vision.stageOutputs(pixels);
    // stem 128², then stages at 64², 32², 16², 8²
    int[] channels = {8, 16, 24, 32, 48};
    int[] sides = {128, 64, 32, 16, 8};
    for (int i = 0; i < stages.size(); i++) {
      assertEquals(channels[i] * sides[i] * sides[i], stages.get(i).length, "stage output " + i);
    }
  }

  @Test
  void encoderIsDeterministic() {
    Map<String, TensorData> map = TestWeights.mobileNet(NET, 64, 4);
    float[] pixels = pixels(NET.imageSize(), 8);
    float[][] a = new ReferenceVision(TINY, TestWeights.weights(map)).encode(pixels);
    ReferenceVision other = new ReferenceVision(TINY, TestWeights.weights(TestWeights.mobileNet(NET, 64, 4)));
    float[][] b = other.encode(pixels);
    float[][] c = other.encode(pixels);
    for (int t = 0; t < a.length; t++) {
      assertArrayEquals(a[t], b[t], 0f);
      assertArrayEquals(b[t], c[t], 0f);
    }
  }

  @Test
  void msfaPoolsALargerFusedGridDownToSixteenSquared() {
    // TINY's channels at 512²: the fused MSFA grid is 32², pooled with kernel = stride = 2
    VisionConfig.MobileNet big = new VisionConfig.MobileNet(512, NET.stemChannels(), NET.stages(), NET.msfaHidden(),
        NET.msfaOut(), 16, NET.normEps(), NET.projectorHiddenSize());
    ReferenceVision vision = new ReferenceVision(big, 64, TestWeights.weights(TestWeights.mobileNet(big, 64, 2)));
    assertShape(256, 64, vision.encode(pixels(512, 1)));

    float[] data = new float[2 * 4 * 4];
    for (int i = 0; i < data.length; i++) {
      data[i] = i;
    }
    FeatureMap pooled = new FeatureMap(2, 4, 4, data).avgPool(2);
    assertEquals(2, pooled.channels());
    assertEquals(2, pooled.height());
    assertEquals(2, pooled.width());
    // channel 0 rows 0..3 are 0..3, 4..7, 8..11, 12..15; channel 1 is channel 0 + 16
    assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f, 18.5f, 20.5f, 26.5f, 28.5f}, pooled.data(), 0f);
    FeatureMap up = new FeatureMap(1, 2, 2, new float[] {1, 2, 3, 4}).upsample(2);
    assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, up.data(), 0f);
  }

  @Test
  void tfSamePaddingOnAFiveByFiveInputByHand() {
    assertArrayEquals(new int[] {3, 1, 1}, ReferenceVision.samePadding(5, 3, 2));
    assertArrayEquals(new int[] {5, 1, 1}, ReferenceVision.samePadding(5, 3, 1));
    assertArrayEquals(new int[] {2, 0, 1}, ReferenceVision.samePadding(4, 3, 2)); // stride 2, even: asymmetric
    assertArrayEquals(new int[] {2, 1, 2}, ReferenceVision.samePadding(4, 5, 2));
    assertArrayEquals(new int[] {16, 0, 0}, ReferenceVision.samePadding(256, 16, 16));

    float[] in = new float[25]; // v(y, x) = 5y + x + 1
    for (int i = 0; i < 25; i++) {
      in[i] = i + 1;
    }
    float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
    FeatureMap out = new FeatureMap(1, 5, 5, in).conv(ones, 1, 3, 2, false, null);
    // windows centred on rows/cols 0, 2, 4 with one zero row/col of padding on each side
    assertArrayEquals(new float[] {16, 33, 28, 69, 117, 87, 76, 123, 88}, out.data(), 0f);

    float[] in4 = new float[16]; // v(y, x) = 4y + x + 1
    for (int i = 0; i < 16; i++) {
      in4[i] = i + 1;
    }
    float[] topLeft = {1, 0, 0, 0, 0, 0, 0, 0, 0};
    float[] bottomRight = {0, 0, 0, 0, 0, 0, 0, 0, 1};
    // no padding before: the top-left tap reads in(2oy, 2ox); one zero row/col after
    assertArrayEquals(new float[] {1, 3, 9, 11}, new FeatureMap(1, 4, 4, in4).conv(topLeft, 1, 3, 2, true, null).data(),
        0f);
    assertArrayEquals(new float[] {11, 0, 0, 0},
        new FeatureMap(1, 4, 4, in4).conv(bottomRight, 1, 3, 2, true, null).data(), 0f);
  }

  @Test
  void vitBaselineGivesTwoHundredFiftySixTokensOfHiddenWidth() {
    VisionConfig.Vit vit = Profile.TINY.vit();
    ModelConfig baseline = TINY.baseline(vit);
    ReferenceVision vision = new ReferenceVision(baseline, TestWeights.weights(TestWeights.vit(vit, 64, 6)));
    float[] pixels = pixels(256, 5);
    assertShape(256, 48, vision.tokens(pixels));
    float[][] features = vision.encode(pixels);
    assertShape(256, 64, features);
    assertArrayEquals(features[17], vision.encode(pixels)[17], 0f);
    assertThrows(IllegalStateException.class, () -> vision.stageOutputs(pixels));
  }

  @Test
  void wrongWeightShapeNamesTheTensor() {
    Map<String, TensorData> map = TestWeights.mobileNet(NET, 64, 1);
    map.put("vision.blocks.1.0.dw_mid.conv.weight", TestWeights.zeros(32, 1, 5, 5));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReferenceVision(TINY, TestWeights.weights(map)));
    assertTrue(e.getMessage().contains("vision.blocks.1.0.dw_mid.conv.weight"), e.getMessage());

    VisionConfig.Vit vit = Profile.TINY.vit();
    Map<String, TensorData> vitMap = TestWeights.vit(vit, 64, 1);
    vitMap.put("connector.linear_1.weight", TestWeights.zeros(64, 64));
    e = assertThrows(IllegalArgumentException.class, () -> new ReferenceVision(vit, 64, TestWeights.weights(vitMap)));
    assertTrue(e.getMessage().contains("connector.linear_1.weight"), e.getMessage());

    ReferenceVision ok = new ReferenceVision(TINY, TestWeights.weights(TestWeights.mobileNet(NET, 64, 1)));
    assertThrows(IllegalArgumentException.class, () -> ok.encode(new float[3 * 128 * 128]));
  }

  @Test
  void geluAndErfMatchKnownValues() {
    assertEquals(0.5204998778130465, Ops.erf(0.5), 1e-15);
    assertEquals(0.8427007929497149, Ops.erf(1), 1e-15);
    assertEquals(-0.9953222650189527, Ops.erf(-2), 1e-15);
    assertEquals(0.9999779095030014, Ops.erf(3), 1e-15);
    assertEquals(0.8413447460685429, Ops.geluErf(1f), 1e-7); // Φ(1)
    assertEquals(0.8411919906082768, Ops.geluTanh(1f), 1e-7);
    assertEquals(0, Ops.geluErf(-10f), 1e-12);
  }

  private static float[] pixels(int side, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[3 * side * side];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) r.nextDouble();
    }
    return p;
  }

  private static void assertShape(int rows, int cols, float[][] a) {
    assertEquals(rows, a.length);
    for (float[] row : a) {
      assertEquals(cols, row.length);
      for (float f : row) {
        assertTrue(Float.isFinite(f), "finite");
      }
    }
  }
}
