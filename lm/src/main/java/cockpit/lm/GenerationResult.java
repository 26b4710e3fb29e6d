package cockpit.lm;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one generation. Immutable and thread-safe.
 *
 * @param ttftMs from the start of the turn (prefill included) to the first sampled token
 * @param contextTokens tokens in the state after the turn was closed
 * @param tokens with {@link GenerationRequest#traceTokens()}: every sampled token in order, the end-of-turn
 *     token included when the turn ended on it; empty otherwise
 */
public record GenerationResult(FinishReason reason, String text, String error, int promptTokens,
    int completionTokens, double ttftMs, double prefillMs, double decodeMs, int contextTokens, boolean compacted,
    List<SampledToken> tokens) {
  public GenerationResult {
    tokens = List.copyOf(Objects.requireNonNull(tokens, "tokens"));
  }

  /** An untraced result. */
  public GenerationResult(FinishReason reason, String text, String error, int promptTokens, int completionTokens,
      double ttftMs, double prefillMs, double decodeMs, int contextTokens, boolean compacted) {
    this(reason, text, error, promptTokens, completionTokens, ttftMs, prefillMs, decodeMs, contextTokens, compacted,
        List.of());
  }

  /** Decode speed over the completion (0 when nothing was generated). */
  public double tokensPerSecond() {
    return completionTokens <= 1 || decodeMs <= 0 ? 0 : (completionTokens - 1) / (decodeMs / 1000.0);
  }
}
