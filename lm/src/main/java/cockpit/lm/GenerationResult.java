package cockpit.lm;

/**
 * The outcome of one generation. Immutable and thread-safe.
 *
 * @param ttftMs from the start of the turn (prefill included) to the first sampled token
 * @param contextTokens tokens in the state after the turn was closed
 */
public record GenerationResult(FinishReason reason, String text, String error, int promptTokens,
    int completionTokens, double ttftMs, double prefillMs, double decodeMs, int contextTokens, boolean compacted) {
  /** Decode speed over the completion (0 when nothing was generated). */
  public double tokensPerSecond() {
    return completionTokens <= 1 || decodeMs <= 0 ? 0 : (completionTokens - 1) / (decodeMs / 1000.0);
  }
}
