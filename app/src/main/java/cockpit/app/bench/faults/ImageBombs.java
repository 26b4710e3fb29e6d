package cockpit.app.bench.faults;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Camera payloads that claim far more pixels than they carry, built byte by byte (no image library, so
 * nothing checks them on the way out): a JPEG whose frame header says 60000×60000, PNGs whose IHDR says
 * 60000×60000 or 4096×4096 (at the decoder's pixel limit) with a tiny or highly compressible IDAT, and a
 * PNG IHDR with a zero or negative-looking width. Built once; immutable.
 */
final class ImageBombs {
  /** JPEG: SOI, SOF0 60000×60000 3 components, a minimal DQT/DHT-free SOS, EOI. */
  static final byte[] JPEG_60K = jpeg(60_000, 60_000);
  static final byte[] PNG_60K = png(60_000, 60_000, 2, 16);
  /** At the pixel limit, 48 MiB of RGB behind ~50 KiB of zlib: decodes, costs memory. */
  static final byte[] PNG_4K_ZEROS = png(4096, 4096, 2, 4096 * (4096 * 3 + 1));
  static final byte[] PNG_ZERO_WIDTH = png(0, 100, 2, 16);
  static final byte[] PNG_HUGE_WIDTH = png(0x7FFF_FFFF, 1, 6, 16);

  static final List<byte[]> JPEGS = List.of(JPEG_60K, jpeg(1, 60_000), jpeg(65_535, 65_535), jpeg(0, 0));
  static final List<byte[]> PNGS = List.of(PNG_60K, PNG_4K_ZEROS, PNG_ZERO_WIDTH, PNG_HUGE_WIDTH);

  private ImageBombs() {}

  private static byte[] jpeg(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(64);
    b.putShort((short) 0xFFD8); // SOI
    b.putShort((short) 0xFFC0).putShort((short) 17).put((byte) 8) // SOF0, length, precision
        .putShort((short) height).putShort((short) width).put((byte) 3);
    for (int c = 1; c <= 3; c++) {
      b.put((byte) c).put((byte) 0x11).put((byte) 0);
    }
    b.putShort((short) 0xFFDA).putShort((short) 12).put((byte) 3); // SOS without tables
    for (int c = 1; c <= 3; c++) {
      b.put((byte) c).put((byte) 0);
    }
    b.put((byte) 0).put((byte) 63).put((byte) 0);
    b.put((byte) 0x00).put((byte) 0x00); // two bytes of "scan"
    b.putShort((short) 0xFFD9); // EOI
    return java.util.Arrays.copyOf(b.array(), b.position());
  }

  /** @param rawBytes zero bytes to deflate into the IDAT (not necessarily what the header implies) */
  private static byte[] png(int width, int height, int colourType, int rawBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) colourType)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IDAT", deflateZeros(rawBytes));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static byte[] deflateZeros(int n) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
    byte[] zeros = new byte[64 * 1024];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    for (int left = n; left > 0; left -= zeros.length) {
      d.setInput(zeros, 0, Math.min(left, zeros.length));
      while (!d.needsInput()) {
        out.write(buf, 0, d.deflate(buf));
      }
    }
    d.finish();
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(t);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(t);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
