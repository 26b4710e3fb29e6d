package cockpit.lm.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@link Tokenizer} needs from {@code tokenizer.json} that DJL does not expose: the added tokens
 * (content, id, special flag), the vocabulary size, and for a byte-level BPE each id's bytes, so
 * that streaming decode and special-token-free encoding need no native call. Immutable, shared
 * between threads.
 */
final class Vocabulary {
  /** GPT-2's {@code bytes_to_unicode}: the printable character standing for each byte. */
  private static final char[] BYTE_CHAR = new char[256];
  /** The inverse of {@link #BYTE_CHAR}; -1 for characters outside the byte alphabet. */
  private static final int[] CHAR_BYTE = new int[324];

  static {
    Arrays.fill(CHAR_BYTE, -1);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      BYTE_CHAR[b] = (char) (printable ? b : 256 + n++);
      CHAR_BYTE[BYTE_CHAR[b]] = b;
    }
  }

  final int size;
  /** Added-token content → id; these are matched in raw text before the model sees it. */
  private final Map<String, Integer> added;
  private final BitSet addedIds = new BitSet();
  private final BitSet special;
  /** Distinct lengths of added-token contents, longest first, and the chars they start with. */
  private final int[] addedLengths;
  private final BitSet addedFirstChars;
  /** id → the UTF-8 bytes it decodes to, or null when the vocabulary is not byte-level. */
  private final byte[][] bytes;
  /** byte → id of its single-byte token, or null when the vocabulary is not byte-level. */
  private final int[] byteIds;

  private Vocabulary(int size, Map<String, Integer> added, BitSet special, byte[][] bytes, int[] byteIds) {
    this.size = size;
    this.added = Map.copyOf(added);
    this.special = special;
    this.bytes = bytes;
    this.byteIds = byteIds;
    TreeSet<Integer> lengths = new TreeSet<>();
    addedFirstChars = new BitSet();
    for (Map.Entry<String, Integer> e : added.entrySet()) {
      String s = e.getKey();
      addedIds.set(e.getValue());
      lengths.add(s.length());
      addedFirstChars.set(s.charAt(0));
    }
    addedLengths = lengths.descendingSet().stream().mapToInt(Integer::intValue).toArray();
  }

  /** Reads the parts of a parsed {@code tokenizer.json}; {@code source} names it in errors. */
  static Vocabulary parse(JsonNode root, String source) {
    JsonNode vocab = root.path("model").path("vocab");
    Map<String, Integer> model = new HashMap<>();
    int max = -1;
    if (vocab.isObject()) { // BPE and WordPiece/WordLevel; Unigram uses an array of [piece, score]
      for (Map.Entry<String, JsonNode> e : vocab.properties()) {
        model.put(e.getKey(), e.getValue().asInt());
        max = Math.max(max, e.getValue().asInt());
      }
    } else if (vocab.isArray()) {
      for (int id = 0; id < vocab.size(); id++) {
        model.put(vocab.get(id).path(0).asText(), id);
      }
      max = vocab.size() - 1;
    }
    Map<String, Integer> added = new HashMap<>();
    BitSet special = new BitSet();
    for (JsonNode t : root.path("added_tokens")) {
      int id = t.path("id").asInt(-1);
      String content = t.path("content").asText("");
      if (id < 0 || content.isEmpty()) {
        throw new IllegalArgumentException(source + ": malformed added token " + t);
      }
      added.put(content, id);
      special.set(id, t.path("special").asBoolean(false));
      max = Math.max(max, id);
    }
    if (max < 0) {
      throw new IllegalArgumentException(source + ": no vocabulary (model.vocab and added_tokens are empty)");
    }
    byte[][] bytes = byteLevel(root) ? byteTable(max + 1, model, added) : null;
    int[] byteIds = bytes == null ? null : new int[256];
    for (int b = 0; byteIds != null && b < 256; b++) {
      byteIds[b] = model.get(String.valueOf(BYTE_CHAR[b]));
    }
    return new Vocabulary(max + 1, added, special, bytes, byteIds);
  }

  boolean isByteLevel() {
    return bytes != null;
  }

  /** The bytes {@code id} decodes to (byte-level vocabularies only); null for an id with no token. */
  byte[] bytes(int id) {
    return bytes[id];
  }

  /** The id of the single-byte token for {@code b} (byte-level vocabularies only). */
  int byteId(int b) {
    return byteIds[b & 0xFF];
  }

  boolean isAdded(int id) {
    return id >= 0 && addedIds.get(id);
  }

  boolean isSpecial(int id) {
    return id >= 0 && special.get(id);
  }

  Integer addedId(String content) {
    return added.get(content);
  }

  /** Contents of the special added tokens other than {@code <|reserved_N|>} fillers, by id. */
  List<String> specialNames() {
    List<Map.Entry<String, Integer>> l = new ArrayList<>(added.entrySet());
    l.sort(Map.Entry.comparingByValue());
    return l.stream().filter(e -> special.get(e.getValue()) && !e.getKey().startsWith("<|reserved_"))
        .map(Map.Entry::getKey).toList();
  }

  /** Whether some added token's content starts at {@code text[i]}. */
  boolean addedTokenAt(String text, int i) {
    if (!addedFirstChars.get(text.charAt(i))) {
      return false;
    }
    for (int len : addedLengths) {
      if (i + len <= text.length() && added.containsKey(text.substring(i, i + len))) {
        return true;
      }
    }
    return false;
  }

  /** True when the decoder (alone or in a sequence) is ByteLevel. */
  private static boolean byteLevel(JsonNode root) {
    JsonNode d = root.path("decoder");
    if ("Sequence".equals(d.path("type").asText())) {
      for (JsonNode x : d.path("decoders")) {
        if ("ByteLevel".equals(x.path("type").asText())) {
          return true;
        }
      }
      return false;
    }
    return "ByteLevel".equals(d.path("type").asText());
  }

  /** id → bytes, or null if some model token is not spelled in the byte alphabet. */
  private static byte[][] byteTable(int size, Map<String, Integer> model, Map<String, Integer> added) {
    byte[][] table = new byte[size][];
    for (int b = 0; b < 256; b++) {
      if (!model.containsKey(String.valueOf(BYTE_CHAR[b]))) {
        return null;
      }
    }
    for (Map.Entry<String, Integer> e : model.entrySet()) {
      String token = e.getKey();
      byte[] out = new byte[token.length()];
      for (int i = 0; i < token.length(); i++) {
        char c = token.charAt(i);
        if (c >= CHAR_BYTE.length || CHAR_BYTE[c] < 0) {
          out = null; // e.g. a special token kept in model.vocab; the added-token pass below fills it
          break;
        }
        out[i] = (byte) CHAR_BYTE[c];
      }
      table[e.getValue()] = out;
    }
    // Added tokens decode to their content, whatever the model's vocabulary spells at that id.
    for (Map.Entry<String, Integer> e : added.entrySet()) {
      table[e.getValue()] = e.getKey().getBytes(StandardCharsets.UTF_8);
    }
    for (Map.Entry<String, Integer> e : model.entrySet()) {
      if (table[e.getValue()] == null) {
        return null;
      }
    }
    return table;
  }
}
