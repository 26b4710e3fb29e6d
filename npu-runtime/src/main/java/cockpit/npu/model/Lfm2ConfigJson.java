package cockpit.npu.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The LFM2 text config under Hugging Face's keys ({@code Lfm2Config}), read with its legacy rules:
 * {@code block_ff_dim} wins over {@code intermediate_size}, {@code tie_embedding} over
 * {@code tie_word_embeddings}, {@code theta} over {@code rope_theta} (then
 * {@code rope_parameters.rope_theta}); {@code layer_types} is built from {@code full_attn_idxs} when
 * missing, and every layer is attention when both are; other absent keys take HF's defaults.
 */
final class Lfm2ConfigJson {
  static final String MODEL_TYPE = "lfm2";
  static final String ARCHITECTURE = "Lfm2ForCausalLM";

  private Lfm2ConfigJson() {}

  static TextConfig read(JsonFields f) {
    if (f.bool("conv_bias", false)) {
      throw f.error("conv_bias", "is not supported (LFM2 convs have no bias)", f.raw("conv_bias"));
    }
    int hidden = f.positiveInt("hidden_size", 2560);
    int heads = f.positiveInt("num_attention_heads", 32);
    if (!f.has("head_dim") && hidden % heads != 0) {
      throw f.error("hidden_size " + hidden + " is not a multiple of num_attention_heads " + heads
          + " and head_dim is not given");
    }
    int headDim = f.positiveInt("head_dim", hidden / heads);
    int ff = f.has("block_ff_dim") ? f.positiveInt("block_ff_dim") : f.positiveInt("intermediate_size", 12288);
    boolean tie = f.has("tie_embedding") ? f.bool("tie_embedding", true) : f.bool("tie_word_embeddings", true);
    Double multiplier = f.has("block_ffn_dim_multiplier") ? f.positiveDouble("block_ffn_dim_multiplier", 1.0) : null;
    if (multiplier != null && multiplier == 1.0) {
      multiplier = null; // the identity: int(1.0·ff) = ff; canonical form so configs compare equal
    }
    int vocab = f.positiveInt("vocab_size", 65536);
    int layers = numLayers(f);
    List<String> types = layerTypes(f);
    int convL = f.positiveInt("conv_L_cache", 3);
    int kv = f.positiveInt("num_key_value_heads", 8);
    boolean auto = f.bool("block_auto_adjust_ff_dim", true);
    int multipleOf = f.positiveInt("block_multiple_of", 256);
    double eps = f.positiveDouble("norm_eps", 1e-5);
    double theta = theta(f);
    int maxPos = f.positiveInt("max_position_embeddings", 128000);
    try {
      return new TextConfig(vocab, hidden, layers, types, convL, heads, kv, headDim, ff, auto, multiplier, multipleOf,
          eps, theta, tie, maxPos);
    } catch (IllegalArgumentException e) {
      throw f.error(e.getMessage());
    }
  }

  private static int numLayers(JsonFields f) {
    if (f.has("num_hidden_layers")) {
      return f.positiveInt("num_hidden_layers");
    }
    return f.has("layer_types") ? f.array("layer_types").size() : 32;
  }

  private static List<String> layerTypes(JsonFields f) {
    int n = numLayers(f);
    List<String> types = new ArrayList<>();
    if (f.has("layer_types")) {
      List<JsonNode> a = f.array("layer_types");
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).isTextual()) {
          throw f.error("layer_types[" + i + "]", "must be \"conv\" or \"full_attention\"", a.get(i));
        }
        types.add(a.get(i).textValue());
      }
      return types;
    }
    if (!f.has("full_attn_idxs")) {
      return Collections.nCopies(n, TextConfig.ATTENTION);
    }
    types.addAll(Collections.nCopies(n, TextConfig.CONV));
    for (JsonNode i : f.array("full_attn_idxs")) {
      if (!i.isIntegralNumber() || i.intValue() < 0 || i.intValue() >= n) {
        throw f.error("full_attn_idxs", "must hold layer indices in 0.." + (n - 1), i);
      }
      types.set(i.intValue(), TextConfig.ATTENTION);
    }
    return types;
  }

  private static double theta(JsonFields f) {
    if (f.has("theta")) {
      return f.positiveDouble("theta", 1e6);
    }
    if (f.has("rope_theta")) {
      return f.positiveDouble("rope_theta", 1e6);
    }
    JsonFields rope = f.child("rope_parameters");
    return rope == null ? 1e6 : rope.positiveDouble("rope_theta", 1e6);
  }

  /** bos/eos/pad ids given in {@code f}, over {@code base}. */
  static SpecialTokens tokens(JsonFields f, SpecialTokens base) {
    return new SpecialTokens(f.nonNegativeInt("pad_token_id", base.pad()), f.nonNegativeInt("bos_token_id", base.bos()),
        f.nonNegativeInt("eos_token_id", base.eos()), base.imStart(), base.imEnd(), base.image(), base.imageStart(),
        base.imageEnd());
  }

  /** Writes every key explicitly (llama.cpp's raw-config fallback needs them). */
  static void write(TextConfig t, SpecialTokens tokens, ObjectNode o) {
    o.put("model_type", MODEL_TYPE);
    o.putArray("architectures").add(ARCHITECTURE);
    o.put("vocab_size", t.vocabSize());
    o.put("hidden_size", t.hiddenSize());
    o.put("num_hidden_layers", t.numHiddenLayers());
    t.layerTypes().forEach(o.putArray("layer_types")::add);
    t.attentionLayers().forEach(o.putArray("full_attn_idxs")::add);
    o.put("conv_L_cache", t.convLCache());
    o.put("conv_bias", false);
    o.put("num_attention_heads", t.numAttentionHeads());
    o.put("num_key_value_heads", t.numKeyValueHeads());
    o.put("head_dim", t.headDim());
    o.put("block_ff_dim", t.intermediateSize());
    o.put("intermediate_size", t.intermediateSize());
    o.put("block_auto_adjust_ff_dim", t.blockAutoAdjustFfDim());
    o.put("block_ffn_dim_multiplier", t.blockFfnDimMultiplier() == null ? 1.0 : t.blockFfnDimMultiplier());
    o.put("block_multiple_of", t.blockMultipleOf());
    o.put("norm_eps", t.normEps());
    o.put("rope_theta", t.ropeTheta());
    o.put("tie_word_embeddings", t.tieWordEmbeddings());
    o.put("max_position_embeddings", t.maxPositionEmbeddings());
    o.put("bos_token_id", tokens.bos());
    o.put("eos_token_id", tokens.eos());
    o.put("pad_token_id", tokens.pad());
    o.put("torch_dtype", "float32");
  }
}
