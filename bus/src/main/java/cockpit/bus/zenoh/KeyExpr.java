package cockpit.bus.zenoh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A validated, canonical Zenoh key expression ({@code vehicle/VIN/cabin/camera/*}). Validation is
 * Zenoh's own (through the shim), so the rules and messages are exactly those of the wire, plus one
 * bound of ours: at most {@value #MAX_BYTES} UTF-8 bytes. Zenoh itself accepts longer keys but cannot
 * write one that does not fit a transport batch (≈ 64 KiB): its transmission pipeline panics and
 * poisons the link. The shim enforces the same bound on every key it is given.
 */
public final class KeyExpr {
  /** Longest key expression accepted, in UTF-8 bytes (the shim's {@code MAX_KEY_BYTES}). */
  public static final int MAX_BYTES = 4096;
  private static final int QUOTE_LIMIT = 120;
  private final String value;

  private KeyExpr(String value) {
    this.value = value;
  }

  /**
   * Validates {@code expr}, which must already be canonical.
   *
   * @throws ZError naming the expression and Zenoh's reason when it is invalid
   */
  public static KeyExpr tryFrom(String expr) {
    if (expr == null || expr.isEmpty()) {
      throw new ZError(ZError.Kind.INVALID_ARGUMENT,
          "invalid key expression '': a key expression must not be empty");
    }
    byte[] b = bounded(expr);
    try (Arena arena = Arena.ofConfined()) {
      int rc = (int) Native.KE_CHECK.invokeExact(Native.bytes(arena, b), (long) b.length);
      if (rc != 0) {
        throw new ZError(ZError.Kind.INVALID_ARGUMENT, "invalid key expression " + quote(expr) + ": "
            + Native.lastError());
      }
      return new KeyExpr(expr);
    } catch (Throwable t) {
      throw Native.wrap("invalid key expression " + quote(expr), t);
    }
  }

  /** Validates {@code expr} and rewrites it into canonical form (runs of double-star chunks collapse into one). */
  public static KeyExpr autocanonize(String expr) {
    byte[] b = bounded(expr);
    try (Arena arena = Arena.ofConfined()) {
      long cap = b.length + 1L;
      MemorySegment out = arena.allocate(cap);
      MemorySegment outLen = arena.allocate(ValueLayout.JAVA_LONG);
      int rc = (int) Native.KE_CANONIZE.invokeExact(Native.bytes(arena, b), (long) b.length, out, cap, outLen);
      if (rc != 0) {
        throw new ZError(ZError.Kind.INVALID_ARGUMENT, "invalid key expression " + quote(expr) + ": "
            + Native.lastError());
      }
      return new KeyExpr(Native.string(out, outLen.get(ValueLayout.JAVA_LONG, 0)));
    } catch (Throwable t) {
      throw Native.wrap("invalid key expression " + quote(expr), t);
    }
  }

  private static byte[] bounded(String expr) {
    if (expr == null) {
      throw new ZError(ZError.Kind.INVALID_ARGUMENT, "invalid key expression: null");
    }
    byte[] b = expr.getBytes(StandardCharsets.UTF_8);
    if (b.length > MAX_BYTES) {
      throw new ZError(ZError.Kind.INVALID_ARGUMENT, "invalid key expression " + quote(expr) + ": " + b.length
          + " bytes, at most " + MAX_BYTES + " are allowed");
    }
    return b;
  }

  /** The expression for a message: quoted and cut, so a hostile megabyte key never fills a log. */
  static String quote(String expr) {
    if (expr.length() <= QUOTE_LIMIT) {
      return "'" + expr + "'";
    }
    return "'" + expr.substring(0, QUOTE_LIMIT) + "...' (" + expr.length() + " characters)";
  }

  /** A key expression that Zenoh itself produced (already valid and canonical). */
  static KeyExpr trusted(String expr) {
    return new KeyExpr(expr);
  }

  /** Whether some key matches both expressions. */
  public boolean intersects(KeyExpr other) {
    return relation(Native.INTERSECTS_OP, other);
  }

  /** Whether every key matching {@code other} also matches this expression. */
  public boolean includes(KeyExpr other) {
    return relation(Native.INCLUDES_OP, other);
  }

  private boolean relation(int op, KeyExpr other) {
    try (Arena arena = Arena.ofConfined()) {
      byte[] a = value.getBytes(StandardCharsets.UTF_8);
      byte[] b = other.value.getBytes(StandardCharsets.UTF_8);
      MemorySegment sa = Native.bytes(arena, a);
      MemorySegment sb = Native.bytes(arena, b);
      int rc = op == Native.INTERSECTS_OP
          ? (int) Native.KE_INTERSECTS.invokeExact(sa, (long) a.length, sb, (long) b.length)
          : (int) Native.KE_INCLUDES.invokeExact(sa, (long) a.length, sb, (long) b.length);
      if (rc < 0) {
        throw Native.fail("cannot relate '" + value + "' and '" + other.value + "'");
      }
      return rc == 1;
    } catch (Throwable t) {
      throw Native.wrap("cannot relate '" + value + "' and '" + other.value + "'", t);
    }
  }

  /** Whether the expression contains a wildcard chunk ({@code *}, {@code **} or {@code $*}). */
  public boolean isWild() {
    return value.contains("*");
  }

  @Override
  public String toString() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyExpr k && k.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
