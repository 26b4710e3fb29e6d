package cockpit.lm;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one lifetime every model resource of this module shares (decoders, decoder states, vision
 * encoders, the language model; ONNX Runtime and plain-Java backends alike): it is freed exactly
 * once, never under a call in flight, and fails clearly once closed.
 *
 * <p>Each public operation runs between {@link #acquire} and {@link #release} (usually through
 * {@link #use}). {@link #close} marks the resource closed and returns at once: if no call is in
 * flight it frees the resource itself, otherwise the last call to finish frees it on its own thread.
 * A call that starts after {@code close} throws {@link IllegalStateException} naming the resource.
 * So closing an encoder while another thread encodes is safe: that encode completes, then the native
 * session is freed. The pattern is the reference count with a closed flag that ONNX Runtime's Java
 * binding keeps around its native handles.
 *
 * <p>Thread-safe. State lives in one int: the sign bit says closed, the other bits count calls in
 * flight, so a single compare-and-set decides who frees.
 */
public abstract class NativeResource implements AutoCloseable {
  private static final int CLOSED = Integer.MIN_VALUE;
  private static final int COUNT = Integer.MAX_VALUE;

  private final AtomicInteger state = new AtomicInteger();
  private final CountDownLatch freed = new CountDownLatch(1);
  private final String name;

  /** @param name what the resource is, for error messages (e.g. {@code "ORT decoder tiny-seed42"}) */
  protected NativeResource(String name) {
    this.name = java.util.Objects.requireNonNull(name, "name");
  }

  /** A body run while the resource is held; may throw the checked exception {@code E}. */
  @FunctionalInterface
  public interface Call<T, E extends Exception> {
    T run() throws E;
  }

  /**
   * Marks a call in flight.
   *
   * @throws IllegalStateException if the resource is closed
   */
  protected final void acquire() {
    while (true) {
      int s = state.get();
      if (s < 0) {
        throw new IllegalStateException(name + " is closed");
      }
      if ((s & COUNT) == COUNT) {
        throw new IllegalStateException(name + ": too many calls in flight");
      }
      if (state.compareAndSet(s, s + 1)) {
        return;
      }
    }
  }

  /** Ends a call begun with {@link #acquire}; frees the resource when it was closed meanwhile and this was the last call. */
  protected final void release() {
    if (state.decrementAndGet() == CLOSED) {
      freeOnce();
    }
  }

  /** Runs {@code body} with the resource held. */
  protected final <T, E extends Exception> T use(Call<T, E> body) throws E {
    acquire();
    try {
      return body.run();
    } finally {
      release();
    }
  }

  /** Whether {@link #close} was called (the resource may still be finishing calls in flight). */
  public final boolean isClosed() {
    return state.get() < 0;
  }

  /**
   * Closes the resource: idempotent, never blocks. It is freed now, or by the last call in flight
   * when that call finishes.
   */
  @Override
  public final void close() {
    while (true) {
      int s = state.get();
      if (s < 0) {
        return;
      }
      if (state.compareAndSet(s, s | CLOSED)) {
        if (s == 0) {
          freeOnce();
        }
        return;
      }
    }
  }

  /**
   * Waits until the resource is freed (closed, and its last call in flight finished). For owners that
   * must free something the resource depends on afterwards, e.g. the ONNX Runtime session options.
   *
   * @return false if {@code timeout} passed first
   */
  public final boolean awaitFreed(long timeout, TimeUnit unit) throws InterruptedException {
    return freed.await(timeout, unit);
  }

  private void freeOnce() {
    try {
      free();
    } finally {
      freed.countDown();
    }
  }

  /**
   * Frees what the resource holds. Called exactly once, with no call in flight, on the thread of
   * {@link #close} or of the last call to finish. Must not throw.
   */
  protected abstract void free();

  /** The name given at construction. */
  public final String resourceName() {
    return name;
  }
}
