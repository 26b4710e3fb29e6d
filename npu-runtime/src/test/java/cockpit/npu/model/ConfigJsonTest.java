package cockpit.npu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigJsonTest {
  /** LFM2-1.2B's hub config.json as published, with {@code extra} keys spliced in. */
  static String hub(String extra) {
    return """
        {"architectures": ["Lfm2ForCausalLM"], "model_type": "lfm2", "block_auto_adjust_ff_dim": true,
         "block_dim": 2048, "block_ffn_dim_multiplier": 1.0, "block_multiple_of": 256, "block_norm_eps": 1e-05,
         "block_use_swiglu": true, "bos_token_id": 1, "conv_L_cache": 3, "conv_bias": false, "conv_dim": 2048,
         "eos_token_id": 7, "hidden_size": 2048, "initializer_range": 0.02, "max_position_embeddings": 128000,
         "norm_eps": 1e-05, "num_attention_heads": 32, "num_heads": 32, "num_hidden_layers": 16,
         "num_key_value_heads": 8, "pad_token_id": 0, "rope_theta": 1000000.0, "torch_dtype": "bfloat16",
         "use_cache": true, "use_pos_enc": true, "vocab_size": 65536%s}""".formatted(extra);
  }

  static ModelConfig parse(String json) throws IOException {
    return ConfigJson.parse(json, "config.json");
  }

  @Test
  void everyProfileAndItsVitBaselineRoundTrip(@TempDir Path dir) throws IOException {
    for (Profile p : Profile.values()) {
      for (ModelConfig c : List.of(p.config(1234), p.config(-7).baseline(p.vit()))) {
        Path f = dir.resolve(p.id() + "-config.json");
        ConfigJson.write(c, f);
        assertEquals(c, ConfigJson.read(f), p + " " + c.profile());
      }
    }
    ModelConfig textOnly = new ModelConfig(Profile.SMALL.text(), null, SpecialTokens.LFM2, "converted", -1, 4096);
    assertEquals(textOnly, parse(ConfigJson.toJson(textOnly)));
  }

  @Test
  void writesLfm2KeysExplicitly() throws IOException {
    String json = ConfigJson.toJson(Profile.FULL.config(1));
    for (String key : List.of("\"block_ff_dim\" : 12288", "\"intermediate_size\" : 12288", "\"conv_L_cache\" : 3",
        "\"full_attn_idxs\" : [ 2, 5, 8, 10, 12, 14 ]", "\"block_ffn_dim_multiplier\" : 1.0",
        "\"model_type\" : \"lfm2\"", "\"model_type\" : \"mobilenetv5_style\"", "\"er_k3_s2_e4_c128\"",
        "\"image_token_id\" : 396", "\"context_length\" : 4096")) {
      assertTrue(json.contains(key), key);
    }
  }

  @Test
  void hubLfm2ConfigFollowsTheFfnWidthRule() throws IOException {
    ModelConfig c = parse(hub(", \"block_ff_dim\": 12288, \"full_attn_idxs\": [2, 5, 8, 10, 12, 14]"));
    assertEquals(8192, c.text().ffnDim());
    assertEquals(Profile.FULL.text(), c.text());
    assertNull(c.vision());
    assertEquals("converted", c.profile());
    assertEquals(-1, c.seed());
    assertEquals(4096, c.contextLength());
    assertEquals(SpecialTokens.LFM2, c.tokens());
    assertEquals(1_170_340_608L, WeightGenerator.totalBytes(c) / 4, "LFM2-1.2B parameter count");
    assertEquals(148, WeightGenerator.specs(c).size(), "LFM2-1.2B tensor count");

    assertEquals(8192, parse(hub(", \"intermediate_size\": 8192, \"block_auto_adjust_ff_dim\": false")
        .replace("\"block_auto_adjust_ff_dim\": true,", "")).text().ffnDim());
    assertEquals(5632, parse(hub(", \"intermediate_size\": 8192")).text().ffnDim(), "the auto-adjust pitfall");
    assertEquals(8192, parse(hub(", \"intermediate_size\": 8192, \"block_ff_dim\": 12288")).text().ffnDim(),
        "block_ff_dim wins");
    String m350 = hub(", \"block_ff_dim\": 6656").replace("\"hidden_size\": 2048", "\"hidden_size\": 1024")
        .replace("\"num_attention_heads\": 32", "\"num_attention_heads\": 16");
    assertEquals(4608, parse(m350).text().ffnDim());
  }

  @Test
  void hubLfm2ConfigLayerTypesAndLegacyKeys() throws IOException {
    TextConfig t = parse(hub(", \"full_attn_idxs\": [2, 5, 8, 10, 12, 14]")).text();
    assertEquals(Profile.lfm2LayerTypes(), t.layerTypes());
    assertEquals(List.of(2, 5, 8, 10, 12, 14), t.attentionLayers());
    assertEquals(64, t.headDim(), "hidden / heads");
    assertEquals(Collections.nCopies(16, TextConfig.ATTENTION), parse(hub("")).text().layerTypes(),
        "neither layer_types nor full_attn_idxs: all attention");
    assertEquals(List.of(0, 1), parse(hub(", \"num_hidden_layers\": 2, \"layer_types\": [\"full_attention\", "
        + "\"full_attention\"]").replace("\"num_hidden_layers\": 16,", "")).text().attentionLayers());
    assertEquals(false, parse(hub(", \"tie_embedding\": false, \"tie_word_embeddings\": true")).text()
        .tieWordEmbeddings());
    assertEquals(5e5, parse(hub(", \"theta\": 500000.0")).text().ropeTheta());
    assertEquals(2e6, parse(hub(", \"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 2000000.0}")
        .replace("\"rope_theta\": 1000000.0,", "")).text().ropeTheta());
    assertEquals(2, parse(hub("").replace("\"eos_token_id\": 7", "\"eos_token_id\": 2")).tokens().eos());
    TextConfig defaults = parse("{\"model_type\": \"lfm2\"}").text();
    assertEquals(2560, defaults.hiddenSize());
    assertEquals(32, defaults.numHiddenLayers());
    assertEquals(65536, defaults.vocabSize());
    assertEquals(8192, defaults.ffnDim(), "intermediate_size 12288 with auto-adjust");
    assertNull(defaults.blockFfnDimMultiplier());
  }

  @Test
  void errorsNameTheFileAndTheKey(@TempDir Path dir) throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> parse(hub("").replace("\"hidden_size\": 2048", "\"hidden_size\": \"abc\"")));
    assertEquals("config.json: hidden_size must be a positive integer, got \"abc\"", e.getMessage());
    String nested = ConfigJson.toJson(Profile.TINY.config(1));
    e = assertThrows(IllegalArgumentException.class, () -> parse(nested.replace("\"er_k3_s2_e2_c16\"", "\"er_x\"")));
    assertTrue(e.getMessage().startsWith("config.json: vision_config.stages[0][0] is not a block spec"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> parse(nested.replace("\"num_key_value_heads\" : 2",
        "\"num_key_value_heads\" : 3")));
    assertTrue(e.getMessage().startsWith("config.json: text_config: num_attention_heads 4 is not a multiple"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> parse("{\"model_type\": \"llama\"}"));
    assertTrue(e.getMessage().contains("model_type must be \"autoneural\" or \"lfm2\", got \"llama\""),
        e.getMessage());
    Path f = dir.resolve("config.json");
    Files.writeString(f, "{\"model_type\": ");
    IOException io = assertThrows(IOException.class, () -> ConfigJson.read(f));
    assertTrue(io.getMessage().startsWith(f + ": not valid JSON"), io.getMessage());
  }
}
