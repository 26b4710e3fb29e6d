package cockpit.npu.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Writes the Hugging Face tokenizer files of a model. For a generated model: {@code tokenizer.json}
 * (a byte-level BPE without merges: one token per byte at ids 14..269 in GPT-2's byte-to-unicode alphabet, LFM2's
 * special tokens at their released ids as added tokens, every other id a {@code <|reserved_N|>} entry
 * of the model vocabulary, so the vocabulary has exactly {@code vocab_size} entries), {@code tokenizer_config.json} (ChatML chat
 * template, bos/eos/pad), {@code special_tokens_map.json} and {@code generation_config.json}. For a
 * trained byte-level BPE (module {@code train/}): the same files around its vocabulary and merges.
 * Random weights make the text meaningless; the files exist so tokenization and chat formatting run
 * through the real libraries. Stateless.
 */
public final class TokenizerFiles {
  /** Id of the token for byte 0; byte b is token {@code BYTE_OFFSET + b}. */
  public static final int BYTE_OFFSET = 14;

  /** LFM2's special tokens by id (reference notes §7). */
  public static final Map<Integer, String> SPECIAL = Map.ofEntries(Map.entry(0, "<|pad|>"),
      Map.entry(1, "<|startoftext|>"), Map.entry(2, "<|endoftext|>"), Map.entry(3, "<|fim_pre|>"),
      Map.entry(4, "<|fim_mid|>"), Map.entry(5, "<|fim_suf|>"), Map.entry(6, "<|im_start|>"),
      Map.entry(7, "<|im_end|>"), Map.entry(8, "<|tool_list_start|>"), Map.entry(9, "<|tool_list_end|>"),
      Map.entry(10, "<|tool_call_start|>"), Map.entry(11, "<|tool_call_end|>"),
      Map.entry(12, "<|tool_response_start|>"), Map.entry(13, "<|tool_response_end|>"), Map.entry(396, "<image>"),
      Map.entry(498, "<|image_start|>"), Map.entry(499, "<|image_end|>"));

  /** ChatML as LFM2 uses it: BOS, then {@code <|im_start|>role\ncontent<|im_end|>\n} per message. */
  public static final String CHAT_TEMPLATE = "{{- bos_token -}}{%- for message in messages -%}"
      + "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' -}}{%- endfor -%}"
      + "{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n' -}}{%- endif -%}";

  public static final String TOKENIZER = "tokenizer.json";
  public static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  public static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";
  public static final String GENERATION_CONFIG = "generation_config.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TokenizerFiles() {}

  /** Writes the four files into {@code dir}; the config's special ids must match LFM2's layout. */
  public static void write(ModelConfig config, Path dir) throws IOException {
    write(config, vocabulary(config.text().vocabSize()), List.of(), dir);
  }

  /** {@link #write(SpecialTokens, int, List, List, Path)} for a model; the sizes must agree. */
  public static void write(ModelConfig config, List<String> vocab, List<String[]> merges, Path dir)
      throws IOException {
    if (vocab.size() != config.text().vocabSize()) {
      throw new IllegalArgumentException("tokenizer vocabulary has " + vocab.size() + " entries but the model's "
          + "vocab_size is " + config.text().vocabSize());
    }
    write(config.tokens(), config.contextLength(), vocab, merges, dir);
  }

  /**
   * Writes the four files for a byte-level BPE: {@code vocab} (id → token in the byte alphabet,
   * LFM2's special tokens at their ids) and its {@code merges} in rank order ({left, right} each;
   * none for a generated model). {@code t} must use LFM2's ids; {@code contextLength} becomes
   * {@code model_max_length}.
   */
  public static void write(SpecialTokens t, int contextLength, List<String> vocab, List<String[]> merges, Path dir)
      throws IOException {
    if (vocab.size() <= Collections.max(SPECIAL.keySet())) {
      throw new IllegalArgumentException("tokenizer vocabulary has " + vocab.size() + " entries; LFM2's special ids "
          + "reach " + Collections.max(SPECIAL.keySet()));
    }
    SPECIAL.forEach((id, s) -> {
      if (!s.equals(vocab.get(id))) {
        throw new IllegalArgumentException("tokenizer vocabulary has '" + vocab.get(id) + "' at id " + id + ", not " + s);
      }
    });
    requireToken(t.imStart(), "<|im_start|>");
    requireToken(t.imEnd(), "<|im_end|>");
    requireToken(t.image(), "<image>");
    requireToken(t.imageStart(), "<|image_start|>");
    requireToken(t.imageEnd(), "<|image_end|>");
    String bos = special(t.bos(), "bos");
    String eos = special(t.eos(), "eos");
    String pad = special(t.pad(), "pad");
    JSON.writeValue(dir.resolve(TOKENIZER).toFile(), tokenizer(vocab, merges));

    ObjectNode tc = PRETTY.createObjectNode();
    tc.put("add_bos_token", false);
    tc.put("add_eos_token", false);
    tc.put("bos_token", bos);
    tc.put("eos_token", eos);
    tc.put("pad_token", pad);
    tc.put("clean_up_tokenization_spaces", false);
    tc.put("model_max_length", contextLength);
    tc.put("tokenizer_class", "PreTrainedTokenizerFast");
    tc.put("chat_template", CHAT_TEMPLATE);
    PRETTY.writeValue(dir.resolve(TOKENIZER_CONFIG).toFile(), tc);

    ObjectNode map = PRETTY.createObjectNode();
    map.set("bos_token", added(map.objectNode(), bos));
    map.set("eos_token", added(map.objectNode(), eos));
    map.set("pad_token", added(map.objectNode(), pad));
    PRETTY.writeValue(dir.resolve(SPECIAL_TOKENS_MAP).toFile(), map);

    ObjectNode gen = PRETTY.createObjectNode();
    gen.put("bos_token_id", t.bos());
    gen.put("eos_token_id", t.eos());
    gen.put("pad_token_id", t.pad());
    PRETTY.writeValue(dir.resolve(GENERATION_CONFIG).toFile(), gen);
  }

