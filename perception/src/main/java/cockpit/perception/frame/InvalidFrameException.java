package cockpit.perception.frame;

/**
 * A camera frame that cannot be decoded; the message says exactly why (size, stride, byte count,
 * the image reader's complaint). Checked on purpose: frames come from another ECU, so a bad one is
 * an expected input that every caller must handle (drop and count it), not a programming error.
 */
public final class InvalidFrameException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidFrameException(String message) {
    super(message);
  }

  public InvalidFrameException(String message, Throwable cause) {
    super(message, cause);
  }
}
