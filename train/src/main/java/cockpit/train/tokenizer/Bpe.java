package cockpit.train.tokenizer;

import cockpit.npu.model.TokenizerFiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trained byte-level BPE vocabulary with LFM2's special tokens, and our own encoder for it — the
 * semantics of the Hugging Face {@code BPE} model: special-token text is matched first (longest
 * first); the rest is pre-tokenized by {@link ByteLevel}, and in each piece the adjacent pair with the
 * lowest merge rank is merged, leftmost first, until no ranked pair is left. Layout by id: LFM2's
 * special tokens at their released ids ({@link TokenizerFiles#SPECIAL}), byte {@code b} at
 * {@code 14 + b}, learned tokens (and {@code <|reserved_N|>} fillers) everywhere else.
 *
 * <p>Immutable apart from a piece cache; thread-safe.
 */
public final class Bpe {
  private static final List<String> SPECIALS_LONGEST_FIRST = TokenizerFiles.SPECIAL.values().stream()
      .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())).toList();

  private final List<String> vocab;
  private final List<String[]> merges;
  private final Map<String, Integer> ids = new HashMap<>();
  private final Map<Long, Integer> ranks = new HashMap<>();
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  /** A vocabulary (id → token) and its merges in rank order, as the trainer produced them. */
  public Bpe(List<String> vocab, List<String[]> merges) {
    this.vocab = List.copyOf(vocab);
    this.merges = merges.stream().map(String[]::clone).toList();
    for (int id = 0; id < this.vocab.size(); id++) {
      if (ids.putIfAbsent(this.vocab.get(id), id) != null) {
        throw new IllegalArgumentException("token '" + this.vocab.get(id) + "' appears twice in the vocabulary");
      }
    }
    TokenizerFiles.SPECIAL.forEach((id, s) -> {
      if (id >= this.vocab.size() || !s.equals(this.vocab.get(id))) {
        throw new IllegalArgumentException("special token " + s + " must be at id " + id);
      }
    });
    for (int r = 0; r < this.merges.size(); r++) {
      String[] m = this.merges.get(r);
      Integer a = ids.get(m[0]);
      Integer b = ids.get(m[1]);
      if (a == null || b == null || !ids.containsKey(m[0] + m[1])) {
        throw new IllegalArgumentException("merge " + r + " '" + m[0] + " " + m[1] + "' uses or makes an unknown token");
      }
      ranks.putIfAbsent(((long) a << 32) | (b & 0xFFFFFFFFL), r);
    }
  }

  /** Id → token with LFM2's special tokens and the 256 byte tokens in place, every other id null. */
  static String[] baseVocabulary(int size) {
    String[] v = new String[size];
    TokenizerFiles.SPECIAL.forEach((id, s) -> v[id] = s);
    for (int b = 0; b < 256; b++) {
      v[TokenizerFiles.BYTE_OFFSET + b] = String.valueOf(ByteLevel.charOf(b));
    }
    return v;
  }

  /** {@code text} cut at special-token strings, which are dropped (for counting the corpus). */
  static List<String> splitOnSpecials(String text) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); ) {
      String s = specialAt(text, i);
      if (s == null) {
        i++;
        continue;
      }
      parts.add(text.substring(start, i));
      start = i = i + s.length();
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static String specialAt(String text, int i) {
    if (text.charAt(i) != '<') {
      return null;
    }
    for (String s : SPECIALS_LONGEST_FIRST) {
      if (text.startsWith(s, i)) {
        return s;
      }
    }
    return null;
  }

  /** Token ids of {@code text}; special-token strings in it become their ids (trusted text). */
  public int[] encode(String text) {
    IntBuilder out = new IntBuilder();
    int start = 0;
    for (int i = 0; i < text.length(); ) {
      String s = specialAt(text, i);
      if (s == null) {
        i++;
        continue;
      }
      encodePlain(text.substring(start, i), out);
      out.add(ids.get(s));
      start = i = i + s.length();
    }
    encodePlain(text.substring(start), out);
    return out.toArray();
  }

  private void encodePlain(String text, IntBuilder out) {
    for (String piece : ByteLevel.pieces(text)) {
      out.addAll(cache.computeIfAbsent(piece, this::mergePiece));
    }
  }

  private int[] mergePiece(String piece) {
    int[] s = new int[piece.length()];
    for (int i = 0; i < s.length; i++) {
      s[i] = ids.get(String.valueOf(piece.charAt(i)));
    }
    int n = s.length;
    while (n > 1) {
      int best = Integer.MAX_VALUE;
      int at = -1;
      for (int i = 0; i + 1 < n; i++) {
        Integer r = ranks.get(((long) s[i] << 32) | (s[i + 1] & 0xFFFFFFFFL));
        if (r != null && r < best) {
          best = r;
          at = i;
        }
      }
      if (at < 0) {
        break;
      }
      s[at] = ids.get(vocab.get(s[at]) + vocab.get(s[at + 1]));
      System.arraycopy(s, at + 2, s, at + 1, n - at - 2);
      n--;
    }
    return Arrays.copyOf(s, n);
  }

  /** The text of {@code ids}; special tokens spell their content, invalid UTF-8 becomes U+FFFD. */
  public String decode(int[] tokenIds) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int id : tokenIds) {
      if (id < 0 || id >= vocab.size()) {
        throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (size " + vocab.size() + ")");
      }
      String t = vocab.get(id);
      bytes.writeBytes(TokenizerFiles.SPECIAL.containsKey(id) || t.equals("<|reserved_" + id + "|>")
          ? t.getBytes(StandardCharsets.UTF_8) : ByteLevel.bytes(t));
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Id → token string (byte-alphabet spelling; special tokens and fillers as themselves). */
  public List<String> vocabulary() {
    return vocab;
  }

  /** Merges in rank order, each {left, right}. */
  public List<String[]> merges() {
    return merges.stream().map(String[]::clone).toList();
  }

  public int size() {
    return vocab.size();
  }

  /** Learned tokens: ids that are neither special, byte nor filler. */
  public int learned() {
    int n = 0;
    for (int id = TokenizerFiles.BYTE_OFFSET + 256; id < vocab.size(); id++) {
      if (!TokenizerFiles.SPECIAL.containsKey(id) && !vocab.get(id).equals("<|reserved_" + id + "|>")) {
        n++;
      }
    }
    return n;
  }

  /** A growable int array. */
  private static final class IntBuilder {
    private int[] a = new int[64];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, 2 * n);
      }
      a[n++] = v;
    }

    void addAll(int[] vs) {
      for (int v : vs) {
        add(v);
      }
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
