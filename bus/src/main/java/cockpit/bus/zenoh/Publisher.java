package cockpit.bus.zenoh;

import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;

/**
 * A declared publisher on one key expression with fixed QoS. Thread-safe; {@link #close} is
 * idempotent and waits for puts in flight. A put with congestion BLOCK may block the caller while
 * the link is congested, so never put from a Vert.x event loop with BLOCK.
 */
public final class Publisher implements AutoCloseable {
  private final NativeHandle handle;
  private final KeyExpr keyExpr;
  private final PublisherOptions options;
  private final Session session;

  Publisher(Session session, java.lang.foreign.MemorySegment ptr, KeyExpr keyExpr, PublisherOptions options) {
    this.session = session;
    this.keyExpr = keyExpr;
    this.options = options;
    this.handle = new NativeHandle("publisher on '" + keyExpr + "'", ptr,
        p -> (int) Native.UNDECLARE_PUBLISHER.invokeExact(p));
  }

  public KeyExpr keyExpr() {
    return keyExpr;
  }

  public PublisherOptions options() {
    return options;
  }

  public void put(ZBytes payload) {
    put(payload, null);
  }

  /** Puts {@code payload} with the attachment and encoding of {@code opts} (null for none). */
  public void put(ZBytes payload, PutOptions opts) {
    byte[] att = opts == null || opts.attachment() == null ? null : opts.attachment().raw();
    byte[] enc = opts == null || opts.encoding() == null ? null
        : opts.encoding().value().getBytes(StandardCharsets.UTF_8);
    handle.use("put", p -> {
      try (Arena a = Arena.ofConfined()) {
        int rc = (int) Native.PUBLISHER_PUT.invokeExact(p, Native.bytes(a, payload.raw()), (long) payload.size(),
            Native.bytes(a, att), Native.len(att), Native.bytes(a, enc), Native.len(enc));
        Native.check(rc, "put on '" + keyExpr + "'");
        return null;
      }
    });
  }

  /** Publishes a DELETE of the key. */
  public void delete() {
    handle.use("delete", p -> {
      Native.check((int) Native.PUBLISHER_DELETE.invokeExact(p), "delete on '" + keyExpr + "'");
      return null;
    });
  }

  @Override
  public void close() {
    handle.close();
    session.forget(this);
  }
}
