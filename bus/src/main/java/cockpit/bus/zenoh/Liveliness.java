package cockpit.bus.zenoh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.function.Consumer;

/** Liveliness of one session: tokens it declares, and subscribers and queries on others' tokens. */
public final class Liveliness {
  private final Session session;

  Liveliness(Session session) {
    this.session = session;
  }

  public LivelinessToken declareToken(KeyExpr key) {
    byte[] k = Session.utf8(key.toString());
    MemorySegment ptr = session.handle().use("declareToken", p -> {
      try (Arena a = Arena.ofConfined()) {
        return (MemorySegment) Native.TOKEN_DECLARE.invokeExact(p, Native.bytes(a, k), (long) k.length);
      }
    });
    Session.requireHandle(ptr, "declare liveliness token '" + key + "'");
    return session.track(new LivelinessToken(session, ptr, key));
  }

  /**
   * Subscribes to tokens matching {@code key}: a PUT sample when one appears, DELETE when it goes.
   * With {@code history}, tokens alive now are reported at once.
   */
  public Subscriber declareSubscriber(KeyExpr key, Consumer<Sample> callback, boolean history) {
    byte[] k = Session.utf8(key.toString());
    long ctx = Upcalls.register(new Upcalls.Handler(callback, null, null, null));
    MemorySegment ptr = session.declare(ctx, "declare liveliness subscriber on '" + key + "'", p -> {
      try (Arena a = Arena.ofConfined()) {
        return (MemorySegment) Native.LIVELINESS_SUBSCRIBER.invokeExact(p, Native.bytes(a, k), (long) k.length,
            (byte) (history ? 1 : 0), ctx, Upcalls.SAMPLE, Upcalls.DROP);
      }
    });
    return session.track(new Subscriber(session, ptr, key));
  }

  /** Queries the tokens alive now; one success reply per token, then {@code onDone}. */
  public void get(KeyExpr key, Duration timeout, Consumer<Reply> onReply, Runnable onDone) {
    byte[] k = Session.utf8(key.toString());
    long ctx = Upcalls.register(new Upcalls.Handler(null, null, onReply, onDone));
    int rc = session.handle().use("liveliness get", p -> {
      try (Arena a = Arena.ofConfined()) {
        return (int) Native.LIVELINESS_GET.invokeExact(p, Native.bytes(a, k), (long) k.length, timeout.toMillis(),
            ctx, Upcalls.REPLY, Upcalls.DROP);
      }
    });
    if (rc != 0) {
      Upcalls.forget(ctx);
      throw Native.fail("liveliness get '" + key + "'");
    }
  }
}
