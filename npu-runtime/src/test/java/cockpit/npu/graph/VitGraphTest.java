package cockpit.npu.graph;

import static cockpit.npu.graph.VisionTestSupport.describe;
import static cockpit.npu.graph.VisionTestSupport.encode;
import static cockpit.npu.graph.VisionTestSupport.maxAbsDiff;
import static cockpit.npu.graph.VisionTestSupport.pixels;
import static cockpit.npu.graph.VisionTestSupport.randomWeights;
import static cockpit.npu.graph.VisionTestSupport.shapes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.VisionTestSupport.Tensor;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.TensorData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VitGraphTest {
  private static final ModelConfig BASELINE = Profile.TINY.config(7).baseline(Profile.TINY.vit());
  private static final int S = 256;
  private static final Map<String, long[]> SHAPES = shapes(VisionTestSupport.TINY_VIT);
  private static final Weights WEIGHTS = randomWeights(SHAPES, 13);

  @Test
  void weightShapesOfTheTinyVitAreThoseOfModelMd() {
    assertEquals(describe(SHAPES), describe(VitGraph.weightShapes(Profile.TINY.vit(), 64)));
  }

  @Test
  void tinyVitWritesItsOwnFileAndGives256FiniteFeaturesOfHiddenSize(@TempDir Path dir) throws Exception {
    Path onnx = VisionGraph.writeVisionEncoder(BASELINE, WEIGHTS, dir);
    assertEquals(dir.resolve("vision_encoder_vit.onnx"), onnx);
    assertTrue(Files.size(dir.resolve("vision_encoder_vit.onnx.data")) > 100_000);

    Tensor out = encode(onnx, pixels(1, S, 3), 1, S);
    assertArrayEquals(new long[] {256, 64}, out.shape());
    for (float v : out.values()) {
      assertTrue(Float.isFinite(v), "feature " + v + " is not finite");
    }
    assertTrue(maxAbsDiff(out.values(), new float[out.values().length], 0) > 1e-2f, "features are not all zero");
  }

  @Test
  void aBatchOfTwoEqualsTwoSingleRuns(@TempDir Path dir) throws Exception {
    Path onnx = VisionGraph.writeVisionEncoder(BASELINE, WEIGHTS, dir);
    float[] both = pixels(2, S, 5);
    int image = 3 * S * S;
    Tensor batch = encode(onnx, both, 2, S);
    assertArrayEquals(new long[] {512, 64}, batch.shape());
    Tensor a = encode(onnx, Arrays.copyOfRange(both, 0, image), 1, S);
    Tensor b = encode(onnx, Arrays.copyOfRange(both, image, 2 * image), 1, S);
    assertTrue(maxAbsDiff(a.values(), batch.values(), 0) < 1e-5f, "first image of the batch");
    assertTrue(maxAbsDiff(b.values(), batch.values(), 256 * 64) < 1e-5f, "second image of the batch");
  }

  @Test
  void aMisshapenQkvWeightFailsBeforeBuildingAndNamesTheTensor() {
    Map<String, TensorData> bad = new HashMap<>();
    WEIGHTS.names().forEach(n -> bad.put(n, WEIGHTS.get(n)));
    bad.put("vit.layers.1.attn.qkv.weight", TensorData.floats(new long[] {48, 144}, new float[48 * 144]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VisionGraph.build(BASELINE, Weights.of(bad)));
    assertTrue(e.getMessage().contains("vit.layers.1.attn.qkv.weight"), e.getMessage());
  }
}
