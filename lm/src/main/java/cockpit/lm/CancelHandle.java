package cockpit.lm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Cancels one generation, or one run of a decoder or encoder, from any thread (barge-in). Loops check
 * {@link #cancelled()} between steps; a backend that can stop a run part-way attaches a {@link Hook}
 * (the ONNX Runtime backend: run options whose terminate flag {@link #cancel} sets), so no backend
 * type appears here.
 *
 * <p>Owned by whoever created it (a turn, a perception task), which closes it after the last run that
 * used it; {@link #close} closes the hooks. Thread-safe: {@link #cancel} may be called any number of
 * times from any thread, also after close (it then does nothing more).
 */
public final class CancelHandle implements AutoCloseable {
  /** A backend's way to stop a run in flight; created once per handle and backend, closed with the handle. */
  public interface Hook extends AutoCloseable {
    /** Stops the runs using this hook now and later; called at most once. */
    void terminate();

    @Override
    void close();
  }

  private final Map<Object, Hook> hooks = new LinkedHashMap<>();
  private volatile boolean cancelled;
  private boolean closed;

  /** Asks everything running under this handle to stop. */
  public void cancel() {
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      if (closed) {
        return;
      }
      hooks.values().forEach(Hook::terminate);
    }
  }

  public boolean cancelled() {
    return cancelled;
  }

  /**
   * The hook a backend keeps under {@code key}, made by {@code make} on first use; terminated at once
   * if the handle is already cancelled. For backends only.
   *
   * @throws IllegalStateException if the handle is closed
   */
  public synchronized <H extends Hook> H hook(Object key, Class<H> type, Supplier<H> make) {
    if (closed) {
      throw new IllegalStateException("the cancel handle is closed");
    }
    Hook h = hooks.get(key);
    if (h == null) {
      h = make.get();
      hooks.put(key, h);
      if (cancelled) {
        h.terminate();
      }
    }
    return type.cast(h);
  }

  /** Closes the hooks; the handle keeps answering {@link #cancelled()}. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    hooks.values().forEach(Hook::close);
    hooks.clear();
  }
}
