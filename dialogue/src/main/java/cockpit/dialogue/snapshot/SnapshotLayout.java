package cockpit.dialogue.snapshot;

import static cockpit.dialogue.snapshot.SnapshotFormat.CRC_BYTES;
import static cockpit.dialogue.snapshot.SnapshotFormat.MAGIC;
import static cockpit.dialogue.snapshot.SnapshotFormat.PREFIX_BYTES;

import cockpit.dialogue.snapshot.SnapshotCorruptException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The region sizes of one snapshot file, read from its fixed prefix and checked against the file size
 * before anything larger than the prefix is read or allocated.
 *
 * @param version the format version (between {@link SnapshotFormat#MIN_VERSION} and {@link SnapshotFormat#VERSION})
 * @param headerBytes H, the JSON header's length
 * @param payloadBytes P, the state payload's length
 */
record SnapshotLayout(int version, int headerBytes, long payloadBytes) {
  long payloadStart() {
    return PREFIX_BYTES + (long) headerBytes;
  }

  long crcOffset() {
    return payloadStart() + payloadBytes;
  }

  /** Checks magic, version and lengths; every failure is a {@link SnapshotCorruptException}. */
  static SnapshotLayout read(FileChannel ch, Path file) throws IOException {
    long size = ch.size();
    ByteBuffer p = SnapshotChannels.readAt(ch, 0, (int) Math.min(size, PREFIX_BYTES))
        .order(ByteOrder.LITTLE_ENDIAN);
    byte[] start = Arrays.copyOf(p.array(), (int) Math.min(size, MAGIC.length));
    if (!Arrays.equals(start, Arrays.copyOf(MAGIC, start.length))) {
      throw new SnapshotCorruptException(Reason.BAD_MAGIC, file,
          "starts with \"" + printable(start) + "\", not \"CKPTSNAP\": not a snapshot file");
    }
    if (size < MAGIC.length + 2) {
      throw truncated(file, size, "the " + PREFIX_BYTES + "-byte prefix");
    }
    int version = Short.toUnsignedInt(p.getShort(MAGIC.length));
    if (version < SnapshotFormat.MIN_VERSION || version > SnapshotFormat.VERSION) {
      throw new SnapshotCorruptException(Reason.UNSUPPORTED_VERSION, file, "format version " + version
          + ", this build reads versions " + SnapshotFormat.MIN_VERSION + " to " + SnapshotFormat.VERSION);
    }
    if (size < PREFIX_BYTES) {
      throw truncated(file, size, "the " + PREFIX_BYTES + "-byte prefix");
    }
    long h = Integer.toUnsignedLong(p.getInt(10));
    long payload = p.getLong(14);
    if (h > SnapshotFormat.MAX_HEADER_BYTES || payload < 0) {
      throw new SnapshotCorruptException(Reason.HEADER_INVALID, file, "length fields are not sane: header "
          + h + " bytes (limit " + SnapshotFormat.MAX_HEADER_BYTES + "), payload " + payload + " bytes");
    }
    String need = PREFIX_BYTES + " + " + h + " header + " + payload + " payload + " + CRC_BYTES + " CRC bytes";
    if (payload > size || PREFIX_BYTES + h + payload + CRC_BYTES > size) {
      throw truncated(file, size, need);
    }
    if (PREFIX_BYTES + h + payload + CRC_BYTES < size) {
      throw new SnapshotCorruptException(Reason.TRAILING_DATA, file,
          "file is " + size + " bytes, longer than the " + need + " its prefix declares");
    }
    return new SnapshotLayout(version, (int) h, payload);
  }

  /**
   * Streams the file through CRC32C and compares with the stored value before any payload is used.
   *
   * @return the header bytes (read once, checksummed with the rest)
   */
  byte[] verify(FileChannel ch, Path file) throws IOException {
    CRC32C crc = new CRC32C();
    crc.update(SnapshotChannels.readAt(ch, MAGIC.length, PREFIX_BYTES - MAGIC.length));
    byte[] header = SnapshotChannels.readAt(ch, PREFIX_BYTES, headerBytes).array();
    crc.update(header);
    SnapshotChannels.checksum(ch, payloadStart(), crcOffset(), crc);
    int stored = SnapshotChannels.readAt(ch, crcOffset(), CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int computed = (int) crc.getValue();
    if (stored != computed) {
      throw new SnapshotCorruptException(Reason.CRC_MISMATCH, file, String.format(
          "stored CRC32C %08x, computed %08x over %d bytes: the file was changed or damaged on disk",
          stored, computed, crcOffset() - MAGIC.length));
    }
    return header;
  }

  private static SnapshotCorruptException truncated(Path file, long size, String need) {
    return new SnapshotCorruptException(Reason.TRUNCATED, file, "file is " + size + " bytes, needs " + need);
  }

  private static String printable(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(x >= 0x20 && x < 0x7f ? String.valueOf((char) x) : String.format("\\x%02x", x & 0xff));
    }
    return s.toString();
  }
}
