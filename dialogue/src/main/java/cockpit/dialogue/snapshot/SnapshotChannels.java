package cockpit.dialogue.snapshot;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.zip.CRC32C;

/**
 * The channels a {@link StateWriter} and a {@link StateReader} see, and the positional reads of the
 * load path. Each channel instance is used by one thread during one save or load.
 */
final class SnapshotChannels {
  /** Staging and checksum chunk: large enough that syscalls are few, small enough to keep per thread. */
  static final int CHUNK = 1 << 20;

  private SnapshotChannels() {}

  /**
   * Appends the payload to the temp file, updating the CRC and refusing to write past the declared
   * length. Small writes are staged so a writer emitting many small buffers costs few syscalls.
   */
  static final class PayloadSink implements WritableByteChannel {
    private final FileChannel file;
    private final CRC32C crc;
    private final long declared;
    private final ByteBuffer staging = ByteBuffer.allocateDirect(CHUNK);
    private long written;
    private boolean open = true;

    PayloadSink(FileChannel file, CRC32C crc, long declared) {
      this.file = file;
      this.crc = crc;
      this.declared = declared;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
      if (!open) {
        throw new ClosedChannelException();
      }
      int n = src.remaining();
      if (written + n > declared) {
        throw new IOException("state writer wrote more than the declared " + declared + " bytes");
      }
      crc.update(src.duplicate());
      if (n > staging.remaining()) {
        flush();
      }
      if (n >= staging.capacity()) {
        writeFully(file, src);
      } else {
        staging.put(src);
      }
      written += n;
      return n;
    }

    /** Flushes staged bytes and checks the writer wrote exactly the declared length; closes this sink. */
    void finish() throws IOException {
      open = false;
      flush();
      if (written != declared) {
        throw new IOException("state writer wrote " + written + " bytes, declared " + declared);
      }
    }

    private void flush() throws IOException {
      writeFully(file, staging.flip());
      staging.clear();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    /** The store owns the file; a writer closing the channel changes nothing. */
    @Override
    public void close() {}
  }

  /** The payload region of a snapshot file as a channel that ends where the payload ends. */
  static final class PayloadSource implements ReadableByteChannel {
    private final FileChannel file;
    private long position;
    private final long end;
    private boolean open = true;

    PayloadSource(FileChannel file, long start, long length) {
      this.file = file;
      this.position = start;
      this.end = start + length;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (!open) {
        throw new ClosedChannelException();
      }
      long left = end - position;
      if (left == 0) {
        return -1;
      }
      ByteBuffer view = dst.remaining() > left ? dst.slice().limit((int) left) : dst;
      int n = file.read(view, position);
      if (n < 0) {
        throw new EOFException("snapshot file shrank while being read");
      }
      if (view != dst) {
        dst.position(dst.position() + n);
      }
      position += n;
      return n;
    }

    long remaining() {
      return end - position;
    }

    void finish() {
      open = false;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    /** The store owns the file; a reader closing the channel changes nothing. */
    @Override
    public void close() {}
  }

  /** Adds bytes {@code [from, to)} of {@code file} to {@code crc}, one chunk in memory at a time. */
  static void checksum(FileChannel file, long from, long to, CRC32C crc) throws IOException {
    ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
    long pos = from;
    while (pos < to) {
      buf.clear().limit((int) Math.min(CHUNK, to - pos));
      int n = file.read(buf, pos);
      if (n < 0) {
        throw new EOFException("snapshot file shrank while being read");
      }
      crc.update(buf.flip());
      pos += n;
    }
  }

  /** {@code n} bytes at {@code pos}; the caller has checked the file is long enough. */
  static ByteBuffer readAt(FileChannel file, long pos, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (file.read(b, pos + b.position()) < 0) {
        throw new EOFException("snapshot file shrank while being read");
      }
    }
    return b.flip();
  }

  static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }
}
