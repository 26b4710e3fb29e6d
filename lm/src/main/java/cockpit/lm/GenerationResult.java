package cockpit.lm;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one generation. Immutable and thread-safe (the token array is copied in and out).
 *
 * @param ttftMs from the start of the turn (prefill included) to the first sampled token
 * @param contextTokens tokens in the state after the turn was closed
 * @param stateTokens the ids this generation left in the decoder state, in order: the sampled tokens that
 *     were fed back (the last sampled token is not fed when the budget, a stop string or the context end
 *     stopped the loop), then the closing {@code <|im_end|>\n} when it fit. Re-prefilling exactly these
 *     ids after the prompt rebuilds the same state, which is how a session keeps a reply across
 *     compaction without re-encoding its text
 * @param tokens with {@link GenerationRequest#traceTokens()}: every sampled token in order, the end-of-turn
 *     token included when the turn ended on it; empty otherwise
 */
public record GenerationResult(FinishReason reason, String text, String error, int promptTokens,
    int completionTokens, double ttftMs, double prefillMs, double decodeMs, int contextTokens, boolean compacted,
    int[] stateTokens, List<SampledToken> tokens) {
  public GenerationResult {
    stateTokens = stateTokens == null ? new int[0] : stateTokens.clone();
    tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
  }

  /** An untraced result that left no reply tokens in the state (e.g. cancelled before the first token). */
  public GenerationResult(FinishReason reason, String text, String error, int promptTokens, int completionTokens,
      double ttftMs, double prefillMs, double decodeMs, int contextTokens, boolean compacted) {
    this(reason, text, error, promptTokens, completionTokens, ttftMs, prefillMs, decodeMs, contextTokens, compacted,
        null, List.of());
  }

  @Override
  public int[] stateTokens() {
    return stateTokens.clone();
  }

  /** Decode speed over the completion (0 when nothing was generated). */
  public double tokensPerSecond() {
    return completionTokens <= 1 || decodeMs <= 0 ? 0 : (completionTokens - 1) / (decodeMs / 1000.0);
  }
}
