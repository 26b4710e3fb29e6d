package cockpit.bus.zenoh;

/**
 * A declared subscriber (or liveliness subscriber). Its callback runs on Zenoh threads, possibly
 * concurrently, and must return quickly: hand work off instead of blocking. {@link #close} is
 * idempotent and safe from inside the callback; the close callback given at declaration runs once,
 * after the last sample callback has returned.
 */
public final class Subscriber extends Declaration {
  Subscriber(Session session, java.lang.foreign.MemorySegment ptr, KeyExpr keyExpr) {
    super(session, ptr, keyExpr, "subscriber on", p -> (int) Native.UNDECLARE_SUBSCRIBER.invokeExact(p));
  }
}
