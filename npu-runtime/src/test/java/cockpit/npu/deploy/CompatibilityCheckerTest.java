package cockpit.npu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.DecoderExport;
import cockpit.npu.graph.DecoderGraph;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.WeightGenerator;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.onnx.TensorData;
import cockpit.npu.onnx.Value;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker on planted problems and on the project's own graphs. */
class CompatibilityCheckerTest {
  @TempDir Path dir;
  final CompatibilityChecker checker = CompatibilityChecker.htp();

  @Test
  void flagsAPlantedDynamicShapeAndAnUnsupportedOpAndPredictsTheSplit() throws Exception {
    GraphBuilder g = new GraphBuilder("planted");
    Value x = g.input("x", DType.FLOAT, 1, 8);
    Value y = g.input("y", DType.FLOAT, "batch", 8); // planted dynamic dimension
    Value a = g.op("Add", x, g.initializer("bias", TensorData.floats(new long[] {8}, new float[8])));
    Value e = g.op("Erf", a); // planted: not in the HTP list
    Value s = g.op("Sigmoid", e);
    Value b = g.op("Mul", y, g.scalar(2f)); // fed by the dynamic input: CPU
    g.output(s, "s", DType.FLOAT, 1, 8);
    g.output(b, "b", DType.FLOAT, "batch", 8);
    ModelWriter.write(g, dir.resolve("planted.onnx"), null, Map.of());

    CompatibilityReport r = checker.check(dir.resolve("planted.onnx"));
    assertEquals(java.util.List.of("input y dim 0 'batch'", "output b dim 0 'batch'"), r.dynamicDims());
    assertEquals(Map.of("Erf", 1), r.unsupportedOps());
    assertEquals(4, r.nodes(), "Identity outputs are not counted");
    assertEquals(2, r.npuNodes(), "Add and Sigmoid");
    assertEquals(2, r.cpuNodes(), "Erf (unsupported) and Mul (dynamic input)");
    assertEquals(2, r.partitions(), "Add | Erf | Sigmoid: two NPU runs");
    assertEquals(4, r.floatIslands().size(), "nothing is quantized: " + r.floatIslands());
    assertFalse(r.npuReady());
  }

  @Test
  void theCpuGraphsNeedContribOpsAndDynamicShapesTheNpuGraphNeedsNeither() throws Exception {
    ModelConfig cfg = new ModelConfig(Profile.TINY.text(), null, Profile.TINY.config(3).tokens(), "tiny", 3, 64);
    Weights w = WeightGenerator.generate(cfg);
    DecoderExport.write(cfg, w, dir, 8);
    CompatibilityReport fixed = checker.check(dir.resolve(DecoderExport.PREFILL));
    assertEquals(cfg.text().attentionLayers().size(), fixed.unsupportedOps().get("com.microsoft.GroupQueryAttention"));
    assertTrue(fixed.unsupportedOps().containsKey("Reciprocal"), fixed.unsupportedOps().toString());
    CompatibilityReport interop = checker.check(dir.resolve(DecoderExport.INTEROP));
    assertTrue(interop.dynamicDims().stream().anyMatch(d -> d.contains("'sequence_length'")), interop.dynamicDims()
        .toString());
    assertTrue(interop.cpuNodes() > interop.nodes() / 2, "dynamic inputs push most nodes to the CPU");

    ModelWriter.write(DecoderGraph.npu(cfg.text(), w, 8, 64), dir.resolve("npu.onnx"), null, Map.of());
    CompatibilityReport npu = checker.check(dir.resolve("npu.onnx"));
    assertTrue(npu.dynamicDims().isEmpty(), npu.dynamicDims().toString());
    assertTrue(npu.unsupportedOps().isEmpty(), npu.unsupportedOps().toString());
    assertEquals(1, npu.partitions());
    assertFalse(npu.floatIslands().isEmpty(), "float graph: every compute node is a float island");
  }
}
