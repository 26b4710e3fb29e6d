package cockpit.bus.zenoh;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * Downcall handles for the {@code czn_*} C ABI of the Rust shim ({@code bus/native/ABI.md}).
 *
 * <p>Stateless and thread-safe; the library is loaded on first use of this class. None of the
 * handles is {@code critical}: several of them block (open, close, put with congestion BLOCK).
 */
final class Native {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIB = NativeLibrary.load();

  // Type shorthands for the C signatures: size_t and uint64_t are longs, uint8_t a byte.
  private static final java.lang.foreign.MemoryLayout P = ADDRESS;
  private static final java.lang.foreign.MemoryLayout L = JAVA_LONG;
  private static final java.lang.foreign.MemoryLayout B = JAVA_BYTE;
  private static final java.lang.foreign.MemoryLayout I = JAVA_INT;

  static final MethodHandle LAST_ERROR = h("czn_last_error", FunctionDescriptor.of(JAVA_LONG, P, L));
  static final MethodHandle LAST_ERROR_CODE = h("czn_last_error_code", FunctionDescriptor.of(JAVA_INT));
  static final MethodHandle DEBUG_PANIC = h("czn_debug_panic", FunctionDescriptor.of(JAVA_INT));
  static final MethodHandle INIT_LOG = h("czn_init_log", FunctionDescriptor.of(JAVA_INT, P, L));
  static final MethodHandle OPEN = h("czn_open", FunctionDescriptor.of(ADDRESS, P, L));
  static final MethodHandle OPEN_FILE = h("czn_open_file", FunctionDescriptor.of(ADDRESS, P, L, P, L));
  static final MethodHandle CLOSE = h("czn_close", FunctionDescriptor.of(JAVA_INT, P));
  static final MethodHandle ZID = h("czn_zid", FunctionDescriptor.of(JAVA_LONG, P, P, L));
  static final MethodHandle KE_CANONIZE =
      h("czn_keyexpr_canonize", FunctionDescriptor.of(JAVA_INT, P, L, P, L, P));
  static final MethodHandle KE_CHECK = h("czn_keyexpr_check", FunctionDescriptor.of(JAVA_INT, P, L));
  static final MethodHandle KE_INTERSECTS =
      h("czn_keyexpr_intersects", FunctionDescriptor.of(JAVA_INT, P, L, P, L));
  static final MethodHandle KE_INCLUDES =
      h("czn_keyexpr_includes", FunctionDescriptor.of(JAVA_INT, P, L, P, L));
  static final MethodHandle DECLARE_PUBLISHER =
      h("czn_declare_publisher", FunctionDescriptor.of(ADDRESS, P, P, L, B, B, B, B, P, L));
  static final MethodHandle PUBLISHER_PUT =
      h("czn_publisher_put", FunctionDescriptor.of(JAVA_INT, P, P, L, P, L, P, L));
  static final MethodHandle PUBLISHER_DELETE =
      h("czn_publisher_delete", FunctionDescriptor.of(JAVA_INT, P));
  static final MethodHandle UNDECLARE_PUBLISHER =
      h("czn_undeclare_publisher", FunctionDescriptor.of(JAVA_INT, P));
  static final MethodHandle PUT =
      h("czn_put", FunctionDescriptor.of(JAVA_INT, P, P, L, P, L, P, L, P, L, B, B, B));
  static final MethodHandle DECLARE_SUBSCRIBER =
      h("czn_declare_subscriber", FunctionDescriptor.of(ADDRESS, P, P, L, L, P, P));
  static final MethodHandle UNDECLARE_SUBSCRIBER =
      h("czn_undeclare_subscriber", FunctionDescriptor.of(JAVA_INT, P));
  static final MethodHandle DECLARE_QUERYABLE =
      h("czn_declare_queryable", FunctionDescriptor.of(ADDRESS, P, P, L, B, L, P, P));
  static final MethodHandle UNDECLARE_QUERYABLE =
      h("czn_undeclare_queryable", FunctionDescriptor.of(JAVA_INT, P));
  static final MethodHandle QUERY_REPLY =
      h("czn_query_reply", FunctionDescriptor.of(JAVA_INT, P, P, L, P, L, P, L, P, L));
  static final MethodHandle QUERY_REPLY_ERR =
      h("czn_query_reply_err", FunctionDescriptor.of(JAVA_INT, P, P, L, P, L));
  static final MethodHandle QUERY_DROP = h("czn_query_drop", FunctionDescriptor.ofVoid(P));
  static final MethodHandle GET =
      h("czn_get", FunctionDescriptor.of(JAVA_INT, P, P, L, P, L, P, L, P, L, L, B, B, L, P, P));
  static final MethodHandle TOKEN_DECLARE =
      h("czn_liveliness_declare_token", FunctionDescriptor.of(ADDRESS, P, P, L));
  static final MethodHandle TOKEN_UNDECLARE =
      h("czn_liveliness_undeclare_token", FunctionDescriptor.of(JAVA_INT, P));
  static final MethodHandle LIVELINESS_SUBSCRIBER =
      h("czn_liveliness_declare_subscriber", FunctionDescriptor.of(ADDRESS, P, P, L, B, L, P, P));
  static final MethodHandle LIVELINESS_GET =
      h("czn_liveliness_get", FunctionDescriptor.of(JAVA_INT, P, P, L, L, L, P, P));

