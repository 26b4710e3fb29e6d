package cockpit.perception.task;

import cockpit.lm.SampledToken;
import cockpit.lm.generate.TokenBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How sure the model was of each part of one answer, from its own token probabilities — never from a
 * number it writes. A detection's confidence is the <b>minimum</b>, over the <i>choice</i> tokens that
 * decide what the detection says, of the probability the model gave the token it took (softmax over the
 * tokens the grammar allowed, renormalised: {@link SampledToken#probability()}). Forced tokens (the grammar
 * left no choice: {@link SampledToken#forced()}) do not count; with none left the confidence is 1.
 *
 * <p>The tokens that decide a detection are those overlapping, in the answer's bytes:
 * <ul>
 *   <li>the item's <i>existence</i> when it is an array element: from the end of the previous element (or
 *       the {@code [}) to the element's first byte, i.e. the {@code ,}/{@code ]} or {@code {}/{@code ]}
 *       choice that opened it;
 *   <li>the values of the fields the detection is built from, or every byte of the item
 *       ({@link #of(String, String...)}).
 * </ul>
 * Minimum, not product: a confidence threshold then means the same for an item of three choices and one
 * of twelve (a product shrinks with length: an eight-character sign text would score lower than a seat
 * for the same certainty per choice), and it is the probability of the least certain decision — the one
 * most likely wrong. It bounds the joint probability of the item's choices from above. A model that is sure
 * gives about 1; a random one about 1/k for a k-way choice.
 *
 * <p>Immutable and thread-safe once built; built per answer on the inference thread.
 */
public final class AnswerConfidence implements ItemConfidence {
  /** Byte range [start, end) of a value, and of an array element's existence decision (start = end when none). */
  private record Span(int start, int end, int existStart, int existEnd) {}

  private final Map<String, Span> spans = new HashMap<>();
  private final int[] tokenStart;
  private final int[] tokenEnd;
  private final float[] probability;

  private AnswerConfidence(int[] tokenStart, int[] tokenEnd, float[] probability) {
    this.tokenStart = tokenStart;
    this.tokenEnd = tokenEnd;
    this.probability = probability;
  }

  /**
   * @param answer the generated document (compact JSON the task's grammar accepted)
   * @param tokens the generation's token trace; tokens that emit no bytes (end of turn) are skipped
   * @param vocab the bytes each token emitted under the constraint
   * @throws IllegalArgumentException if the traced tokens do not spell {@code answer} or it is not compact JSON
   */
  public static AnswerConfidence of(String answer, List<SampledToken> tokens, TokenBytes vocab) {
    byte[] doc = Objects.requireNonNull(answer, "answer").getBytes(StandardCharsets.UTF_8);
    List<int[]> ranges = new ArrayList<>();
    List<Float> probs = new ArrayList<>();
    int at = 0;
    for (SampledToken t : tokens) {
      byte[] b = vocab.bytes(t.id());
      if (b == null || b.length == 0) {
        continue;
      }
      if (at + b.length > doc.length || !java.util.Arrays.equals(doc, at, at + b.length, b, 0, b.length)) {
        throw new IllegalArgumentException("the token trace does not spell the answer at byte " + at + ": " + answer);
      }
      if (!t.forced()) {
        ranges.add(new int[] {at, at + b.length});
        probs.add(t.probability());
      }
      at += b.length;
    }
    if (at != doc.length) {
      throw new IllegalArgumentException("the token trace spells " + at + " of the answer's " + doc.length + " bytes");
    }
    int[] start = new int[ranges.size()];
    int[] end = new int[ranges.size()];
    float[] p = new float[ranges.size()];
    for (int i = 0; i < p.length; i++) {
      start[i] = ranges.get(i)[0];
      end[i] = ranges.get(i)[1];
      p[i] = probs.get(i);
    }
    AnswerConfidence c = new AnswerConfidence(start, end, p);
    new JsonSpans(doc, c.spans).document();
    return c;
  }

  @Override
  public float of(String pointer, String... fields) {
    Span s = span(pointer);
    float m = min(s.existStart(), s.existEnd());
    if (fields.length == 0) {
      return Math.min(m, min(s.start(), s.end()));
    }
    for (String f : fields) {
      Span v = span(pointer + "/" + f);
      m = Math.min(m, min(v.start(), v.end()));
    }
    return m;
  }

  private Span span(String pointer) {
    Span s = spans.get(pointer);
    if (s == null) {
      throw new IllegalArgumentException("the answer has no value at \"" + pointer + "\"");
    }
    return s;
  }

  /** Least probability of a choice token overlapping [from, to); 1 when none does. */
  private float min(int from, int to) {
    float m = 1f;
    for (int i = 0; i < probability.length && from < to; i++) {
      if (tokenStart[i] < to && from < tokenEnd[i]) {
        m = Math.min(m, probability[i]);
      }
    }
    return m;
  }

  /** A recursive-descent walk of compact JSON recording each value's span under its JSON pointer. */
  private static final class JsonSpans {
    private final byte[] doc;
    private final Map<String, Span> out;
    private int pos;

    JsonSpans(byte[] doc, Map<String, Span> out) {
      this.doc = doc;
      this.out = out;
    }

    void document() {
      value("", 0, 0);
      if (pos != doc.length) {
        throw error("trailing bytes");
      }
    }

    private void value(String pointer, int existStart, int existEnd) {
      int start = pos;
      switch (peek()) {
        case '{' -> object(pointer);
        case '[' -> array(pointer);
        case '"' -> string();
        default -> scalar();
      }
      out.put(pointer, new Span(start, pos, existStart, existEnd));
    }

    private void object(String pointer) {
      pos++;
      if (peek() == '}') {
        pos++;
        return;
      }
      while (true) {
        int keyStart = pos;
        string();
        String key = new String(doc, keyStart + 1, pos - keyStart - 2, StandardCharsets.UTF_8);
        expect(':');
        value(pointer + "/" + key.replace("~", "~0").replace("/", "~1"), 0, 0);
        if (next('}') == '}') {
          return;
        }
      }
    }

    private void array(String pointer) {
      pos++;
      int previousEnd = pos;
      if (peek() == ']') {
        pos++;
        return;
      }
      for (int i = 0; ; i++) {
        value(pointer + "/" + i, previousEnd, pos + 1);
        previousEnd = pos;
        if (next(']') == ']') {
          return;
        }
      }
    }

    private void string() {
      expect('"');
      while (peek() != '"') {
        pos += peek() == '\\' ? 2 : 1;
      }
      pos++;
    }

    private void scalar() {
      int start = pos;
      while (pos < doc.length && ",}]".indexOf(doc[pos]) < 0) {
        pos++;
      }
      if (pos == start) {
        throw error("a value");
      }
    }

    /** Consumes ',' or {@code close}. */
    private int next(char close) {
      int c = peek();
      if (c != ',' && c != close) {
        throw error("',' or '" + close + "'");
      }
      pos++;
      return c;
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("'" + c + "'");
      }
      pos++;
    }

    private int peek() {
      if (pos >= doc.length) {
        throw error("more bytes");
      }
      return doc[pos];
    }

    private IllegalArgumentException error(String wanted) {
      return new IllegalArgumentException("not compact JSON at byte " + pos + " (expected " + wanted + "): "
          + new String(doc, StandardCharsets.UTF_8));
    }
  }
}
