package cockpit.bus.zenoh;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Owns one shim handle (session, publisher, subscriber, …) and frees it exactly once.
 *
 * <p>Downcalls hold the read lock for their duration, {@link #close} takes the write lock, so a
 * handle is never freed under an in-flight call and never used after it was freed. Closing is
 * idempotent. Closing from inside one of the handle's own callbacks is safe because undeclaring in
 * the shim does not wait for running callbacks.
 */
final class NativeHandle {
  /** Frees the native side of a handle; returns the shim's status code. */
  @FunctionalInterface
  interface Freer {
    int free(MemorySegment ptr) throws Throwable;
  }

  /** Runs a downcall with the pointer while the handle is guaranteed alive. */
  @FunctionalInterface
  interface Call<T> {
    T call(MemorySegment ptr) throws Throwable;
  }

  private final String what;
  private final MemorySegment ptr;
  private final Freer freer;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  NativeHandle(String what, MemorySegment ptr, Freer freer) {
    this.what = what;
    this.ptr = ptr;
    this.freer = freer;
  }

  <T> T use(String operation, Call<T> call) {
    var read = lock.readLock();
    read.lock();
    try {
      if (closed) {
        throw new ZError(operation + " on " + what + ": it is closed");
      }
      return call.call(ptr);
    } catch (Throwable t) {
      throw Native.wrap(operation + " on " + what, t);
    } finally {
      read.unlock();
    }
  }

  boolean isClosed() {
    var read = lock.readLock();
    read.lock();
    try {
      return closed;
    } finally {
      read.unlock();
    }
  }

  /** Frees the native handle once; later calls return without effect. */
  void close() {
    var write = lock.writeLock();
    write.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      Native.check(freer.free(ptr), "closing " + what);
    } catch (Throwable t) {
      throw Native.wrap("closing " + what, t);
    } finally {
      write.unlock();
    }
  }

  String what() {
    return what;
  }
}