  static final int INTERSECTS_OP = 0;
  static final int INCLUDES_OP = 1;

  private Native() {}

  private static MethodHandle h(String name, FunctionDescriptor fd) {
    MemorySegment symbol = LIB.find(name).orElseThrow(
        () -> new IllegalStateException("the Zenoh shim lacks symbol " + name + "; rebuild bus/native"));
    return LINKER.downcallHandle(symbol, fd);
  }

  /** Copies {@code bytes} into {@code arena}; NULL for null (absent), a non-NULL pointer for empty. */
  static MemorySegment bytes(Arena arena, byte[] bytes) {
    if (bytes == null) {
      return MemorySegment.NULL;
    }
    MemorySegment seg = arena.allocate(Math.max(1, bytes.length));
    MemorySegment.copy(bytes, 0, seg, JAVA_BYTE, 0, bytes.length);
    return seg;
  }

  static MemorySegment utf8(Arena arena, String s) {
    return s == null ? MemorySegment.NULL : bytes(arena, s.getBytes(StandardCharsets.UTF_8));
  }

  static long len(byte[] b) {
    return b == null ? 0 : b.length;
  }

  /** Copies {@code len} bytes at {@code ptr} into a new array; null when {@code ptr} is NULL. */
  static byte[] copy(MemorySegment ptr, long len) {
    if (ptr.equals(MemorySegment.NULL)) {
      return null;
    }
    if (len == 0) {
      return new byte[0];
    }
    return ptr.reinterpret(len).toArray(JAVA_BYTE);
  }

  static String string(MemorySegment ptr, long len) {
    byte[] b = copy(ptr, len);
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /** The calling thread's last shim error, as the shim wrote it. */
  static String lastError() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(4096);
      long n = (long) LAST_ERROR.invokeExact(buf, 4096L);
      if (n == 0) {
        return "unknown error (the Zenoh shim gave no message)";
      }
      return string(buf, Math.min(n, 4096L));
    } catch (Throwable t) {
      return "unreadable error: " + t;
    }
  }

  /** The calling thread's last shim error code (0: none). */
  static int lastErrorCode() {
    try {
      return (int) LAST_ERROR_CODE.invokeExact();
    } catch (Throwable t) {
      return 0;
    }
  }

  /**
   * A {@link ZError} for a failed call: {@code what} the caller tried, then the shim's message; its
   * kind from the shim's error code.
   */
  static ZError fail(String what) {
    ZError.Kind kind = ZError.Kind.ofCode(lastErrorCode());
    return new ZError(kind, what + ": " + lastError());
  }

  static void check(int rc, String what) {
    if (rc != 0) {
      throw fail(what);
    }
  }

  static ZError wrap(String what, Throwable t) {
    if (t instanceof ZError z) {
      return z;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new ZError(what + ": " + t, t);
  }
}
