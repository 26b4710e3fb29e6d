package cockpit.lm.ort;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import cockpit.lm.CancelHandle;
import cockpit.lm.InferenceException;
import cockpit.lm.NativeResource;
import cockpit.lm.VisionEncoder;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.runtime.NpuRuntime;
import java.lang.foreign.Arena;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@link VisionEncoder} on ONNX Runtime: {@code vision_encoder.onnx} (or a quantized encoder of the
 * same interface), pixels {@code pixel_values} [1, 3, S, S] → {@code image_features} [1, tokens, H].
 *
 * <p>Thread-safe: ORT sessions allow concurrent runs. The opener owns it; {@link #close} frees the
 * session once, after every encode in flight has finished (closing it under a running encode used to
 * crash the JVM in libonnxruntime).
 */
public final class OrtVisionEncoder extends NativeResource implements VisionEncoder {
  private final NpuRuntime runtime;
  private final OrtSession session;
  private final int size;
  private final int tokens;
  private final int hidden;
  private final String precision;

  private OrtVisionEncoder(NpuRuntime runtime, OrtSession session, ModelConfig cfg, String precision, Path file) {
    super("ORT vision encoder " + file.getFileName());
    this.runtime = runtime;
    this.session = session;
    this.size = cfg.vision().imageSize();
    this.tokens = cfg.vision().tokens();
    this.hidden = cfg.text().hiddenSize();
    this.precision = precision;
  }

  /**
   * Opens {@code onnxFile} for the vision part of {@code cfg}.
   *
   * @param precision what the file holds ({@code fp32}, {@code w8a16}), reported with detections
   * @throws IllegalArgumentException if the model has no vision part or the file is missing
   * @throws InferenceException if ONNX Runtime cannot open it
   */
  public static OrtVisionEncoder open(NpuRuntime runtime, ModelConfig cfg, Path onnxFile, String precision) {
    if (!cfg.hasVision()) {
      throw new IllegalArgumentException("model " + cfg.profile() + " has no vision part");
    }
    try {
      return new OrtVisionEncoder(runtime, runtime.openSession(onnxFile), cfg, precision, onnxFile);
    } catch (OrtException e) {
      throw new InferenceException("ONNX Runtime cannot open " + onnxFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int imageSize() {
    return size;
  }

  @Override
  public int tokens() {
    return tokens;
  }

  @Override
  public int hidden() {
    return hidden;
  }

  @Override
  public String precision() {
    return precision;
  }

  @Override
  public float[] encode(float[] pixels, CancelHandle cancel) {
    if (pixels.length != 3 * size * size) {
      throw new IllegalArgumentException("pixels hold " + pixels.length + " values; the encoder needs 3×" + size + "×"
          + size + " = " + 3 * size * size);
    }
    return use(() -> {
      OrtSession.RunOptions run = RunTerminator.of(cancel);
      // The input lives in memory freed when this call ends: from a heap buffer ORT would copy the
      // pixels (3·S² floats per frame) into a direct buffer that only a collection frees.
      try (Arena arena = Arena.ofConfined();
          OnnxTensor in = OnnxTensor.createTensor(runtime.env(), input(arena, pixels), new long[] {1, 3, size, size});
          OrtSession.Result r = run == null ? session.run(Map.of("pixel_values", in))
              : session.run(Map.of("pixel_values", in), run)) {
        FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer(); // [1, tokens, H]
        float[] out = new float[tokens * hidden];
        b.get(out);
        return out;
      } catch (OrtException e) {
        throw OrtDecoder.failed(cancel, e);
      }
    });
  }

  /** {@code pixels} [1, 3, S, S] copied into native memory of {@code arena}, native order (ORT reads it in place). */
  private static FloatBuffer input(Arena arena, float[] pixels) {
    FloatBuffer b = arena.allocate(4L * pixels.length, 64).asByteBuffer().order(ByteOrder.nativeOrder())
        .asFloatBuffer();
    return b.put(pixels).flip();
  }

  @Override
  protected void free() {
    try {
      session.close();
    } catch (OrtException ignored) {
      // Released either way; nothing to report.
    }
  }
}
