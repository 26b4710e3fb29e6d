package cockpit.lm.text;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A Hugging Face tokenizer ({@code tokenizer.json}) run by DJL's native tokenizers library. Text is
 * encoded without the post-processor's special tokens ({@code add_special_tokens=false}): the chat
 * format ({@link ChatFormat}) places every control token itself.
 *
 * <p>{@link #encode} is for trusted text: special-token strings in it (e.g. {@code <|im_end|>})
 * become control tokens, as with the Jinja chat template. {@link #encodeUntrusted} is for user
 * speech and other outside text: its result never holds an added-token id, so nobody can end a turn
 * or forge a role by saying the token's name.
 *
 * <p>Thread-safe: the native tokenizer is immutable after loading and DJL's encode/decode only read
 * it. Owns the native handle; {@link #close} frees it exactly once, after calls in flight return;
 * later calls throw {@link IllegalStateException}.
 *
 * <p>Loading marks DJL offline ({@code ai.djl.offline=true}) unless the {@code DJL_OFFLINE}
 * environment variable or that system property is already set: DJL otherwise probes the EC2
 * metadata endpoint on first use. The native library comes from the tokenizers jar and is extracted
 * once to {@code ~/.djl.ai/tokenizers/} (override with {@code DJL_CACHE_DIR} or
 * {@code ENGINE_CACHE_DIR}).
 */
public final class Tokenizer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** DJL otherwise truncates to 512 tokens and pads batches. */
  private static final Map<String, String> OPTIONS = Map.of("addSpecialTokens", "false", "truncation", "false",
      "padding", "false");

  private final Path source;
  private final Vocabulary vocab;
  private final HuggingFaceTokenizer hf;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private Tokenizer(Path source, Vocabulary vocab, HuggingFaceTokenizer tokenizer) {
    this.source = source;
    this.vocab = vocab;
    this.hf = tokenizer;
  }

  /**
   * Loads {@code tokenizer.json} (a model directory is accepted too).
   *
   * @throws NoSuchFileException naming the missing file
   * @throws IllegalArgumentException when the file is not a tokenizer the native library accepts
   * @throws IllegalStateException when DJL's native library cannot be loaded
   */
  public static Tokenizer load(Path tokenizerJson) throws IOException {
    Path file = Files.isDirectory(tokenizerJson) ? tokenizerJson.resolve("tokenizer.json") : tokenizerJson;
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no tokenizer at " + file.toAbsolutePath()
          + "; a model directory holds tokenizer.json (generate one with `cockpit model generate --profile tiny`)");
    }
    byte[] json = Files.readAllBytes(file);
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage(), e);
    }
    Vocabulary vocab = Vocabulary.parse(root, file.toString());
    goOffline();
    HuggingFaceTokenizer t;
    try {
      t = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(json), OPTIONS);
    } catch (ai.djl.engine.EngineException e) { // the native library itself, not the file
      throw new IllegalStateException("DJL's native tokenizers library did not load (it is extracted to "
          + "~/.djl.ai/tokenizers, or under DJL_CACHE_DIR): " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " could not be loaded by the tokenizers library: " + e.getMessage(),
          e);
    }
    return new Tokenizer(file, vocab, t);
  }

  /** Encodes trusted text; special-token strings in it become their control tokens. */
  public int[] encode(String text) {
    if (text.isEmpty()) {
      return new int[0];
    }
    return call(() -> toInts(hf.encode(text, false, false).getIds()));
  }

  /**
   * Encodes outside text (user speech, tool output) so that the result holds no added-token id:
   * wherever an added token's content occurs, its first character is encoded on its own (as byte
   * tokens in a byte-level vocabulary), which no added token can match. Decodes back to
   * {@code text}.
   *
   * @throws IllegalArgumentException if a non-byte-level vocabulary can only spell some character of
   *     {@code text} with a special token
   */
  public int[] encodeUntrusted(String text) {
    IntList out = new IntList(text.length() + 8);
    int start = 0;
    for (int i = 0; i < text.length(); ) {
      if (!vocab.addedTokenAt(text, i)) {
        i++;
        continue;
      }
      out.addAll(encode(text.substring(start, i)));
      int end = i + Character.charCount(text.codePointAt(i));
      out.addAll(encodeAlone(text.substring(i, end)));
      start = i = end;
    }
    out.addAll(encode(text.substring(start)));
    int[] ids = out.toArray();
    for (int id : ids) {
      if (vocab.isAdded(id)) {
        // The library matched an added token we did not see, e.g. one marked "normalized" under a
        // normalizer that rewrites the text: spell it all as bytes, or refuse.
        if (vocab.isByteLevel()) {
          return encodeAlone(text);
        }
        throw new IllegalStateException(source + ": encoding untrusted text produced added token " + id);
      }
    }
    return ids;
  }

  /** Decodes {@code ids}, special tokens included. */
  public String decode(int[] ids) {
    return decode(ids, false);
  }

  /** Decodes {@code ids}; invalid UTF-8 becomes U+FFFD (see {@link StreamDecoder} for streaming). */
  public String decode(int[] ids, boolean skipSpecialTokens) {
    for (int id : ids) {
      checkId(id);
    }
    long[] l = Arrays.stream(ids).asLongStream().toArray();
    return call(() -> hf.decode(l, skipSpecialTokens));
  }

  /**
   * The id of an added token such as {@code <|im_end|>}.
   *
   * @throws IllegalArgumentException naming the file and the special tokens it does have
   */
  public int id(String specialToken) {
    Integer id = vocab.addedId(specialToken);
    if (id == null) {
      List<String> names = vocab.specialNames();
      throw new IllegalArgumentException(source + " has no special token '" + specialToken + "'; it has "
          + (names.size() > 24 ? names.subList(0, 24) + " and " + (names.size() - 24) + " more" : names));
    }
    return id;
  }

  /** Whether the vocabulary has the added token {@code content} (e.g. {@code <image>}). */
  public boolean hasToken(String content) {
    return vocab.addedId(content) != null;
  }

  /** Whether the vocabulary is byte-level BPE (every byte has a token; see {@link #byteToken}). */
  public boolean isByteLevel() {
    return vocab.isByteLevel();
  }

  /**
   * The id of the single-byte token for byte {@code b} of a byte-level vocabulary (the generated
   * tokenizer puts byte b at id 14 + b; real LFM2 tokenizers elsewhere).
   *
   * @throws IllegalStateException if the vocabulary is not byte-level
   */
  public int byteToken(int b) {
    if (!vocab.isByteLevel()) {
      throw new IllegalStateException(source + " is not a byte-level vocabulary: it has no token per byte");
    }
    return vocab.byteId(b);
  }

  /**
   * The bytes ordinary token {@code id} of a byte-level vocabulary emits (a fresh array), or null for an
   * added token (special or not) and for a {@code <|reserved_N|>} filler at its own id N that pads a
   * generated or project-trained vocabulary to the model's size (written by {@code TokenizerFiles}: no merge
   * spells it, so encoding never yields it and no model was trained on it) — null means generated text never
   * contains the token.
   *
   * @throws IllegalStateException if the vocabulary is not byte-level
   * @throws IllegalArgumentException if {@code id} is outside the vocabulary
   */
  public byte[] tokenBytes(int id) {
    if (!vocab.isByteLevel()) {
      throw new IllegalStateException(source + " is not a byte-level vocabulary: its tokens have no fixed bytes");
    }
    checkId(id);
    byte[] b = vocab.isAdded(id) ? null : vocab.bytes(id);
    if (b == null || new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).equals("<|reserved_" + id + "|>")) {
      return null;
    }
    return b.clone();
  }

  /** Whether {@code id} is a special token (one {@code decode(ids, true)} drops). */
  public boolean isSpecial(int id) {
    return vocab.isSpecial(id);
  }

  /** One more than the largest id, i.e. the rows of the embedding matrix it indexes. */
  public int vocabSize() {
    return vocab.size;
  }

  /** A decoder for one streamed reply that drops special tokens; see {@link StreamDecoder}. */
  public StreamDecoder streamDecoder() {
    return streamDecoder(true);
  }

  /** A decoder for one streamed reply; see {@link StreamDecoder}. */
  public StreamDecoder streamDecoder(boolean skipSpecialTokens) {
    return new StreamDecoder(this, skipSpecialTokens);
  }

  /** The tokenizer.json this was loaded from. */
  public Path source() {
    return source;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        hf.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  Vocabulary vocabulary() {
    return vocab;
  }

  void checkId(int id) {
    if (id < 0 || id >= vocab.size) {
      throw new IllegalArgumentException("token id " + id + " is outside the vocabulary (size " + vocab.size + ")");
    }
  }

  /** Text (one character, as a rule) spelled without any added token: its bytes, if byte-level. */
  private int[] encodeAlone(String ch) {
    if (vocab.isByteLevel()) {
      byte[] b = ch.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      int[] ids = new int[b.length];
      for (int k = 0; k < b.length; k++) {
        ids[k] = vocab.byteId(b[k]);
      }
      return ids;
    }
    int[] ids = encode(ch);
    for (int id : ids) {
      if (vocab.isAdded(id)) {
        throw new IllegalArgumentException(source + " spells '" + ch + "' only with added token " + id
            + " and has no byte-level fallback");
      }
    }
    return ids;
  }

  private <T> T call(Supplier<T> f) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("tokenizer " + source + " is closed");
      }
      return f.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private static int[] toInts(long[] ids) {
    int[] out = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  private static void goOffline() {
    if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
  }

  /** A growable int array, to avoid boxing while concatenating pieces. */
  private static final class IntList {
    private int[] a;
    private int n;

    IntList(int capacity) {
      a = new int[Math.max(capacity, 8)];
    }

    void addAll(int[] xs) {
      if (n + xs.length > a.length) {
        a = Arrays.copyOf(a, Math.max(a.length * 2, n + xs.length));
      }
      System.arraycopy(xs, 0, a, n, xs.length);
      n += xs.length;
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
