package cockpit.lm.generate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HexFormat;

/**
 * Keeps one generated document inside a {@link JsonSchemaGrammar}: before each step,
 * {@link #allowed()} gives the token ids that keep the output a prefix of some document (plus
 * end-of-turn exactly when the document is complete); after sampling, {@link #accept} records the
 * chosen token. Every length in the grammar is bounded and only closing bytes remain once a bound is
 * reached, so a document completes within {@link #tokenBudget()} tokens, provided the vocabulary has a
 * single-byte token for each byte (byte-level BPE vocabularies do). One decoder per generation; not
 * thread-safe. Masks come from the shared {@link TokenMasks}.
 */
public final class ConstrainedDecoder {
  private final TokenMasks masks;
  private final ByteArrayOutputStream text = new ByteArrayOutputStream();
  private GrammarState state;
  private boolean finished;

  ConstrainedDecoder(TokenMasks masks) {
    this.masks = masks;
    this.state = masks.grammar().start();
  }

  /** A decoder with its own mask cache; prefer {@link TokenMasks#newDecoder()} to share masks. */
  public static ConstrainedDecoder of(JsonSchemaGrammar grammar, TokenBytes tokens) {
    return new TokenMasks(grammar, tokens).newDecoder();
  }

  /**
   * The ids that may come next, as a fresh set the caller owns.
   *
   * @throws IllegalStateException after end-of-turn was accepted
   */
  public BitSet allowed() {
    requireOpen();
    return (BitSet) masks.mask(state).clone();
  }

  /**
   * True when the grammar leaves no choice at this step: every allowed token spells a prefix of the one byte
   * string the document must continue with (a single-byte vocabulary: exactly one allowed token), or only
   * end-of-turn is allowed. A token sampled here tells nothing about what the model believes, only how it
   * splits forced text, so confidence measures leave it out.
   *
   * @throws IllegalStateException after end-of-turn was accepted
   */
  public boolean forced() {
    requireOpen();
    return masks.forced(state);
  }

  /**
   * Appends a token.
   *
   * @throws IllegalArgumentException if the token is not in {@link #allowed()}; the decoder is unchanged
   * @throws IllegalStateException after end-of-turn was accepted
   */
  public void accept(int token) {
    requireOpen();
    TokenBytes tokens = masks.tokens();
    if (token == tokens.endOfTurn()) {
      if (!state.complete()) {
        throw new IllegalArgumentException("end of turn (token " + token + ") is not allowed: the document is"
            + " incomplete after \"" + tail() + "\"");
      }
      finished = true;
      return;
    }
    byte[] bytes = tokens.bytes(token);
    if (bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("token " + token + " emits no bytes (special or reserved) and cannot be part"
          + " of the document");
    }
    GrammarState s = state;
    for (byte b : bytes) {
      s = s.step(b & 0xFF);
      if (s == null) {
        throw new IllegalArgumentException("token " + token + " (bytes " + HexFormat.ofDelimiter(" ").formatHex(bytes)
            + ") cannot follow \"" + tail() + "\" in the schema's grammar");
      }
    }
    state = s;
    text.writeBytes(bytes);
  }

  /** True when the text so far is a whole document (end-of-turn is allowed). */
  public boolean complete() {
    return state.complete();
  }

  /** True once end-of-turn was accepted. */
  public boolean finished() {
    return finished;
  }

  /** The document so far, decoded as UTF-8. */
  public String text() {
    return text.toString(StandardCharsets.UTF_8);
  }

  /** Most tokens a document can take, end-of-turn included: every other token emits at least one byte. */
  public long tokenBudget() {
    return masks.grammar().maxBytes() + 1;
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("the document is finished: end of turn was accepted");
    }
  }

  private String tail() {
    String t = text();
    return t.length() <= 40 ? t : "…" + t.substring(t.length() - 40);
  }
}
