package cockpit.bus.zenoh;

/**
 * A Zenoh operation failed; the message names the operation and gives Zenoh's own reason, and
 * {@link #kind()} says what failed without reading the text.
 */
public final class ZError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What failed, from the shim's error code ({@code bus/native/ABI.md}). */
  public enum Kind {
    /** The Zenoh core refused or failed the operation (code -1). */
    ZENOH,
    /** An argument was refused before reaching Zenoh: bounds, encoding, NULL (code -2, -3). */
    INVALID_ARGUMENT,
    /**
     * A panic inside the Zenoh core or the shim, contained at the ABI boundary (code -99). The call
     * failed; the library stays usable, but the Zenoh state the panic touched may not be.
     */
    PANIC,
    /** Failed on the Java side (closed handle, FFM error). */
    JAVA;

    static Kind ofCode(int code) {
      return switch (code) {
        case -1 -> ZENOH;
        case -2, -3 -> INVALID_ARGUMENT;
        case -99 -> PANIC;
        default -> JAVA;
      };
    }
  }

  private final Kind kind;

  public ZError(String message) {
    this(Kind.JAVA, message);
  }

  public ZError(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ZError(String message, Throwable cause) {
    super(message, cause);
    this.kind = Kind.JAVA;
  }

  public Kind kind() {
    return kind;
  }
}
