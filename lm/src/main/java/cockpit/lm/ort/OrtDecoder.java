package cockpit.lm.ort;

import ai.onnxruntime.OrtException;
import cockpit.lm.CancelHandle;
import cockpit.lm.Decoder;
import cockpit.lm.DecoderState;
import cockpit.lm.InferenceException;
import cockpit.lm.NativeResource;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.TextConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.runtime.DecoderSession;
import cockpit.npu.runtime.NpuRuntime;
import java.nio.file.Path;

/**
 * The {@link Decoder} on ONNX Runtime: npu-runtime's {@link DecoderSession} over the fixed-capacity
 * prefill/decode graphs of one {@link ModelVariant}, with ORT's exceptions and run options kept
 * inside. Embeddings are read from the model's mapped weights, so the weights must outlive it.
 *
 * <p>Thread-safe across states (ORT sessions allow concurrent runs); one state per thread at a time.
 * Owned by its {@link cockpit.lm.LanguageModel}; {@link #close} frees both sessions once, after the
 * runs in flight.
 */
public final class OrtDecoder extends NativeResource implements Decoder {
  private final DecoderSession session;

  private OrtDecoder(DecoderSession session, String name) {
    super("ORT decoder " + name);
    this.session = session;
  }

  /**
   * Opens the decoder graphs of {@code variant} in {@code onnxDir}.
   *
   * @throws IllegalArgumentException if the variant's graphs are missing or do not fit the config
   * @throws InferenceException if ONNX Runtime cannot open them
   */
  public static OrtDecoder open(NpuRuntime runtime, TextConfig cfg, Weights weights, Path onnxDir,
      ModelVariant variant, String name) {
    try {
      return new OrtDecoder(DecoderSession.open(runtime, cfg, weights, onnxDir, variant), name);
    } catch (OrtException e) {
      throw new InferenceException("ONNX Runtime cannot open the " + variant.id() + " decoder in " + onnxDir + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public TextConfig config() {
    return session.config();
  }

  @Override
  public int capacity() {
    return session.capacity();
  }

  @Override
  public int chunk() {
    return session.chunk();
  }

  @Override
  public DecoderState newState() {
    return use(() -> {
      try {
        return new OrtDecoderState(session.newState(), this);
      } catch (OrtException e) {
        throw new InferenceException("cannot allocate a decoder state: " + e.getMessage(), e);
      }
    });
  }

  @Override
  public float[] embed(int token) {
    return use(() -> session.embed(token));
  }

  @Override
  public float[] prefill(DecoderState state, float[] embeds, int count, CancelHandle cancel) {
    OrtDecoderState st = own(state);
    return use(() -> st.with(raw -> {
      try {
        return session.prefill(raw, embeds, count, RunTerminator.of(cancel));
      } catch (OrtException e) {
        throw failed(cancel, e);
      }
    }));
  }

  @Override
  public float[] decode(DecoderState state, int token, CancelHandle cancel) {
    OrtDecoderState st = own(state);
    return use(() -> st.with(raw -> {
      try {
        return session.decode(raw, token, RunTerminator.of(cancel));
      } catch (OrtException e) {
        throw failed(cancel, e);
      }
    }));
  }

  static InferenceException failed(CancelHandle cancel, OrtException e) {
    return new InferenceException(cancel != null && cancel.cancelled() ? "cancelled: " + e.getMessage()
        : "ONNX Runtime run failed: " + e.getMessage(), e);
  }

  private OrtDecoderState own(DecoderState state) {
    if (state instanceof OrtDecoderState s && s.owner() == this) {
      return s;
    }
    throw new IllegalArgumentException("the state was not made by this decoder (" + resourceName() + "); use "
        + "newState() of the decoder that runs it");
  }

  @Override
  protected void free() {
    try {
      session.close();
    } catch (OrtException ignored) {
      // ORT reports nothing useful when releasing a session; it is gone either way.
    }
  }
}
