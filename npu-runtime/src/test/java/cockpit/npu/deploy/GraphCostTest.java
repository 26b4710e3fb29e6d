package cockpit.npu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.VisionGraph;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.TensorSpec;
import cockpit.npu.model.WeightGenerator;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.TensorData;
import cockpit.npu.onnx.proto.NodeProto;
import cockpit.npu.quant.ActivationCollector;
import cockpit.npu.quant.CalibrationImages;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analytic FLOP counts against FLOPs measured on the built ONNX graphs (output sizes from an
 * ORT run × weight fan-in per output), and the cost model's qualitative claims.
 */
class GraphCostTest {
  @TempDir Path dir;

  /** 2 · output elements · fan-in, summed over Conv and weight MatMul nodes of a real run. */
  private double measured(NpuRuntime rt, GraphBuilder g, int size) throws Exception {
    List<String> outs = new ArrayList<>();
    List<Long> fanIn = new ArrayList<>();
    Map<String, TensorData> init = g.initializers();
    for (NodeProto n : g.nodes()) {
      TensorData w = n.getInputCount() > 1 ? init.get(n.getInput(1)) : null;
      if (w == null) {
        continue; // activation × activation MatMuls (ViT attention) are counted apart
      }
      long[] d = w.dims();
      if (n.getOpType().equals("Conv")) {
        outs.add(n.getOutput(0));
        fanIn.add(d[1] * d[2] * d[3]);
      } else if (n.getOpType().equals("MatMul")) {
        outs.add(n.getOutput(0));
        fanIn.add(d[0]); // [in, out]
      }
    }
    try (ActivationCollector c = new ActivationCollector(rt, g, outs, VisionGraph.INPUT, new long[] {1, 3, size, size},
        dir)) {
      Map<String, float[]> v = c.run(CalibrationImages.seeded(1, size, 1).get(0));
      double f = 0;
      for (int i = 0; i < outs.size(); i++) {
        f += 2.0 * v.get(outs.get(i)).length * fanIn.get(i);
      }
      return f;
    }
  }

  @Test
  void visionFlopsEqualThoseMeasuredOnTheBuiltGraphs() throws Exception {
    try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
      ModelConfig mob = Profile.TINY.config(2);
      double m = measured(rt, VisionGraph.build(mob, WeightGenerator.generate(mob)), 256);
      assertEquals(m, GraphCost.vision(mob.vision(), 64, 256).flops(), 0.5, "MobileNet + connector");

      ModelConfig vit = Profile.TINY.config(2).baseline(Profile.TINY.vit());
      var v = (cockpit.npu.model.VisionConfig.Vit) vit.vision();
      double attention = v.layers() * 2.0 * 2 * 256 * 256 * v.width();
      double mv = measured(rt, VisionGraph.build(vit, WeightGenerator.generate(vit)), 256);
      assertEquals(mv + attention, GraphCost.vision(vit.vision(), 64, 256).flops(), 0.5, "ViT + connector");
    }
  }

  @Test
  void decoderParametersEqualTheGeneratedProjectionWeights() {
    for (ModelConfig c : List.of(Profile.SMALL.config(1), Profile.FULL.config(1))) {
      long layers = 0;
      for (TensorSpec s : WeightGenerator.specs(c)) {
        if (s.name().startsWith("model.layers.") && s.shape().length == 2) {
          layers += s.elements();
        }
      }
      GraphCost.Decoder d = GraphCost.decoder(c.text());
      assertEquals(layers, d.layerParams(), c.profile());
      assertEquals((long) c.text().vocabSize() * c.text().hiddenSize(), d.lmHeadParams());
    }
  }

  @Test
  void hybridDecodesFasterThanAllAttentionAtLongContextAndBiggerImagesCostMore() {
    CostModel cm = new CostModel(NpuSpec.sa8295p(), 32);
    ModelConfig hybrid = Profile.FULL.config(1);
    ModelConfig base = hybrid.baseline(Profile.FULL.vit());
    var h512 = cm.estimate(hybrid, 512, 32, 4096);
    var h768 = cm.estimate(hybrid, 768, 32, 4096);
    var b = cm.estimate(base, 512, 32, 4096);
    assertTrue(h768.visionMs() > 2 * h512.visionMs(), "MobileNet cost grows with pixels: " + h512 + " vs " + h768);
    assertTrue(h512.decodeTokS() > b.decodeTokS(), "6 KV layers read less than 16 at 4096: " + h512 + " vs " + b);
    double bytesBound = NpuSpec.sa8295p().effectiveBytes() / (h512.decodeGbPerToken() * 1e9);
    assertEquals(bytesBound, h512.decodeTokS(), 1e-9, "decode is bandwidth-bound on this NPU");
  }
}
