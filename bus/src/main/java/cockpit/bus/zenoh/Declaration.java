package cockpit.bus.zenoh;

import java.lang.foreign.MemorySegment;

/**
 * What subscribers, queryables and liveliness tokens share: one native handle, the key it was
 * declared on, and removal from its session when closed. Closing is idempotent.
 */
abstract sealed class Declaration implements AutoCloseable permits Subscriber, Queryable, LivelinessToken {
  private final NativeHandle handle;
  private final KeyExpr keyExpr;
  private final Session session;

  Declaration(Session session, MemorySegment ptr, KeyExpr keyExpr, String what, NativeHandle.Freer freer) {
    this.session = session;
    this.keyExpr = keyExpr;
    this.handle = new NativeHandle(what + " '" + keyExpr + "'", ptr, freer);
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
