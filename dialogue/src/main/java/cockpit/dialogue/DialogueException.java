package cockpit.dialogue;

/** A turn or control request refused for a reason the caller can act on; the message says which. */
public final class DialogueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of refusal (maps onto {@code cockpit.v1.ErrorReason}). */
  public enum Kind {
    INVALID_ARGUMENT, UNKNOWN_SESSION, SESSION_LIMIT, BUSY_RESTORING, CONTEXT_FULL, SNAPSHOT_CORRUPT,
    /** A snapshot could not be written; reported, never a refusal (the reply still goes out). */
    SNAPSHOT_SAVE_FAILED,
    /** The session has {@code dialogue.max-pending-turns} utterances waiting already. */
    BUSY
  }

  private final Kind kind;

  public DialogueException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
