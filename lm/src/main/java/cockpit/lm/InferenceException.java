package cockpit.lm;

/**
 * A decoder or encoder run failed or was cancelled part-way; the message says which and why. The
 * backend's own exception (e.g. ONNX Runtime's) is the cause, so no backend type leaks into callers.
 * Thrown on the thread that made the call; immutable once thrown.
 */
public final class InferenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InferenceException(String message, Throwable cause) {
    super(message, cause);
  }

  public InferenceException(String message) {
    super(message);
  }
}
