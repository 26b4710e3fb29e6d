package cockpit.npu.runtime;

/** A feed would pass the fixed KV capacity; the caller must compact or reset the conversation. */
public final class ContextFullException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ContextFullException(int position, int count, int capacity) {
    super("context full: " + position + " tokens held + " + count + " new > capacity " + capacity);
  }
}
