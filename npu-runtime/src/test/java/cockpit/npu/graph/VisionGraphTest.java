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
import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.TensorData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VisionGraphTest {
  private static final ModelConfig TINY = Profile.TINY.config(7);
  private static final int S = 256;
  private static final Map<String, long[]> SHAPES = shapes(VisionTestSupport.TINY_MOBILENET);
  private static final Weights WEIGHTS = randomWeights(SHAPES, 11);

  @Test
  void weightShapesOfTheTinyEncoderAreThoseOfModelMd() {
    assertEquals(describe(SHAPES), describe(VisionGraph.weightShapes((VisionConfig.MobileNet) TINY.vision(), 64)));
  }

  @Test
  void tinyEncoderWritesExternalDataAndGives256FiniteFeaturesOfHiddenSize(@TempDir Path dir) throws Exception {
    Path onnx = VisionGraph.writeVisionEncoder(TINY, WEIGHTS, dir.resolve("onnx"));
    assertEquals(dir.resolve("onnx").resolve("vision_encoder.onnx"), onnx);
    assertTrue(Files.size(dir.resolve("onnx").resolve("vision_encoder.onnx.data")) > 20_000,
        "the larger weights went to the external file");

    Tensor out = encode(onnx, pixels(1, S, 3), 1, S);
    assertArrayEquals(new long[] {256, 64}, out.shape());
    double sum = 0;
    double sq = 0;
    for (float v : out.values()) {
      assertTrue(Float.isFinite(v), "feature " + v + " is not finite");
      sum += v;
      sq += v * v;
    }
    double mean = sum / out.values().length;
    assertTrue(sq / out.values().length - mean * mean > 1e-4, "features vary");
  }

  @Test
  void aBatchOfTwoEqualsTwoSingleRuns(@TempDir Path dir) throws Exception {
    Path onnx = VisionGraph.writeVisionEncoder(TINY, WEIGHTS, dir);
    float[] both = pixels(2, S, 5);
    int image = 3 * S * S;
    float[] first = Arrays.copyOfRange(both, 0, image);
    float[] second = Arrays.copyOfRange(both, image, 2 * image);
    Tensor batch = encode(onnx, both, 2, S);
    assertArrayEquals(new long[] {512, 64}, batch.shape());
    Tensor a = encode(onnx, first, 1, S);
    Tensor b = encode(onnx, second, 1, S);
    assertTrue(maxAbsDiff(a.values(), batch.values(), 0) < 1e-5f, "first image of the batch");
    assertTrue(maxAbsDiff(b.values(), batch.values(), 256 * 64) < 1e-5f, "second image of the batch");
    assertTrue(maxAbsDiff(a.values(), b.values(), 0) > 1e-3f, "different images give different features");
  }

  @Test
  void aMisshapenOrMissingWeightFailsBeforeBuildingAndNamesTheTensor() {
    Map<String, TensorData> bad = new HashMap<>();
    WEIGHTS.names().forEach(n -> bad.put(n, WEIGHTS.get(n)));
    String dw = "vision.blocks.2.0.dw_mid.conv.weight";
    bad.put(dw, TensorData.floats(new long[] {48, 1, 5, 5}, new float[48 * 25]));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VisionGraph.build(TINY, Weights.of(bad)));
    assertTrue(e.getMessage().contains(dw) && e.getMessage().contains("[48, 1, 3, 3]"), e.getMessage());

    bad.put(dw, WEIGHTS.get(dw));
    bad.remove("connector.linear_2.bias");
    e = assertThrows(IllegalArgumentException.class, () -> VisionGraph.build(TINY, Weights.of(bad)));
    assertTrue(e.getMessage().contains("connector.linear_2.bias"), e.getMessage());
  }

  @Test
  void aTextOnlyModelHasNoVisionGraph() {
    ModelConfig textOnly = new ModelConfig(TINY.text(), null, TINY.tokens(), "tiny", 7, 4096);
    assertThrows(IllegalArgumentException.class, () -> VisionGraph.build(textOnly, WEIGHTS));
  }
}
