package cockpit.bus.zenoh;

/**
 * A declared subscriber (or liveliness subscriber). Its callback runs on Zenoh threads, possibly
 * concurrently, and must return quickly: hand work off instead of blocking. {@link #close} is
 * idempotent and safe from inside the callback; the close callback given at declaration runs once,
 * after the last sample callback has returned.
 */
public final class Subscriber implements AutoCloseable {
  private final NativeHandle handle;
  private final KeyExpr keyExpr;
  private final Session session;

  Subscriber(Session session, java.lang.foreign.MemorySegment ptr, KeyExpr keyExpr) {
    this.session = session;
    this.keyExpr = keyExpr;
    this.handle = new NativeHandle("subscriber on '" + keyExpr + "'", ptr,
        p -> (int) Native.UNDECLARE_SUBSCRIBER.invokeExact(p));
  }

  public KeyExpr keyExpr() {
    return keyExpr;
  }

  @Override
  public void close() {
    handle.close();
    session.forget(this);
  }
}
