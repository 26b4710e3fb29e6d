package cockpit.bus.zenoh;

/** A Zenoh operation failed; the message names the operation and gives Zenoh's own reason. */
public final class ZError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ZError(String message) {
    super(message);
  }

  public ZError(String message, Throwable cause) {
    super(message, cause);
  }
}