  /** The token string of every id below {@code vocabSize}. */
  public static List<String> vocabulary(int vocabSize) {
    int need = Collections.max(SPECIAL.keySet()) + 1;
    if (vocabSize < need) {
      throw new IllegalArgumentException("tokenizer files need vocab_size >= " + need + " (LFM2's special ids reach "
          + (need - 1) + "), got " + vocabSize);
    }
    List<String> v = new ArrayList<>(vocabSize);
    for (int id = 0; id < vocabSize; id++) {
      int b = id - BYTE_OFFSET;
      v.add(SPECIAL.containsKey(id) ? SPECIAL.get(id)
          : b >= 0 && b < 256 ? String.valueOf(byteChar(b)) : "<|reserved_" + id + "|>");
    }
    return v;
  }

  /** GPT-2's printable stand-in for byte {@code b} ({@code bytes_to_unicode}). */
  public static char byteChar(int b) {
    if ((b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)) {
      return (char) b;
    }
    int n = 0;
    for (int i = 0; i < b; i++) {
      if (!((i >= '!' && i <= '~') || (i >= 0xA1 && i <= 0xAC) || (i >= 0xAE && i <= 0xFF))) {
        n++;
      }
    }
    return (char) (256 + n);
  }

  private static ObjectNode tokenizer(List<String> vocab, List<String[]> merges) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    // Only LFM2's real special tokens are added tokens; the reserved fillers live in the model vocab
    // alone. (Tens of thousands of added tokens make the tokenizers library take a minute to load.)
    for (int id = 0; id < vocab.size(); id++) {
      if (SPECIAL.containsKey(id)) {
        added(added.addObject().put("id", id), vocab.get(id)).put("special", true);
      }
    }
    root.putNull("normalizer");
    root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
        .put("trim_offsets", true).put("use_regex", true);
    root.putNull("post_processor");
    root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true)
        .put("use_regex", true);
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE").putNull("dropout");
    model.putNull("unk_token").putNull("continuing_subword_prefix").putNull("end_of_word_suffix");
    model.put("fuse_unk", false).put("byte_fallback", false);
    ObjectNode v = model.putObject("vocab");
    for (int id = 0; id < vocab.size(); id++) {
      v.put(vocab.get(id), id);
    }
    ArrayNode m = model.putArray("merges");
    for (String[] pair : merges) {
      // Byte-alphabet tokens never hold a plain space, so the classic "left right" form is unambiguous.
      m.add(pair[0] + " " + pair[1]);
    }
    return root;
  }

  private static ObjectNode added(ObjectNode o, String content) {
    return o.put("content", content).put("single_word", false).put("lstrip", false).put("rstrip", false)
        .put("normalized", false);
  }

  private static void requireToken(int id, String name) {
    if (!name.equals(SPECIAL.get(id))) {
      throw new IllegalArgumentException("tokenizer files put " + name + " at id " + SPECIAL.entrySet().stream()
          .filter(e -> e.getValue().equals(name)).findFirst().orElseThrow().getKey() + ", but the config says " + id);
    }
  }

  private static String special(int id, String role) {
    String s = SPECIAL.get(id);
    if (s == null) {
      throw new IllegalArgumentException("the config's " + role + " id " + id + " is not one of LFM2's special tokens "
          + SPECIAL.keySet());
    }
    return s;
  }
}
