package cockpit.train.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded strings that stress a byte-level tokenizer: Unicode, whitespace runs, JSON, special tokens. */
final class TestStrings {
  private static final String[] FRAGMENTS = {"hello", " world", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000",
      "don't", "it's", "we'll", "I'M", "{\"seats\":[{\"row\":1,\"position\":\"driver_side\"}]}", "3.14", "-12",
      "0042", "Grüße", " Ærø", "Straße", "Привет", " мир", "日本語", "の", "😀", "👍🏽", "e\u0301", "ﬁ",
      "<|im_start|>", "<|im_end|>", "<image>", "<|image_start|>", "<|image_end|>", "<|pad|>", "<|im_",
      "<im_end>", "?!", "...", "—", "°C", "€5", "#", "@", "\\", "`code`", "\u200b", "\u2028", "\u0085"};

  private TestStrings() {}

  /** {@code n} strings from {@code seed}: fragment mixes and random code points (no lone surrogates). */
  static List<String> seeded(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>(List.of("", " ", "a", "  leading and trailing  ", "\n\n\n"));
    while (out.size() < n) {
      StringBuilder sb = new StringBuilder();
      for (int k = 1 + r.nextInt(12); k > 0; k--) {
        if (r.nextInt(4) == 0) {
          sb.appendCodePoint(randomCodePoint(r));
        } else {
          sb.append(FRAGMENTS[r.nextInt(FRAGMENTS.length)]);
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static int randomCodePoint(SplittableRandom r) {
    while (true) {
      int cp = switch (r.nextInt(4)) {
        case 0 -> 0x20 + r.nextInt(0x5f);
        case 1 -> r.nextInt(0x800);
        case 2 -> r.nextInt(0x10000);
        default -> 0x10000 + r.nextInt(0x20000);
      };
      if ((cp < 0xD800 || cp > 0xDFFF) && Character.isDefined(cp)) {
        return cp;
      }
    }
  }
}
