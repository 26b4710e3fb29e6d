package cockpit.npu.graph;

import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.ExternalData;
import cockpit.npu.onnx.ModelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the decoder graphs of a model into its {@code onnx/} folder: {@code decoder_interop.onnx}
 * and the fixed-capacity pair {@code decoder_prefill.onnx} (chunk K) and {@code decoder_decode.onnx}
 * (one token), all three sharing one weights file {@code decoder.onnx.data} (each tensor once).
 */
public final class DecoderExport {
  public static final String INTEROP = ModelDirectory.DECODER_INTEROP_ONNX;
  public static final String PREFILL = ModelDirectory.DECODER_PREFILL_ONNX;
  public static final String DECODE = ModelDirectory.DECODER_DECODE_ONNX;
  public static final String DATA = ModelDirectory.DECODER_DATA;
  /** Default prefill chunk: large enough to batch well on CPU, small enough for an NPU graph. */
  public static final int DEFAULT_CHUNK = 32;

  private DecoderExport() {}

  public static void write(ModelConfig cfg, Weights w, Path onnxDir, int chunk) throws IOException {
    Files.createDirectories(onnxDir);
    Map<String, String> meta = Map.of("profile", cfg.profile(), "seed", Long.toString(cfg.seed()),
        "prefill_chunk", Integer.toString(chunk), "context_length", Integer.toString(cfg.contextLength()));
    try (ExternalData data = new ExternalData(onnxDir.resolve(DATA))) {
      ModelWriter.write(DecoderGraph.interop(cfg.text(), w), onnxDir.resolve(INTEROP), data, meta);
      ModelWriter.write(DecoderGraph.fixed(cfg.text(), w, chunk, cfg.contextLength()), onnxDir.resolve(PREFILL), data,
          meta);
      ModelWriter.write(DecoderGraph.fixed(cfg.text(), w, 1, cfg.contextLength()), onnxDir.resolve(DECODE), data,
          meta);
    }
  }
}
