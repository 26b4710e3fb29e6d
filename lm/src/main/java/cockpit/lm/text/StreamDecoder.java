package cockpit.lm.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental detokenization of one streamed reply: {@link #push} takes the next generated id and
 * returns only the text it completes, {@link #flush} the rest when the reply ends.
 *
 * <p>A byte-level BPE splits multi-byte UTF-8 characters across tokens, so a token may complete
 * nothing; the bytes wait until their character is whole. Nothing returned ever holds a partial
 * character or U+FFFD made up by the decoder: malformed bytes (a random model emits them) are
 * dropped, and so is an incomplete character left at {@link #flush}. For a byte-level vocabulary
 * this needs no native call: ids map to bytes through the vocabulary read at load. Other
 * vocabularies fall back to decoding a short window with the tokenizer and emitting the difference
 * once it no longer ends in U+FFFD (the U+FFFD it spells for malformed bytes are dropped too).
 *
 * <p>Not thread-safe: one per reply, fed from one thread. Holds no native resource; reusable after
 * {@link #flush}.
 */
public final class StreamDecoder {
  private static final char REPLACEMENT = '\uFFFD';

  private final Tokenizer tokenizer;
  private final Vocabulary vocab;
  private final boolean skipSpecialTokens;
  // Byte-level path: undecoded bytes (write mode between calls) and the decoded chars.
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.IGNORE).onUnmappableCharacter(CodingErrorAction.IGNORE);
  private ByteBuffer bytes = ByteBuffer.allocate(64);
  private CharBuffer chars = CharBuffer.allocate(64);
  // Fallback path: ids already emitted (context for the decoder) followed by pending ones.
  private int[] window = new int[16];
  private int windowLength;
  private int emittedIds;
  private String emittedText = "";

  StreamDecoder(Tokenizer tokenizer, boolean skipSpecialTokens) {
    this.tokenizer = tokenizer;
    this.vocab = tokenizer.vocabulary();
    this.skipSpecialTokens = skipSpecialTokens;
  }

  /**
   * Takes the next token of the reply.
   *
   * @return the text this token completes, possibly empty
   * @throws IllegalArgumentException for an id outside the vocabulary
   */
  public String push(int id) {
    tokenizer.checkId(id);
    if (!vocab.isByteLevel()) {
      return pushWindow(id);
    }
    byte[] b = vocab.bytes(id);
    if (b == null) {
      throw new IllegalArgumentException("token id " + id + " has no entry in " + tokenizer.source());
    }
    if (skipSpecialTokens && vocab.isSpecial(id)) {
      return "";
    }
    if (bytes.remaining() < b.length) {
      bytes = ByteBuffer.allocate(Math.max(bytes.capacity() * 2, bytes.position() + b.length)).put(bytes.flip());
    }
    bytes.put(b);
    return decode(false);
  }

  /** Ends the reply: returns what is still held back (an incomplete last character is dropped). */
  public String flush() {
    if (!vocab.isByteLevel()) {
      String rest = suffix(decodeWindow()).replace(String.valueOf(REPLACEMENT), "");
      windowLength = emittedIds = 0;
      emittedText = "";
      return rest;
    }
    String s = decode(true);
    utf8.reset();
    bytes.clear();
    return s;
  }

  private String decode(boolean endOfInput) {
    bytes.flip();
    if (chars.capacity() < bytes.remaining()) { // UTF-8 never yields more chars than bytes
      chars = CharBuffer.allocate(bytes.remaining());
    }
    chars.clear();
    utf8.decode(bytes, chars, endOfInput); // UNDERFLOW: an incomplete character stays in `bytes`
    if (endOfInput) {
      utf8.flush(chars);
    }
    bytes.compact();
    return chars.flip().toString();
  }

  private String pushWindow(int id) {
    if (windowLength == window.length) {
      window = Arrays.copyOf(window, window.length * 2);
    }
    window[windowLength++] = id;
    String text = decodeWindow();
    if (text.length() <= emittedText.length() || text.charAt(text.length() - 1) == REPLACEMENT
        || !text.startsWith(emittedText)) {
      return "";
    }
    // The tokenizer spells malformed bytes as U+FFFD; drop them as the byte-level path does.
    String out = text.substring(emittedText.length()).replace(String.valueOf(REPLACEMENT), "");
    // Keep the ids just emitted as context: decoders such as Metaspace spell a token differently at
    // the start of a text, so the next step decodes them again and emits only the difference.
    int pending = windowLength - emittedIds;
    System.arraycopy(window, emittedIds, window, 0, pending);
    windowLength = emittedIds = pending;
    emittedText = decodeWindow();
    return out;
  }

  private String decodeWindow() {
    return tokenizer.decode(Arrays.copyOf(window, windowLength), skipSpecialTokens);
  }

  private String suffix(String text) {
    return text.startsWith(emittedText) ? text.substring(emittedText.length()) : "";
  }
}
