package cockpit.npu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.GraphOps;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.quant.ErrorStats;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fused Gelu computes what the Erf pattern did, in ORT. */
class GeluFusionTest {
  @TempDir Path dir;

  private static GraphBuilder graph() {
    GraphBuilder g = new GraphBuilder("gelu");
    var x = g.input("x", DType.FLOAT, 1, 64);
    g.output(GraphOps.geluErf(g, x), "y", DType.FLOAT, 1, 64);
    return g;
  }

  private float[] run(NpuRuntime rt, GraphBuilder g, String file, float[] x) throws Exception {
    cockpit.npu.onnx.ModelWriter.write(g, dir.resolve(file), null, Map.of());
    try (var s = rt.openSession(dir.resolve(file));
        var in = ai.onnxruntime.OnnxTensor.createTensor(rt.env(), FloatBuffer.wrap(x), new long[] {1, 64});
        var r = s.run(Map.of("x", in))) {
      FloatBuffer b = ((ai.onnxruntime.OnnxTensor) r.get(0)).getFloatBuffer();
      float[] y = new float[64];
      b.get(y);
      return y;
    }
  }

  @Test
  void fusedGeluMatchesTheErfPatternAndLeavesNoErf() throws Exception {
    float[] x = new float[64];
    for (int i = 0; i < 64; i++) {
      x[i] = (i - 32) / 8f;
    }
    GraphBuilder fused = graph();
    assertEquals(1, GeluFusion.apply(fused));
    assertTrue(fused.nodes().stream().noneMatch(n -> n.getOpType().equals("Erf")));
    assertEquals(1, fused.nodes().stream().filter(n -> n.getOpType().equals("Gelu")).count());
    try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
      ErrorStats e = ErrorStats.of(run(rt, graph(), "erf.onnx", x), run(rt, fused, "gelu.onnx", x));
      assertTrue(e.maxAbsError() < 1e-5, e.toString());
    }
  }
}
