package cockpit.sim.mcap;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Reads a whole MCAP file into memory: checks both magics, walks the data section (chunked or not;
 * zstd or uncompressed chunks, each chunk's CRC checked), checks the data-section CRC at Data End and
 * the summary CRC in the footer, and the message count against the summary's Statistics. Every
 * violation is an {@link IOException} naming the byte offset. Stateless.
 */
public final class McapReader {
  private McapReader() {}

  public static McapFile read(Path file) throws IOException {
    return read(Files.readAllBytes(file), file.toString());
  }

  public static McapFile read(byte[] bytes, String name) throws IOException {
    int n = bytes.length;
    if (n < 2 * Op.MAGIC.length + 29 || !Arrays.equals(Arrays.copyOf(bytes, 8), Op.MAGIC)
        || !Arrays.equals(Arrays.copyOfRange(bytes, n - 8, n), Op.MAGIC)) {
      throw new IOException(name + ": not an MCAP file (magic missing at start or end)");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    State st = new State(name);
    int p = 8;
    while (true) {
      if (p + 9 > n - 8) {
        throw new IOException(name + ": data section ends at byte " + p + " without a Data End record");
      }
      int op = bytes[p] & 0xFF;
      long len = b.getLong(p + 1);
      if (len < 0 || p + 9 + len > n - 8) {
        throw new IOException(name + ": record 0x" + Integer.toHexString(op) + " at byte " + p + " overruns the file");
      }
      ByteBuffer c = b.slice(p + 9, (int) len).order(ByteOrder.LITTLE_ENDIAN);
      if (op == Op.DATA_END) {
        long crc = Integer.toUnsignedLong(c.getInt(0));
        CRC32 actual = new CRC32();
        actual.update(bytes, 0, p);
        if (crc != 0 && crc != actual.getValue()) {
          throw new IOException(name + ": data section CRC mismatch at byte " + p);
        }
        break;
      }
      if (op == Op.HEADER) {
        st.profile = str(c);
        st.library = str(c);
      } else if (op == Op.CHUNK) {
        chunk(c, p, st);
      } else {
        st.record(op, c, p);
      }
      p += 9 + (int) len;
    }
    long stats = footer(bytes, b, name);
    st.messages.sort(Comparator.comparingLong(McapFile.Message::logTime));
    if (stats >= 0 && stats != st.messages.size()) {
      throw new IOException(name + ": Statistics says " + stats + " messages, the data section holds "
          + st.messages.size());
    }
    return new McapFile(st.profile, st.library, st.schemas, st.channels, st.messages, stats, st.chunks);
  }

  private static void chunk(ByteBuffer c, int at, State st) throws IOException {
    c.getLong();
    c.getLong();
    long size = c.getLong();
    long crc = Integer.toUnsignedLong(c.getInt());
    String compression = str(c);
    long len = c.getLong();
    byte[] body = new byte[(int) len];
    c.get(body);
    byte[] records = switch (compression) {
      case "" -> body;
      case "zstd" -> Zstd.decompress(body, (int) size);
      default -> throw new IOException(st.name + ": chunk at byte " + at + " uses unsupported compression '"
          + compression + "'");
    };
    CRC32 actual = new CRC32();
    actual.update(records);
    if (records.length != size || (crc != 0 && crc != actual.getValue())) {
      throw new IOException(st.name + ": chunk at byte " + at + " fails its size or CRC check");
    }
    ByteBuffer r = ByteBuffer.wrap(records).order(ByteOrder.LITTLE_ENDIAN);
    while (r.remaining() >= 9) {
      int op = r.get() & 0xFF;
      int len2 = (int) r.getLong();
      ByteBuffer inner = r.slice(r.position(), len2).order(ByteOrder.LITTLE_ENDIAN);
      st.record(op, inner, at);
      r.position(r.position() + len2);
    }
    st.chunks++;
  }

  /** Checks the footer's summary CRC; returns the Statistics message count, or -1 when there is none. */
  private static long footer(byte[] bytes, ByteBuffer b, String name) throws IOException {
    int f = bytes.length - 8 - 29;
    if ((bytes[f] & 0xFF) != Op.FOOTER) {
      throw new IOException(name + ": no Footer record at byte " + f);
    }
    long summaryStart = b.getLong(f + 9);
    long crc = Integer.toUnsignedLong(b.getInt(f + 25));
    if (summaryStart == 0) {
      return -1;
    }
    CRC32 actual = new CRC32();
    actual.update(bytes, (int) summaryStart, f + 25 - (int) summaryStart);
    if (crc != 0 && crc != actual.getValue()) {
      throw new IOException(name + ": summary CRC mismatch (summary at byte " + summaryStart + ")");
    }
    for (int p = (int) summaryStart; p < f; ) {
      int op = bytes[p] & 0xFF;
      long len = b.getLong(p + 1);
      if (op == Op.STATISTICS) {
        return b.getLong(p + 9);
      }
      p += 9 + (int) len;
    }
    return -1;
  }

  static String str(ByteBuffer c) {
    int len = c.getInt();
    byte[] s = new byte[len];
    c.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  /** What the walk has found so far. */
  private static final class State {
    final String name;
    String profile = "";
    String library = "";
    final Map<Integer, McapFile.Schema> schemas = new HashMap<>();
    final Map<Integer, McapFile.Channel> channels = new HashMap<>();
    final List<McapFile.Message> messages = new ArrayList<>();
    int chunks;

    State(String name) {
      this.name = name;
    }

    void record(int op, ByteBuffer c, int at) throws IOException {
      switch (op) {
        case Op.SCHEMA -> {
          int id = Short.toUnsignedInt(c.getShort());
          String sname = str(c);
          String enc = str(c);
          byte[] data = new byte[c.getInt()];
          c.get(data);
          schemas.put(id, new McapFile.Schema(id, sname, enc, data));
        }
        case Op.CHANNEL -> {
          int id = Short.toUnsignedInt(c.getShort());
          int schema = Short.toUnsignedInt(c.getShort());
          String topic = str(c);
          String enc = str(c);
          int mapLen = c.getInt();
          int end = c.position() + mapLen;
          Map<String, String> meta = new LinkedHashMap<>();
          while (c.position() < end) {
            meta.put(str(c), str(c));
          }
          if (schema != 0 && !schemas.containsKey(schema)) {
            throw new IOException(name + ": channel " + id + " near byte " + at + " precedes its schema " + schema);
          }
          channels.put(id, new McapFile.Channel(id, schema, topic, enc, meta));
        }
        case Op.MESSAGE -> {
          int ch = Short.toUnsignedInt(c.getShort());
          if (!channels.containsKey(ch)) {
            throw new IOException(name + ": message near byte " + at + " on channel " + ch + " before its Channel");
          }
          long seq = Integer.toUnsignedLong(c.getInt());
          long log = c.getLong();
          long pub = c.getLong();
          byte[] data = new byte[c.remaining()];
          c.get(data);
          messages.add(new McapFile.Message(ch, seq, log, pub, data));
        }
        default -> {
          // Indexes, statistics, attachments, metadata and unknown opcodes carry no messages.
        }
      }
    }
  }
}
