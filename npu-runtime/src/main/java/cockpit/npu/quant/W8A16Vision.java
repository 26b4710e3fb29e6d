package cockpit.npu.quant;

import ai.onnxruntime.OrtException;
import cockpit.npu.graph.VisionGraph;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.ExternalData;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.runtime.NpuRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The W8A16 vision encoder (MobileNetV5-style or ViT, connector included): the float graph,
 * calibrated by running it on sample images with every activation exposed, then rewritten by
 * {@link QdqQuantizer}. On ORT's CPU provider the 16-bit QDQ groups run as fake-quant (an accuracy
 * simulator, reference §8); an HTP backend runs them as integer kernels.
 *
 * @param floatGraph the float encoder (unchanged)
 * @param quantized the QDQ encoder
 * @param dequantized per float activation tensor, the DequantizeLinear output the quantized graph uses
 */
public record W8A16Vision(GraphBuilder floatGraph, GraphBuilder quantized, Map<String, String> dequantized) {
  /** File names beside the float encoders. */
  public static final String FILE = "vision_encoder_w8a16.onnx";
  public static final String VIT_FILE = "vision_encoder_vit_w8a16.onnx";

  /** Builds, calibrates on {@code images} ([3, S, S] each) and quantizes the encoder of {@code cfg}. */
  public static W8A16Vision build(NpuRuntime rt, ModelConfig cfg, Weights w, List<float[]> images,
      QdqQuantizer.Options options, Path work) throws IOException, OrtException {
    return build(rt, cfg, VisionGraph.build(cfg, w), images, options, work);
  }

  /** The same from an already built (e.g. pre-processed) float encoder graph {@code f}, which is not changed. */
  public static W8A16Vision build(NpuRuntime rt, ModelConfig cfg, GraphBuilder f, List<float[]> images,
      QdqQuantizer.Options options, Path work) throws IOException, OrtException {
    int s = cfg.vision().imageSize();
    List<String> acts = QdqQuantizer.activations(f);
    Map<String, Calibration> ranges;
    try (ActivationCollector c = new ActivationCollector(rt, f, acts, VisionGraph.INPUT, new long[] {1, 3, s, s},
        work)) {
      ranges = c.calibrate(images);
    }
    GraphBuilder q = f.copy(f.name() + "_w8a16");
    Map<String, String> dq = QdqQuantizer.quantize(q, ranges, options);
    return new W8A16Vision(f, q, dq);
  }

  /** The file name for {@code cfg}'s encoder kind. */
  public static String fileFor(ModelConfig cfg) {
    return cfg.vision() instanceof VisionConfig.Vit ? VIT_FILE : FILE;
  }

  /** Writes the quantized encoder into {@code onnxDir} (weights in {@code <file>.data}); returns its path. */
  public Path write(ModelConfig cfg, Path onnxDir) throws IOException {
    Files.createDirectories(onnxDir);
    String file = fileFor(cfg);
    Path onnx = onnxDir.resolve(file);
    try (ExternalData ext = new ExternalData(onnxDir.resolve(file + ".data"))) {
      ModelWriter.write(quantized, onnx, ext, Map.of("profile", cfg.profile(), "seed", Long.toString(cfg.seed()),
          "variant", "w8a16", "image_size", Integer.toString(cfg.vision().imageSize())));
    }
    return onnx;
  }
}
