package cockpit.dialogue;

import cockpit.lm.text.ChatFormat;
import cockpit.lm.text.Tokenizer;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.runtime.DecoderSession;
import cockpit.npu.runtime.NpuRuntime;
import java.nio.file.Path;

/**
 * A model ready for dialogue: its directory, tokenizer, chat format and fixed-capacity decoder
 * session, and a fingerprint that ties snapshots to exactly this model. Thread-safe; closed once
 * by its owner after every session using it.
 */
public final class DialogueModel implements AutoCloseable {
  private final LoadedModel model;
  private final Tokenizer tokenizer;
  private final ChatFormat chat;
  private final DecoderSession decoder;
  private final String fingerprint;

  private DialogueModel(LoadedModel model, Tokenizer tokenizer, ChatFormat chat, DecoderSession decoder,
      ModelVariant variant) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.chat = chat;
    this.decoder = decoder;
    var c = model.config();
    this.fingerprint = c.profile() + "/" + c.seed() + "/" + c.text().hiddenSize() + "x" + c.text().numHiddenLayers()
        + "/" + String.join("", c.text().layerTypes().stream().map(t -> t.substring(0, 1)).toList()) + "/ctx"
        + c.contextLength() + (variant == ModelVariant.FLOAT ? "" : "/" + variant.id());
  }

  public static DialogueModel open(NpuRuntime runtime, Path dir) throws Exception {
    return open(runtime, dir, ModelVariant.FLOAT);
  }

  /** Opens {@code dir} with the decoder graphs of {@code variant} (configuration key {@code model.variant}). */
  public static DialogueModel open(NpuRuntime runtime, Path dir, ModelVariant variant) throws Exception {
    LoadedModel m = ModelDirectory.open(dir);
    try {
      Tokenizer t = Tokenizer.load(m.tokenizerJson());
      DecoderSession d = DecoderSession.open(runtime, m.config().text(), m.weights(),
          dir.resolve(ModelDirectory.ONNX_DIR), variant);
      return new DialogueModel(m, t, new ChatFormat(t), d, variant);
    } catch (Exception | Error e) {
      m.close();
      throw e;
    }
  }

  public Tokenizer tokenizer() {
    return tokenizer;
  }

  public ChatFormat chat() {
    return chat;
  }

  public DecoderSession decoder() {
    return decoder;
  }

  public LoadedModel model() {
    return model;
  }

  /** Identifies the model a snapshot was taken with (profile, seed, dims, layer layout, context, variant). */
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public void close() throws Exception {
    decoder.close();
    tokenizer.close();
    model.close();
  }
}
