package cockpit.npu.runtime;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Moves runs of floats between a state buffer and a channel in the snapshot's byte order (little-endian),
 * whatever the buffer's own order (native). Stateless; the caller holds the state open while it runs.
 */
final class StateBytes {
  private StateBytes() {}

  static void writeInt(WritableByteChannel out, int value) throws IOException {
    writeFully(out, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).flip());
  }

  static int readInt(ReadableByteChannel in) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(in, head);
    return head.flip().getInt();
  }

  /** Writes {@code count} floats of {@code src} from index {@code from}. */
  static void writeFloats(WritableByteChannel out, FloatBuffer src, int from, int count) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(src.duplicate().clear().position(from).limit(from + count));
    writeFully(out, bytes);
  }

  /** Reads {@code count} floats into {@code dst} from index {@code from}. */
  static void readFloats(ReadableByteChannel in, FloatBuffer dst, int from, int count) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(in, bytes);
    bytes.flip();
    dst.duplicate().clear().position(from).put(bytes.asFloatBuffer());
  }

  private static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  private static void readFully(ReadableByteChannel in, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        throw new EOFException("state ends early: " + b.remaining() + " bytes missing");
      }
    }
  }
}
