package cockpit.bus.zenoh;

/**
 * A liveliness token: peers that subscribe to its key see it alive while it is declared and gone
 * when it is closed or this session disappears. Idempotent close.
 */
public final class LivelinessToken implements AutoCloseable {
  private final NativeHandle handle;
  private final KeyExpr keyExpr;
  private final Session session;

  LivelinessToken(Session session, java.lang.foreign.MemorySegment ptr, KeyExpr keyExpr) {
    this.session = session;
    this.keyExpr = keyExpr;
    this.handle = new NativeHandle("liveliness token '" + keyExpr + "'", ptr,
        p -> (int) Native.TOKEN_UNDECLARE.invokeExact(p));
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
