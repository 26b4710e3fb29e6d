package cockpit.bus.zenoh;

/**
 * A declared queryable. Its callback runs on Zenoh threads and replies through the {@link Query}
 * before returning. {@link #close} is idempotent and safe from inside the callback.
 */
public final class Queryable implements AutoCloseable {
  private final NativeHandle handle;
  private final KeyExpr keyExpr;
  private final Session session;

  Queryable(Session session, java.lang.foreign.MemorySegment ptr, KeyExpr keyExpr) {
    this.session = session;
    this.keyExpr = keyExpr;
    this.handle = new NativeHandle("queryable on '" + keyExpr + "'", ptr,
        p -> (int) Native.UNDECLARE_QUERYABLE.invokeExact(p));
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
