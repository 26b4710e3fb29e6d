package cockpit.bus.zenoh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * A query received by a {@link Queryable}. Reply with {@link #reply} (any number of times) or
 * {@link #replyErr} while the queryable's callback runs: when the callback returns the binding
 * closes the query, which sends the final reply to the querier. Thread-safe.
 */
public final class Query implements AutoCloseable {
  private final NativeHandle handle;
  private final KeyExpr keyExpr;
  private final String parameters;
  private final Optional<ZBytes> payload;
  private final Optional<ZBytes> attachment;
  private final Encoding encoding;

  Query(MemorySegment ptr, KeyExpr keyExpr, String parameters, ZBytes payload, ZBytes attachment,
      Encoding encoding) {
    this.handle = new NativeHandle("query on '" + keyExpr + "'", ptr, p -> {
      Native.QUERY_DROP.invokeExact(p);
      return 0;
    });
    this.keyExpr = keyExpr;
    this.parameters = parameters;
    this.payload = Optional.ofNullable(payload);
    this.attachment = Optional.ofNullable(attachment);
    this.encoding = encoding;
  }

  /** The queried key expression (may contain wildcards). */
  public KeyExpr keyExpr() {
    return keyExpr;
  }

  /** The selector parameters after {@code ?}, empty when there were none. */
  public String parameters() {
    return parameters;
  }

  public Optional<ZBytes> payload() {
    return payload;
  }

  public Optional<ZBytes> attachment() {
    return attachment;
  }

  public Encoding encoding() {
    return encoding;
  }

  /** Replies {@code payload} on the concrete key {@code key}, which must match the query. */
  public void reply(KeyExpr key, ZBytes payload) {
    reply(key, payload, null, null);
  }

  /** Replies with an attachment and encoding (either may be null). */
  public void reply(KeyExpr key, ZBytes payload, ZBytes attachment, Encoding encoding) {
    handle.use("reply", p -> {
      try (Arena a = Arena.ofConfined()) {
        byte[] k = key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] e = encoding == null ? null : encoding.value().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] at = attachment == null ? null : attachment.raw();
        int rc = (int) Native.QUERY_REPLY.invokeExact(p, Native.bytes(a, k), (long) k.length,
            Native.bytes(a, payload.raw()), (long) payload.size(), Native.bytes(a, at), Native.len(at),
            Native.bytes(a, e), Native.len(e));
        Native.check(rc, "reply to query on '" + keyExpr + "'");
        return null;
      }
    });
  }

  /** Replies an error payload to the querier. */
  public void replyErr(ZBytes payload) {
    handle.use("replyErr", p -> {
      try (Arena a = Arena.ofConfined()) {
        int rc = (int) Native.QUERY_REPLY_ERR.invokeExact(p, Native.bytes(a, payload.raw()),
            (long) payload.size(), MemorySegment.NULL, 0L);
        Native.check(rc, "error reply to query on '" + keyExpr + "'");
        return null;
      }
    });
  }

  /** Finishes the query (the querier sees no further replies). Idempotent. */
  @Override
  public void close() {
    handle.close();
  }
}
