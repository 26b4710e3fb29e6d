package cockpit.train.vlm;

import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.TextConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code key=value} command arguments and the model config they select: {@code profile} (default
 * {@code mini}) and {@code ff} (LFM2's {@code block_ff_dim}; the FFN width is ⅔ of it rounded to the
 * multiple: 576 → 384, 384 → 256). Stateless.
 */
public final class RunOptions {
  private RunOptions() {}

  /** The arguments as a map, in order; a repeated key keeps the last value. */
  public static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("argument '" + arg + "' is not key=value");
      }
      m.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return m;
  }

  /** The model config of the arguments (generation seed 0: the trainer draws its own init). */
  public static ModelConfig config(Map<String, String> a) {
    ModelConfig c = Profile.parse(a.getOrDefault("profile", "mini")).config(0);
    if (!a.containsKey("ff")) {
      return c;
    }
    TextConfig t = c.text();
    TextConfig text = new TextConfig(t.vocabSize(), t.hiddenSize(), t.numHiddenLayers(), t.layerTypes(),
        t.convLCache(), t.numAttentionHeads(), t.numKeyValueHeads(), t.headDim(), Integer.parseInt(a.get("ff")),
        t.blockAutoAdjustFfDim(), t.blockFfnDimMultiplier(), t.blockMultipleOf(), t.normEps(), t.ropeTheta(),
        t.tieWordEmbeddings(), t.maxPositionEmbeddings());
    return new ModelConfig(text, c.vision(), c.tokens(), c.profile(), c.seed(), c.contextLength());
  }
}
