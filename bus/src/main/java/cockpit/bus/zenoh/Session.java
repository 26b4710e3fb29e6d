package cockpit.bus.zenoh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An open Zenoh session. Thread-safe. Owns everything declared through it: {@link #close} closes
 * those first (publishers, subscribers, queryables, tokens), then the session; closing is idempotent.
 * Do not close a session from inside one of its own callbacks (Zenoh's close waits for them).
 */
public final class Session implements AutoCloseable {
  private final NativeHandle handle;
  private final Set<AutoCloseable> declared = ConcurrentHashMap.newKeySet();
  private final Liveliness liveliness = new Liveliness(this);

  Session(MemorySegment ptr) {
    this.handle = new NativeHandle("session", ptr, p -> (int) Native.CLOSE.invokeExact(p));
  }

  /** This session's Zenoh id (hex). */
  public String zid() {
    return handle.use("zid", p -> {
      try (Arena a = Arena.ofConfined()) {
        MemorySegment buf = a.allocate(128);
        long n = (long) Native.ZID.invokeExact(p, buf, 128L);
        return Native.string(buf, Math.min(n, 128L));
      }
    });
  }

  public Publisher declarePublisher(KeyExpr key, PublisherOptions options) {
    byte[] k = utf8(key.toString());
    byte[] enc = options.encoding() == null ? null : utf8(options.encoding().value());
    MemorySegment ptr = handle.use("declarePublisher", p -> {
      try (Arena a = Arena.ofConfined()) {
        return (MemorySegment) Native.DECLARE_PUBLISHER.invokeExact(p, Native.bytes(a, k), (long) k.length,
            (byte) options.priority().value(), (byte) options.congestionControl().ordinal(),
            (byte) (options.express() ? 1 : 0), (byte) options.reliability().ordinal(),
            Native.bytes(a, enc), Native.len(enc));
      }
    });
    requireHandle(ptr, "declare a publisher on '" + key + "'");
    return track(new Publisher(this, ptr, key, options));
  }

  /** One-shot put with the QoS of {@code opts} (null for {@link PutOptions#DEFAULT}). */
  public void put(KeyExpr key, ZBytes payload, PutOptions opts) {
    PutOptions o = opts == null ? PutOptions.DEFAULT : opts;
    byte[] k = utf8(key.toString());
    byte[] att = o.attachment() == null ? null : o.attachment().raw();
    byte[] enc = o.encoding() == null ? null : utf8(o.encoding().value());
    handle.use("put", p -> {
      try (Arena a = Arena.ofConfined()) {
        int rc = (int) Native.PUT.invokeExact(p, Native.bytes(a, k), (long) k.length,
            Native.bytes(a, payload.raw()), (long) payload.size(), Native.bytes(a, att), Native.len(att),
            Native.bytes(a, enc), Native.len(enc), (byte) o.priority().value(),
            (byte) o.congestionControl().ordinal(), (byte) (o.express() ? 1 : 0));
        Native.check(rc, "put on '" + key + "'");
        return null;
      }
    });
  }

  public Subscriber declareSubscriber(KeyExpr key, Consumer<Sample> callback) {
    return declareSubscriber(key, callback, null);
  }

  /** Declares a subscriber; {@code onClose} (may be null) runs once after its last callback. */
  public Subscriber declareSubscriber(KeyExpr key, Consumer<Sample> callback, Runnable onClose) {
    byte[] k = utf8(key.toString());
    long ctx = Upcalls.register(new Upcalls.Handler(callback, null, null, onClose));
    MemorySegment ptr = declare(ctx, "declareSubscriber", p -> {
      try (Arena a = Arena.ofConfined()) {
        return (MemorySegment) Native.DECLARE_SUBSCRIBER.invokeExact(p, Native.bytes(a, k), (long) k.length,
            ctx, Upcalls.SAMPLE, Upcalls.DROP);
      }
    });
    return track(new Subscriber(this, ptr, key));
  }

  /**
   * Declares a queryable. {@code complete} tells queriers that it holds every key it matches.
   * The callback replies before returning; the binding then finishes the query.
   */
  public Queryable declareQueryable(KeyExpr key, Consumer<Query> callback, boolean complete) {
    byte[] k = utf8(key.toString());
    long ctx = Upcalls.register(new Upcalls.Handler(null, callback, null, null));
    MemorySegment ptr = declare(ctx, "declareQueryable", p -> {
      try (Arena a = Arena.ofConfined()) {
        return (MemorySegment) Native.DECLARE_QUERYABLE.invokeExact(p, Native.bytes(a, k), (long) k.length,
            (byte) (complete ? 1 : 0), ctx, Upcalls.QUERY, Upcalls.DROP);
      }
    });
    return track(new Queryable(this, ptr, key));
  }

  /**
   * Sends a query. {@code onReply} runs for each reply on Zenoh threads; {@code onDone} runs once
   * after the last one (all queryables finished, or the timeout passed).
   *
   * @param selector a key expression, optionally followed by {@code ?parameters}
   */
  public void get(String selector, GetOptions options, Consumer<Reply> onReply, Runnable onDone) {
    byte[] s = utf8(selector);
    byte[] pay = options.payload() == null ? null : options.payload().raw();
    byte[] att = options.attachment() == null ? null : options.attachment().raw();
    byte[] enc = options.encoding() == null ? null : utf8(options.encoding().value());
    long ctx = Upcalls.register(new Upcalls.Handler(null, null, onReply, onDone));
    int rc = handle.use("get", p -> {
      try (Arena a = Arena.ofConfined()) {
        return (int) Native.GET.invokeExact(p, Native.bytes(a, s), (long) s.length, Native.bytes(a, pay),
            Native.len(pay), Native.bytes(a, att), Native.len(att), Native.bytes(a, enc), Native.len(enc),
            options.timeout().toMillis(), (byte) options.target().ordinal(),
            (byte) options.consolidation().ordinal(), ctx, Upcalls.REPLY, Upcalls.DROP);
      }
    });
    if (rc != 0) {
      Upcalls.forget(ctx);
      throw Native.fail("get '" + selector + "'");
    }
  }

  /** Sends a query and completes with all replies once the get has finished. */
  public CompletableFuture<List<Reply>> get(String selector, GetOptions options) {
    List<Reply> replies = new ArrayList<>();
    CompletableFuture<List<Reply>> done = new CompletableFuture<>();
    get(selector, options, r -> {
      synchronized (replies) {
        replies.add(r);
      }
    }, () -> {
      synchronized (replies) {
        done.complete(List.copyOf(replies));
      }
    });
    return done;
  }

  /** Liveliness tokens, subscribers and queries of this session. */
  public Liveliness liveliness() {
    return liveliness;
  }

  public boolean isClosed() {
    return handle.isClosed();
  }

  /** Closes everything declared through this session, then the session. Idempotent. */
  @Override
  public void close() {
    for (AutoCloseable c : List.copyOf(declared)) {
      try {
        c.close();
      } catch (Exception e) {
        System.getLogger(Session.class.getName()).log(System.Logger.Level.WARNING,
            "closing a declaration failed; closing the session anyway", e);
      }
    }
    handle.close();
  }

  NativeHandle handle() {
    return handle;
  }

  <T extends AutoCloseable> T track(T declaration) {
    declared.add(declaration);
    return declaration;
  }

  void forget(AutoCloseable declaration) {
    declared.remove(declaration);
  }

  /** Runs a declaring downcall for a registered callback; unregisters it if the shim refused. */
  MemorySegment declare(long ctx, String what, NativeHandle.Call<MemorySegment> call) {
    MemorySegment ptr;
    try {
      ptr = handle.use(what, call);
    } catch (RuntimeException e) {
      Upcalls.forget(ctx);
      throw e;
    }
    if (ptr.equals(MemorySegment.NULL)) {
      Upcalls.forget(ctx);
      throw Native.fail(what);
    }
    return ptr;
  }

  static void requireHandle(MemorySegment ptr, String what) {
    if (ptr.equals(MemorySegment.NULL)) {
      throw Native.fail("cannot " + what);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
