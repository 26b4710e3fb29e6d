package cockpit.lm;

import cockpit.lm.ort.OrtDecoder;
import cockpit.lm.ort.OrtVisionEncoder;
import cockpit.lm.reference.JavaDecoder;
import cockpit.lm.reference.JavaVisionEncoder;
import cockpit.lm.text.ChatFormat;
import cockpit.lm.text.Tokenizer;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.ModelDirectory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The one place that owns "run the model on a conversation": a model directory opened on a
 * {@link Backend}, with its tokenizer, chat format (checked against the config's special tokens),
 * decoder, identity ({@link ModelInfo}) and the fingerprint that ties snapshots to exactly this model.
 * Vision encoders of the same backend are opened from it on demand.
 *
 * <p>Thread-safe: every part is. Owned by whoever opened it, which closes it once after every session
 * and task that uses it; {@link #close} is the {@link NativeResource} contract (the decoder, the
 * tokenizer and the mapped weights are freed when the last call in flight on the model has returned,
 * each part itself safe against its own calls in flight; the weights are unmapped after the decoder's
 * last run).
 */
public final class LanguageModel extends NativeResource {
  private final LoadedModel model;
  private final Backend backend;
  private final Tokenizer tokenizer;
  private final ChatFormat chat;
  private final Decoder decoder;
  private final ModelInfo info;
  private final String fingerprint;

  private LanguageModel(LoadedModel model, Backend backend, Tokenizer tokenizer, Decoder decoder) {
    super("language model " + model.dir());
    this.model = model;
    this.backend = backend;
    this.tokenizer = tokenizer;
    this.chat = new ChatFormat(tokenizer, model.config().tokens());
    this.decoder = decoder;
    this.info = ModelInfo.of(model.config(), model.dir(), backend.variant(), backend.provider());
    this.fingerprint = fingerprint(model.config(), backend);
  }

  /**
   * Opens the model in {@code dir} on {@code backend}.
   *
   * @throws IOException if the directory, its config, weights or tokenizer cannot be read
   * @throws IllegalArgumentException naming the file or key when the model does not fit together
   * @throws InferenceException if ONNX Runtime cannot open the graphs
   */
  public static LanguageModel open(Path dir, Backend backend) throws IOException {
    LoadedModel m = ModelDirectory.open(dir);
    Tokenizer t = null;
    Decoder d = null;
    try {
      t = Tokenizer.load(m.tokenizerJson());
      ModelConfig c = m.config();
      String name = ModelInfo.of(c, dir, backend.variant(), backend.provider()).name();
      d = switch (backend) {
        case Backend.Ort o -> OrtDecoder.open(o.runtime(), c.text(), m.weights(), dir.resolve(ModelDirectory.ONNX_DIR),
            o.variant(), name);
        case Backend.Reference r -> new JavaDecoder(c.text(), m.weights(), c.contextLength(), name);
      };
      return new LanguageModel(m, backend, t, d);
    } catch (IOException | RuntimeException | Error e) {
      if (d != null) {
        d.close();
      }
      if (t != null) {
        t.close();
      }
      m.close();
      throw e;
    }
  }

  /**
   * Opens the model's vision encoder on the same backend ({@code onnx/vision_encoder.onnx} for ONNX
   * Runtime). The caller owns it and closes it before this model.
   *
   * @throws IllegalArgumentException if the model has no vision part
   */
  public VisionEncoder openVisionEncoder() {
    return use(() -> switch (backend) {
      case Backend.Ort o -> OrtVisionEncoder.open(o.runtime(), model.config(), ModelDirectory.onnx(model.dir(),
          ModelDirectory.VISION_ENCODER_ONNX), "fp32");
      case Backend.Reference r -> new JavaVisionEncoder(model.config(), model.weights());
    });
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  public ChatFormat chat() {
    return chat;
  }

  public Decoder decoder() {
    return decoder;
  }

  public ModelConfig config() {
    return model.config();
  }

  public Backend backend() {
    return backend;
  }

  /** Name, profile, variant, precision and provider, as reported everywhere. */
  public ModelInfo info() {
    return info;
  }

  /** The model directory. */
  public Path dir() {
    return model.dir();
  }

  /**
   * Identifies the model a snapshot was taken with (profile, seed, dims, layer layout, context,
   * variant). The same for both backends: their states have one byte layout.
   */
  public String fingerprint() {
    return fingerprint;
  }

  private static String fingerprint(ModelConfig c, Backend backend) {
    return c.profile() + "/" + c.seed() + "/" + c.text().hiddenSize() + "x" + c.text().numHiddenLayers() + "/"
        + String.join("", c.text().layerTypes().stream().map(t -> t.substring(0, 1)).toList()) + "/ctx"
        + c.contextLength() + (backend.variant() == cockpit.npu.model.ModelVariant.FLOAT ? ""
            : "/" + backend.variant().id());
  }

  /** Closes the decoder and the tokenizer, and unmaps the weights once the decoder's last run has returned. */
  @Override
  protected void free() {
    decoder.close();
    tokenizer.close();
    try {
      // The ORT decoder reads embedding rows from the mapped weights: unmap only after its runs in flight.
      if (!decoder.awaitFreed(30, java.util.concurrent.TimeUnit.SECONDS)) {
        return; // a run that does not end in 30 s keeps the mapping; the process is going down anyway
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    model.close();
  }
}
