package cockpit.sim.mcap;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Writes an MCAP file: magic, header, chunked data (zstd or uncompressed chunks, each followed by one
 * message index per channel), data end with the data-section CRC, a summary (schemas, channels,
 * statistics, chunk indexes, grouped by opcode), summary offsets, footer with the summary CRC, magic.
 * Schema and channel records go into the chunk of their first message and again into the summary.
 * Methods are synchronized (recorders call from Zenoh threads); {@link #close} finishes the file and
 * closes the stream.
 */
public final class McapWriter implements AutoCloseable {
  /**
   * @param compression {@code zstd} or {@code ""} (none)
   * @param chunkSize uncompressed bytes after which a chunk is closed
   */
  public record Options(String profile, String compression, int chunkSize) {
    public static final Options DEFAULT = new Options("", "zstd", 1 << 20);

    public Options {
      Objects.requireNonNull(profile, "profile");
      if (!compression.equals("zstd") && !compression.isEmpty()) {
        throw new IllegalArgumentException("compression '" + compression + "' is not supported; use zstd or \"\"");
      }
      if (chunkSize < 1) {
        throw new IllegalArgumentException("chunkSize " + chunkSize + " must be positive");
      }
    }
  }

  private record ChannelInfo(int schemaId, byte[] record) {}

  private final OutputStream out;
  private final Options options;
  private final CRC32 dataCrc = new CRC32();
  private long pos;
  private final Map<Integer, byte[]> schemas = new LinkedHashMap<>();
  private final Map<Integer, ChannelInfo> channels = new LinkedHashMap<>();
  private final Map<Integer, Long> channelCounts = new TreeMap<>();
  private final List<byte[]> chunkIndexes = new ArrayList<>();
  private final java.util.Set<Integer> schemasWritten = new java.util.HashSet<>();
  private final java.util.Set<Integer> channelsWritten = new java.util.HashSet<>();
  private Bytes chunk = new Bytes();
  private final Map<Integer, Bytes> chunkIndex = new TreeMap<>();
  private long chunkStart = Long.MAX_VALUE;
  private long chunkEnd;
  private long messages;
  private long start = Long.MAX_VALUE;
  private long end;
  private int chunks;
  private boolean closed;

  public McapWriter(OutputStream out, Options options) throws IOException {
    this.out = Objects.requireNonNull(out, "out");
    this.options = Objects.requireNonNull(options, "options");
    emit(Op.MAGIC, true);
    emit(Bytes.record(Op.HEADER, new Bytes().str(options.profile()).str("cockpit-sim").toByteArray()), true);
  }

  /** Registers a schema; returns its id (1, 2, ...). */
  public synchronized int registerSchema(String name, String encoding, byte[] data) {
    int id = schemas.size() + 1;
    schemas.put(id, Bytes.record(Op.SCHEMA, new Bytes().u16(id).str(name).str(encoding).bytes32(data).toByteArray()));
    return id;
  }

  /** Registers a channel on {@code schemaId} (0 = schemaless); returns its id (0, 1, ...). */
  public synchronized int registerChannel(int schemaId, String topic, String messageEncoding,
      Map<String, String> metadata) {
    if (schemaId != 0 && !schemas.containsKey(schemaId)) {
      throw new IllegalArgumentException("unknown schema id " + schemaId);
    }
    int id = channels.size();
    channels.put(id, new ChannelInfo(schemaId, Bytes.record(Op.CHANNEL, new Bytes().u16(id).u16(schemaId).str(topic)
        .str(messageEncoding).strMap(metadata).toByteArray())));
    return id;
  }

  /** Adds one message; times are nanoseconds since the epoch. */
  public synchronized void write(int channelId, long sequence, long logTime, long publishTime, byte[] data)
      throws IOException {
    ChannelInfo ch = channels.get(channelId);
    if (ch == null || closed) {
      throw new IllegalStateException(closed ? "writer is closed" : "unknown channel id " + channelId);
    }
    if (ch.schemaId() != 0 && schemasWritten.add(ch.schemaId())) {
      chunk.raw(schemas.get(ch.schemaId()));
    }
    if (channelsWritten.add(channelId)) {
      chunk.raw(ch.record());
    }
    long offset = chunk.size();
    chunk.raw(Bytes.record(Op.MESSAGE, new Bytes().u16(channelId).u32(sequence).u64(logTime).u64(publishTime)
        .raw(data).toByteArray()));
    chunkIndex.computeIfAbsent(channelId, k -> new Bytes()).u64(logTime).u64(offset);
    chunkStart = Math.min(chunkStart, logTime);
    chunkEnd = Math.max(chunkEnd, logTime);
    start = Math.min(start, logTime);
    end = Math.max(end, logTime);
    messages++;
    channelCounts.merge(channelId, 1L, Long::sum);
    if (chunk.size() >= options.chunkSize()) {
      flushChunk();
    }
  }

  private void flushChunk() throws IOException {
    byte[] records = chunk.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(records);
    byte[] body = options.compression().isEmpty() ? records : Zstd.compress(records, 3);
    long chunkOffset = pos;
    emit(Bytes.record(Op.CHUNK, new Bytes().u64(chunkStart).u64(chunkEnd).u64(records.length).u32(crc.getValue())
        .str(options.compression()).u64(body.length).raw(body).toByteArray()), true);
    long chunkLength = pos - chunkOffset;
    Bytes offsets = new Bytes();
    long indexStart = pos;
    for (Map.Entry<Integer, Bytes> e : chunkIndex.entrySet()) {
      offsets.u16(e.getKey()).u64(pos);
      emit(Bytes.record(Op.MESSAGE_INDEX, new Bytes().u16(e.getKey()).bytes32(e.getValue().toByteArray())
          .toByteArray()), true);
    }
    chunkIndexes.add(Bytes.record(Op.CHUNK_INDEX, new Bytes().u64(chunkStart).u64(chunkEnd).u64(chunkOffset)
        .u64(chunkLength).bytes32(offsets.toByteArray()).u64(pos - indexStart).str(options.compression())
        .u64(body.length).u64(records.length).toByteArray()));
    chunks++;
    chunk = new Bytes();
    chunkIndex.clear();
    chunkStart = Long.MAX_VALUE;
    chunkEnd = 0;
  }

  /** Flushes the last chunk, writes data end, summary, summary offsets, footer and magic; closes the stream. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      if (chunk.size() > 0) {
        flushChunk();
      }
      closed = true;
      emit(Bytes.record(Op.DATA_END, new Bytes().u32(dataCrc.getValue()).toByteArray()), false);
      long summaryStart = pos;
      CRC32 summaryCrc = new CRC32();
      Bytes offsets = new Bytes();
      group(Op.SCHEMA, new ArrayList<>(schemas.values()), summaryCrc, offsets);
      group(Op.CHANNEL, channels.values().stream().map(ChannelInfo::record).toList(), summaryCrc, offsets);
      Bytes counts = new Bytes();
      channelCounts.forEach((k, v) -> counts.u16(k).u64(v));
      byte[] stats = Bytes.record(Op.STATISTICS, new Bytes().u64(messages).u16(schemas.size()).u32(channels.size())
          .u32(0).u32(0).u32(chunks).u64(messages == 0 ? 0 : start).u64(end).bytes32(counts.toByteArray())
          .toByteArray());
      group(Op.STATISTICS, List.of(stats), summaryCrc, offsets);
      group(Op.CHUNK_INDEX, chunkIndexes, summaryCrc, offsets);
      long offsetStart = pos;
      byte[] offsetRecords = offsets.toByteArray();
      emit(offsetRecords, false);
      summaryCrc.update(offsetRecords);
      byte[] footerHead = new Bytes().u8(Op.FOOTER).u64(20).u64(summaryStart).u64(offsetStart).toByteArray();
      summaryCrc.update(footerHead);
      emit(footerHead, false);
      emit(new Bytes().u32(summaryCrc.getValue()).toByteArray(), false);
      emit(Op.MAGIC, false);
      out.flush();
    } finally {
      closed = true;
      out.close();
    }
  }

  private void group(int opcode, List<byte[]> records, CRC32 crc, Bytes offsets) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    long groupStart = pos;
    for (byte[] r : records) {
      emit(r, false);
      crc.update(r);
    }
    offsets.raw(Bytes.record(Op.SUMMARY_OFFSET, new Bytes().u8(opcode).u64(groupStart).u64(pos - groupStart)
        .toByteArray()));
  }

  private void emit(byte[] b, boolean dataSection) throws IOException {
    out.write(b);
    if (dataSection) {
      dataCrc.update(b);
    }
    pos += b.length;
  }

  /** Messages written so far. */
  public synchronized long messageCount() {
    return messages;
  }
}
