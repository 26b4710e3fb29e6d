package cockpit.lm;

/** Why a generation ended; maps one to one onto {@code cockpit.v1.FinishReason}. Immutable and thread-safe. */
public enum FinishReason {
  /** The model ended its turn ({@code <|im_end|>}). */
  STOP,
  /** A configured stop string appeared (it is not part of the reply). */
  STOP_STRING,
  /** The reply reached max new tokens. */
  LENGTH,
  /** The context is full even after compaction. */
  CONTEXT_FULL,
  /** Barge-in or an explicit cancel. */
  CANCELLED,
  /** Inference failed; the message says why. */
  ERROR
}
