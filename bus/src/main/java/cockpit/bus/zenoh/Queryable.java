package cockpit.bus.zenoh;

/**
 * A declared queryable. Its callback runs on Zenoh threads and replies through the {@link Query}
 * before returning. {@link #close} is idempotent and safe from inside the callback.
 */
public final class Queryable extends Declaration {
  Queryable(Session session, java.lang.foreign.MemorySegment ptr, KeyExpr keyExpr) {
    super(session, ptr, keyExpr, "queryable on", p -> (int) Native.UNDECLARE_QUERYABLE.invokeExact(p));
  }
}
