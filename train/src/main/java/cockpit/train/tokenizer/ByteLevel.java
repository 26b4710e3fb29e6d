package cockpit.train.tokenizer;

import cockpit.npu.model.TokenizerFiles;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte-level pre-tokenization of the Hugging Face {@code ByteLevel} pre-tokenizer with
 * {@code use_regex: true, add_prefix_space: false}: split text with GPT-2's pattern, then spell each
 * piece's UTF-8 bytes in GPT-2's printable byte alphabet ({@link TokenizerFiles#byteChar}). Every
 * string round-trips, since every byte has a token. Stateless and thread-safe.
 */
public final class ByteLevel {
  /**
   * GPT-2's split pattern as the tokenizers library runs it (Oniguruma, Unicode classes): Java needs
   * {@link Pattern#UNICODE_CHARACTER_CLASS} for {@code \s} to mean Unicode White_Space as well.
   */
  static final Pattern SPLIT = Pattern.compile(
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
      Pattern.UNICODE_CHARACTER_CLASS);

  private static final char[] BYTE_CHAR = new char[256];
  private static final int[] CHAR_BYTE = new int[512];

  static {
    java.util.Arrays.fill(CHAR_BYTE, -1);
    for (int b = 0; b < 256; b++) {
      BYTE_CHAR[b] = TokenizerFiles.byteChar(b);
      CHAR_BYTE[BYTE_CHAR[b]] = b;
    }
  }

  private ByteLevel() {}

  /** The pieces of {@code text} in order, each spelled in the byte alphabet. */
  public static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = SPLIT.matcher(text);
    while (m.find()) {
      out.add(spell(m.group()));
    }
    return out;
  }

  /** {@code s}'s UTF-8 bytes, one alphabet character per byte. */
  public static String spell(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    char[] c = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      c[i] = BYTE_CHAR[bytes[i] & 0xFF];
    }
    return new String(c);
  }

  /** The alphabet character standing for byte {@code b}. */
  public static char charOf(int b) {
    return BYTE_CHAR[b & 0xFF];
  }

  /** The bytes a token spelled in the alphabet stands for. */
  public static byte[] bytes(String token) {
    byte[] out = new byte[token.length()];
    for (int i = 0; i < out.length; i++) {
      char c = token.charAt(i);
      int b = c < CHAR_BYTE.length ? CHAR_BYTE[c] : -1;
      if (b < 0) {
        throw new IllegalArgumentException("token '" + token + "' is not spelled in the byte alphabet");
      }
      out[i] = (byte) b;
    }
    return out;
  }
}
