package cockpit.bus.zenoh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable payload or attachment. Owns a private copy of its bytes, so it is safe to keep and
 * share across threads after the callback that produced it has returned.
 */
public final class ZBytes {
  private final byte[] bytes;

  private ZBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}. */
  public static ZBytes of(byte[] bytes) {
    return new ZBytes(bytes.clone());
  }

  /** The UTF-8 bytes of {@code text}. */
  public static ZBytes from(String text) {
    return new ZBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Takes ownership of {@code bytes} without copying; the caller must not modify it afterwards. */
  static ZBytes adopt(byte[] bytes) {
    return bytes == null ? null : new ZBytes(bytes);
  }

  /** A copy of the bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The bytes without a copy, for the binding's own downcalls. */
  byte[] raw() {
    return bytes;
  }

  public int size() {
    return bytes.length;
  }

  /** The payload decoded as UTF-8. */
  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ZBytes z && Arrays.equals(bytes, z.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
