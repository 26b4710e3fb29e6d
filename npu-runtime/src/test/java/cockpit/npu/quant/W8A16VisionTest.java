package cockpit.npu.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.VisionGraph;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.WeightGenerator;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.ExternalData;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.onnx.proto.NodeProto;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * W8A16 QDQ encoders (MobileNetV5-style and ViT, tiny) calibrated on seeded images, run in ORT CPU
 * on a held-out image against the float encoder. Stated bound: end-to-end SQNR ≥ {@value
 * #MIN_SQNR_DB} dB for both (random weights; figures in the quant report).
 */
class W8A16VisionTest {
  static final double MIN_SQNR_DB = 20;
  @TempDir static Path dir;
  static NpuRuntime rt;

  @BeforeAll
  static void open() {
    rt = NpuRuntime.create(RuntimeOptions.defaults());
  }

  @AfterAll
  static void close() {
    rt.close();
  }

  private static double endToEnd(ModelConfig cfg, String tag) throws Exception {
    Weights w = WeightGenerator.generate(cfg);
    int s = cfg.vision().imageSize();
    W8A16Vision v = W8A16Vision.build(rt, cfg, w, CalibrationImages.seeded(3, s, 1), QdqQuantizer.Options.w8a16(),
        dir.resolve(tag + "-work"));
    Path onnx = dir.resolve(tag);
    Path q = v.write(cfg, onnx);
    Path f = onnx.resolve("float.onnx");
    try (ExternalData ext = new ExternalData(onnx.resolve("float.onnx.data"))) {
      ModelWriter.write(v.floatGraph(), f, ext, Map.of());
    }
    float[] image = CalibrationImages.seeded(1, s, 99).get(0); // not among the calibration images
    long[] shape = {1, 3, s, s};
    ErrorStats e = ErrorStats.of(OrtGraphs.runFile(rt, f, "pixel_values", image, shape),
        OrtGraphs.runFile(rt, q, "pixel_values", image, shape));
    assertTrue(e.sqnrDb() >= MIN_SQNR_DB && e.sqnrDb() < 120, tag + ": " + e);
    return e.sqnrDb();
  }

  @Test
  void mobileNetAndVitEncodersRunQuantizedInOrtCpuWithinTheStatedSqnr() throws Exception {
    endToEnd(Profile.TINY.config(5), "mobilenet");
    endToEnd(Profile.TINY.config(5).baseline(Profile.TINY.vit()), "vit");
  }

  @Test
  void graphHasInt8PerChannelWeightsUint16ActivationsAndFixedTanhSigmoidRanges() throws Exception {
    ModelConfig cfg = Profile.TINY.config(5);
    Weights w = WeightGenerator.generate(cfg);
    W8A16Vision v = W8A16Vision.build(rt, cfg, w, CalibrationImages.seeded(1, 256, 1), QdqQuantizer.Options.w8a16(),
        dir.resolve("inspect"));
    var g = v.quantized();
    var init = g.initializers();
    int convs = 0;
    for (NodeProto n : g.nodes()) {
      if (n.getOpType().equals("Conv")) {
        convs++;
        String wq = n.getInput(1);
        NodeProto dq = g.nodes().stream().filter(m -> m.getOutputList().contains(wq)).findFirst().orElseThrow();
        assertEquals("DequantizeLinear", dq.getOpType());
        assertEquals(DType.INT8, init.get(dq.getInput(0)).type(), "int8 weights");
        assertEquals(0, dq.getAttribute(0).getI(), "per-channel on axis 0");
        assertTrue(init.get(dq.getInput(1)).elements() > 1, "one scale per output channel");
      }
      if (n.getOpType().equals("QuantizeLinear")) {
        assertEquals(DType.UINT16, init.get(n.getInput(2)).type(), "16-bit activations");
      }
      if (n.getOpType().equals("Tanh") || n.getOpType().equals("Sigmoid")) {
        String o = n.getOutput(0);
        float scale = Quantizer.floats(init.get(o + "_act_scale"))[0];
        int zp = init.get(o + "_act_zp").bytes().getShort(0) & 0xFFFF;
        assertEquals(n.getOpType().equals("Tanh") ? 1f / 32768 : 1f / 65536, scale, n.getOpType());
        assertEquals(n.getOpType().equals("Tanh") ? 32768 : 0, zp, n.getOpType());
      }
    }
    assertTrue(convs > 5, "convolutions found: " + convs);
    assertTrue(v.dequantized().containsKey(VisionGraph.INPUT), "the pixels are quantized too");
  }

  @Test
  void missingCalibrationRangeIsAClearError() {
    ModelConfig cfg = Profile.TINY.config(5);
    var g = VisionGraph.build(cfg, WeightGenerator.generate(cfg));
    var e = assertThrows(IllegalArgumentException.class,
        () -> QdqQuantizer.quantize(g, Map.of(), QdqQuantizer.Options.w8a16()));
    assertTrue(e.getMessage().contains("no calibration range"), e.getMessage());
    assertTrue(List.of(QdqQuantizer.activations(g).get(0)).contains(VisionGraph.INPUT));
  }
}
