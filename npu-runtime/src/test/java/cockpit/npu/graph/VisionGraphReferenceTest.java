package cockpit.npu.graph;

import static cockpit.npu.graph.VisionTestSupport.encode;
import static cockpit.npu.graph.VisionTestSupport.pixels;
import static cockpit.npu.graph.VisionTestSupport.randomWeights;
import static cockpit.npu.graph.VisionTestSupport.shapes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.VisionTestSupport.Tensor;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.reference.ReferenceVision;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime's {@code image_features} against the plain-loop {@link ReferenceVision}, per image,
 * within 1e-4 absolute + 1e-4 relative (observed: under 5e-6).
 */
class VisionGraphReferenceTest {
  private static final ModelConfig TINY = Profile.TINY.config(7);

  @TempDir
  Path dir;

  @Test
  void tinyMobileNetMatchesTheReferenceForEachImageOfABatch() throws Exception {
    check(TINY, randomWeights(shapes(VisionTestSupport.TINY_MOBILENET), 21), 2);
  }

  @Test
  void tinyMobileNetAt512MatchesTheReferenceThroughTheMsfaPool() throws Exception {
    // Same channels, so the same weight shapes; the fused 32² MSFA grid pools by 2 to 16².
    VisionConfig.MobileNet t = Profile.TINY.vision();
    VisionConfig.MobileNet big = new VisionConfig.MobileNet(512, t.stemChannels(), t.stages(), t.msfaHidden(),
        t.msfaOut(), t.tokenGrid(), t.normEps(), t.projectorHiddenSize());
    ModelConfig model = new ModelConfig(TINY.text(), big, TINY.tokens(), "tiny", 7, 4096);
    check(model, randomWeights(shapes(VisionTestSupport.TINY_MOBILENET), 22), 1);
  }

  @Test
  void tinyVitMatchesTheReferenceForEachImageOfABatch() throws Exception {
    check(TINY.baseline(Profile.TINY.vit()), randomWeights(shapes(VisionTestSupport.TINY_VIT), 23), 2);
  }

  private void check(ModelConfig model, Weights w, int batch) throws Exception {
    int s = model.vision().imageSize();
    int h = model.text().hiddenSize();
    Path onnx = VisionGraph.writeVisionEncoder(model, w, dir);
    float[] px = pixels(batch, s, 31);
    Tensor got = encode(onnx, px, batch, s);
    assertArrayEquals(new long[] {batch * 256L, h}, got.shape());
    ReferenceVision ref = new ReferenceVision(model, w);
    int image = 3 * s * s;
    for (int b = 0; b < batch; b++) {
      float[][] want = ref.encode(Arrays.copyOfRange(px, b * image, (b + 1) * image));
      for (int t = 0; t < 256; t++) {
        for (int j = 0; j < h; j++) {
          float g = got.values()[(b * 256 + t) * h + j];
          float e = want[t][j];
          double err = Math.abs(g - e) / (1e-4 + 1e-4 * Math.abs(e));
          assertTrue(err <= 1, "image " + b + " token " + t + " feature " + j + ": onnx " + g + ", reference " + e);
        }
      }
    }
  }
}
