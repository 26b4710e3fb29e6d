package cockpit.npu.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import cockpit.npu.model.ModelConfig;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs {@code vision_encoder.onnx}: pixels [3, S, S] in [0, 1] (CHW) → image features [256, H]
 * (connector included), ready to replace the {@code <image>} token rows of a prompt. Thread-safe;
 * call from inference threads.
 */
public final class VisionEncoderSession implements AutoCloseable {
  private final OrtSession session;
  private final NpuRuntime runtime;
  private final int size;
  private final int tokens;
  private final int hidden;

  private VisionEncoderSession(NpuRuntime runtime, OrtSession session, int size, int tokens, int hidden) {
    this.runtime = runtime;
    this.session = session;
    this.size = size;
    this.tokens = tokens;
    this.hidden = hidden;
  }

  public static VisionEncoderSession open(NpuRuntime runtime, ModelConfig cfg, Path onnxFile) throws OrtException {
    if (!cfg.hasVision()) {
      throw new IllegalArgumentException("model " + cfg.profile() + " has no vision part");
    }
    return new VisionEncoderSession(runtime, runtime.openSession(onnxFile), cfg.vision().imageSize(),
        cfg.vision().tokens(), cfg.text().hiddenSize());
  }

  /** Input side length S. */
  public int imageSize() {
    return size;
  }

  public int tokens() {
    return tokens;
  }

  /** Encodes one image; returns [tokens · H] row-major. */
  public float[] encode(float[] pixels) throws OrtException {
    if (pixels.length != 3 * size * size) {
      throw new IllegalArgumentException("pixels hold " + pixels.length + " values; the encoder needs 3×" + size + "×"
          + size + " = " + 3 * size * size);
    }
    try (OnnxTensor in = OnnxTensor.createTensor(runtime.env(), FloatBuffer.wrap(pixels), new long[] {1, 3, size, size});
        OrtSession.Result r = session.run(Map.of("pixel_values", in))) {
      FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] out = new float[tokens * hidden];
      b.get(out);
      return out;
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
