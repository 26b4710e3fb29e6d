package cockpit.npu.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code config.json} for a {@link ModelConfig}, Hugging Face style: a top level
 * {@code model_type: "autoneural"} with a nested LFM2 {@code text_config}, a {@code vision_config}
 * ({@code mobilenetv5_style} or {@code vit}), special-token ids and a {@code cockpit} block (profile,
 * seed, context length). Also reads a plain text-only LFM2 {@code config.json} as found on the hub
 * (profile {@code converted}, seed -1, no vision). Errors name the file and the key. Stateless.
 */
public final class ConfigJson {
  public static final String MODEL_TYPE = "autoneural";
  public static final String ARCHITECTURE = "AutoNeuralForConditionalGeneration";
  static final String MOBILENET = "mobilenetv5_style";
  static final String VIT = "vit";
  static final int DEFAULT_CONTEXT = 4096;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ConfigJson() {}

  public static ModelConfig read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /** Parses config JSON; {@code source} (usually the path) prefixes every error message. */
  public static ModelConfig parse(String json, String source) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IOException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(source + ": not a JSON object");
    }
    JsonFields top = new JsonFields(root, source, "");
    String type = top.string("model_type", null);
    if (Lfm2ConfigJson.MODEL_TYPE.equals(type)) {
      TextConfig text = Lfm2ConfigJson.read(top);
      SpecialTokens tokens = Lfm2ConfigJson.tokens(top, SpecialTokens.LFM2);
      return build(top, () -> new ModelConfig(text, null, tokens, "converted", -1,
          Math.min(DEFAULT_CONTEXT, text.maxPositionEmbeddings())));
    }
    if (!MODEL_TYPE.equals(type)) {
      throw top.error("model_type", "must be \"" + MODEL_TYPE + "\" or \"" + Lfm2ConfigJson.MODEL_TYPE + "\"",
          top.raw("model_type"));
    }
    JsonFields textFields = top.child("text_config");
    if (textFields == null) {
      throw top.error("text_config is missing");
    }
    TextConfig text = Lfm2ConfigJson.read(textFields);
    JsonFields v = top.child("vision_config");
    VisionConfig vision = v == null ? null : vision(v);
    SpecialTokens base = Lfm2ConfigJson.tokens(textFields, SpecialTokens.LFM2);
    SpecialTokens t = Lfm2ConfigJson.tokens(top, base);
    SpecialTokens tokens = new SpecialTokens(t.pad(), t.bos(), t.eos(), top.nonNegativeInt("im_start_token_id",
        t.imStart()), top.nonNegativeInt("im_end_token_id", t.imEnd()), top.nonNegativeInt("image_token_id", t.image()),
        top.nonNegativeInt("image_start_token_id", t.imageStart()), top.nonNegativeInt("image_end_token_id",
            t.imageEnd()));
    JsonFields c = top.child("cockpit");
    String profile = c == null ? "converted" : c.string("profile", "converted");
    long seed = c == null ? -1 : c.longValue("seed", -1);
    int context = c == null ? Math.min(DEFAULT_CONTEXT, text.maxPositionEmbeddings())
        : c.positiveInt("context_length", DEFAULT_CONTEXT);
    return build(top, () -> new ModelConfig(text, vision, tokens, profile, seed, context));
  }

  /** Runs a record constructor, prefixing its validation message with the file and object. */
  private static <T> T build(JsonFields f, java.util.function.Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw f.error(e.getMessage());
    }
  }

  private static VisionConfig vision(JsonFields v) {
    String type = v.string("model_type", null);
    if (!MOBILENET.equals(type) && !VIT.equals(type)) {
      throw v.error("model_type", "must be \"" + MOBILENET + "\" or \"" + VIT + "\"", v.raw("model_type"));
    }
    int image = v.positiveInt("image_size");
    int grid = v.positiveInt("token_grid", 16);
    double eps = v.positiveDouble("norm_eps", 1e-6);
    int projector = v.positiveInt("projector_hidden_size");
    if (MOBILENET.equals(type)) {
      int stem = v.positiveInt("stem_channels");
      List<List<BlockSpec>> stages = stages(v);
      int hidden = v.positiveInt("msfa_hidden_size");
      int out = v.positiveInt("msfa_output_size");
      return build(v, () -> new VisionConfig.MobileNet(image, stem, stages, hidden, out, grid, eps, projector));
    }
    if (VIT.equals(type)) {
      int width = v.positiveInt("hidden_size");
      int layers = v.positiveInt("num_hidden_layers");
      int heads = v.positiveInt("num_attention_heads");
      int mlp = v.positiveInt("intermediate_size");
      return build(v, () -> new VisionConfig.Vit(image, width, layers, heads, mlp, grid, eps, projector));
    }
    throw v.error("model_type", "must be \"" + MOBILENET + "\" or \"" + VIT + "\"", v.raw("model_type"));
  }

  private static List<List<BlockSpec>> stages(JsonFields v) {
    List<List<BlockSpec>> stages = new ArrayList<>();
    List<JsonNode> outer = v.array("stages");
    for (int s = 0; s < outer.size(); s++) {
      if (!outer.get(s).isArray() || outer.get(s).isEmpty()) {
        throw v.error("stages[" + s + "]", "must be a non-empty array of block specs", outer.get(s));
      }
      List<BlockSpec> stage = new ArrayList<>();
      for (int b = 0; b < outer.get(s).size(); b++) {
        JsonNode spec = outer.get(s).get(b);
        try {
          stage.add(BlockSpec.parse(spec.asText()));
        } catch (IllegalArgumentException e) {
          throw v.error("stages[" + s + "][" + b + "]", "is not a block spec (" + e.getMessage() + ")", spec);
        }
      }
      stages.add(stage);
    }
    return stages;
  }

  public static void write(ModelConfig config, Path file) throws IOException {
    Files.writeString(file, toJson(config), StandardCharsets.UTF_8);
  }

  /** The config as pretty-printed JSON with a trailing newline. */
  public static String toJson(ModelConfig c) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model_type", MODEL_TYPE);
    root.putArray("architectures").add(ARCHITECTURE);
    Lfm2ConfigJson.write(c.text(), c.tokens(), root.putObject("text_config"));
    if (c.vision() != null) {
      writeVision(c.vision(), root.putObject("vision_config"));
    }
    SpecialTokens t = c.tokens();
    root.put("image_token_id", t.image());
    root.put("image_start_token_id", t.imageStart());
    root.put("image_end_token_id", t.imageEnd());
    root.put("bos_token_id", t.bos());
    root.put("eos_token_id", t.eos());
    root.put("pad_token_id", t.pad());
    root.put("im_start_token_id", t.imStart());
    root.put("im_end_token_id", t.imEnd());
    root.put("tie_word_embeddings", c.text().tieWordEmbeddings());
    root.put("torch_dtype", "float32");
    ObjectNode cockpit = root.putObject("cockpit");
    cockpit.put("profile", c.profile());
    cockpit.put("seed", c.seed());
    cockpit.put("context_length", c.contextLength());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a config tree", e);
    }
  }

  private static void writeVision(VisionConfig vision, ObjectNode o) {
    switch (vision) {
      case VisionConfig.MobileNet m -> {
        o.put("model_type", MOBILENET);
        o.put("image_size", m.imageSize());
        o.put("stem_channels", m.stemChannels());
        ArrayNode stages = o.putArray("stages");
        m.stages().forEach(st -> {
          ArrayNode a = stages.addArray();
          st.forEach(b -> a.add(b.toString()));
        });
        o.put("msfa_hidden_size", m.msfaHidden());
        o.put("msfa_output_size", m.msfaOut());
      }
      case VisionConfig.Vit v -> {
        o.put("model_type", VIT);
        o.put("image_size", v.imageSize());
        o.put("hidden_size", v.width());
        o.put("num_hidden_layers", v.layers());
        o.put("num_attention_heads", v.heads());
        o.put("intermediate_size", v.mlpDim());
      }
    }
    o.put("token_grid", vision.tokenGrid());
    o.put("norm_eps", vision instanceof VisionConfig.MobileNet m ? m.normEps() : ((VisionConfig.Vit) vision).normEps());
    o.put("projector_hidden_size", vision.projectorHiddenSize());
  }
}
