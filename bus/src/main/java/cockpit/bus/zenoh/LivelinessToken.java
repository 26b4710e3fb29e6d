package cockpit.bus.zenoh;

/**
 * A liveliness token: peers that subscribe to its key see it alive while it is declared and gone
 * when it is closed or this session disappears. Idempotent close.
 */
public final class LivelinessToken extends Declaration {
  LivelinessToken(Session session, java.lang.foreign.MemorySegment ptr, KeyExpr keyExpr) {
    super(session, ptr, keyExpr, "liveliness token", p -> (int) Native.TOKEN_UNDECLARE.invokeExact(p));
  }
}
