package cockpit.bus.zenoh;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The four static upcall stubs the shim calls (sample, query, reply, drop) and the table that maps
 * each callback's {@code ctx} to its Java handler.
 *
 * <p>Upcalls arrive on Zenoh's own threads, possibly concurrently for one handler. Every entry point
 * catches everything: an exception escaping an upcall would terminate the JVM. A handler's entry is
 * removed by the drop upcall, which the shim sends once, after the last call has returned.
 */
final class Upcalls {
  private static final System.Logger LOG = System.getLogger(Upcalls.class.getName());

  /** What a declared callback delivers to; {@code onClose} runs once when Zenoh drops it. */
  record Handler(Consumer<Sample> samples, Consumer<Query> queries, Consumer<Reply> replies, Runnable onClose) {}

  private static final Map<Long, Handler> HANDLERS = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT = new AtomicLong(1);

  static final MemorySegment SAMPLE;
  static final MemorySegment QUERY;
  static final MemorySegment REPLY;
  static final MemorySegment DROP;

  static {
    try {
      var lookup = MethodHandles.lookup();
      Linker linker = Linker.nativeLinker();
      FunctionDescriptor sampleFd = FunctionDescriptor.ofVoid(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG,
          ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_BYTE, JAVA_BYTE, JAVA_BYTE, JAVA_BYTE, JAVA_LONG);
      FunctionDescriptor queryFd = FunctionDescriptor.ofVoid(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS,
          JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
      FunctionDescriptor replyFd = FunctionDescriptor.ofVoid(JAVA_LONG, JAVA_BYTE, ADDRESS, JAVA_LONG, ADDRESS,
          JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
      FunctionDescriptor dropFd = FunctionDescriptor.ofVoid(JAVA_LONG);
      SAMPLE = linker.upcallStub(lookup.findStatic(Upcalls.class, "onSample", sampleFd.toMethodType()),
          sampleFd, Arena.global());
      QUERY = linker.upcallStub(lookup.findStatic(Upcalls.class, "onQuery", queryFd.toMethodType()),
          queryFd, Arena.global());
      REPLY = linker.upcallStub(lookup.findStatic(Upcalls.class, "onReply", replyFd.toMethodType()),
          replyFd, Arena.global());
      DROP = linker.upcallStub(lookup.findStatic(Upcalls.class, "onDrop", MethodType.methodType(void.class,
          long.class)), dropFd, Arena.global());
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Upcalls() {}

  /** Registers {@code handler} and returns its ctx for the shim. */
  static long register(Handler handler) {
    long ctx = NEXT.getAndIncrement();
    HANDLERS.put(ctx, handler);
    return ctx;
  }

  /** Removes a handler whose declaration failed (the shim will never call its drop). */
  static void forget(long ctx) {
    HANDLERS.remove(ctx);
  }

  private static void onSample(long ctx, MemorySegment key, long keyLen, MemorySegment payload, long payloadLen,
      MemorySegment att, long attLen, MemorySegment enc, long encLen, byte kind, byte priority,
      byte congestion, byte express, long timestamp) {
    try {
      Handler h = HANDLERS.get(ctx);
      if (h == null || h.samples() == null) {
        return;
      }
      h.samples().accept(sample(key, keyLen, payload, payloadLen, att, attLen, enc, encLen, kind, priority,
          congestion, express, timestamp));
    } catch (Throwable t) {
      report("sample callback", t);
    }
  }

  private static void onQuery(long ctx, MemorySegment query, MemorySegment key, long keyLen, MemorySegment params,
      long paramsLen, MemorySegment payload, long payloadLen, MemorySegment att, long attLen, MemorySegment enc,
      long encLen) {
    Query q = null;
    try {
      q = new Query(query, KeyExpr.trusted(Native.string(key, keyLen)), Native.string(params, paramsLen),
          ZBytes.adopt(Native.copy(payload, payloadLen)), ZBytes.adopt(Native.copy(att, attLen)),
          encoding(enc, encLen));
      Handler h = HANDLERS.get(ctx);
      if (h != null && h.queries() != null) {
        h.queries().accept(q);
      }
    } catch (Throwable t) {
      report("query callback", t);
    } finally {
      closeQuery(q, query);
    }
  }

  private static void closeQuery(Query q, MemorySegment raw) {
    try {
      if (q != null) {
        q.close();
      } else {
        Native.QUERY_DROP.invokeExact(raw);
      }
    } catch (Throwable t) {
      report("finishing a query", t);
    }
  }

  private static void onReply(long ctx, byte ok, MemorySegment key, long keyLen, MemorySegment payload,
      long payloadLen, MemorySegment att, long attLen, MemorySegment enc, long encLen) {
    try {
      Handler h = HANDLERS.get(ctx);
      if (h == null || h.replies() == null) {
        return;
      }
      Reply r = ok != 0
          ? new Reply.Success(sample(key, keyLen, payload, payloadLen, att, attLen, enc, encLen, (byte) 0,
              (byte) Priority.DATA.value(), (byte) 0, (byte) 0, 0))
          : new Reply.Error(ZBytes.adopt(orEmpty(Native.copy(payload, payloadLen))), encoding(enc, encLen));
      h.replies().accept(r);
    } catch (Throwable t) {
      report("reply callback", t);
    }
  }

  private static void onDrop(long ctx) {
    try {
      Handler h = HANDLERS.remove(ctx);
      if (h != null && h.onClose() != null) {
        h.onClose().run();
      }
    } catch (Throwable t) {
      report("close callback", t);
    }
  }

  private static Sample sample(MemorySegment key, long keyLen, MemorySegment payload, long payloadLen,
      MemorySegment att, long attLen, MemorySegment enc, long encLen, byte kind, byte priority, byte congestion,
      byte express, long timestamp) {
    return new Sample(KeyExpr.trusted(Native.string(key, keyLen)),
        ZBytes.adopt(orEmpty(Native.copy(payload, payloadLen))),
        Optional.ofNullable(ZBytes.adopt(Native.copy(att, attLen))), encoding(enc, encLen),
        kind == 0 ? SampleKind.PUT : SampleKind.DELETE, Priority.fromValue(priority),
        CongestionControl.fromValue(congestion), express != 0, timestamp);
  }

  private static Encoding encoding(MemorySegment enc, long len) {
    String s = Native.string(enc, len);
    return s == null || s.isBlank() ? Encoding.ZENOH_BYTES : new Encoding(s);
  }

  private static byte[] orEmpty(byte[] b) {
    return b == null ? new byte[0] : b;
  }

  private static void report(String where, Throwable t) {
    try {
      LOG.log(System.Logger.Level.WARNING, "exception in Zenoh " + where + " (ignored)", t);
    } catch (Throwable ignored) {
      // Nothing may escape an upcall; a failing logger is dropped on purpose.
    }
  }
}
