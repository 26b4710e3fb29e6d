package cockpit.sim.mcap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A little-endian record builder for MCAP primitives (MCAP is little-endian throughout). Not thread-safe. */
final class Bytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Bytes u8(int v) {
    out.write(v);
    return this;
  }

  Bytes u16(int v) {
    out.write(v);
    out.write(v >>> 8);
    return this;
  }

  Bytes u32(long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  Bytes u64(long v) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  /** MCAP String: u32 byte length + UTF-8. */
  Bytes str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u32(b.length);
    out.writeBytes(b);
    return this;
  }

  /** MCAP Bytes with a u32 length prefix. */
  Bytes bytes32(byte[] b) {
    u32(b.length);
    out.writeBytes(b);
    return this;
  }

  Bytes raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  /** Map&lt;string, string&gt;: u32 byte length of the entries, then key/value strings. */
  Bytes strMap(Map<String, String> m) {
    Bytes inner = new Bytes();
    m.forEach((k, v) -> inner.str(k).str(v));
    return bytes32(inner.toByteArray());
  }

  int size() {
    return out.size();
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** A whole record: opcode, u64 content length, content. */
  static byte[] record(int opcode, byte[] content) {
    return new Bytes().u8(opcode).u64(content.length).raw(content).toByteArray();
  }
}
