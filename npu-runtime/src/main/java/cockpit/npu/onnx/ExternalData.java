package cockpit.npu.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * One external-data file that several ONNX graphs may share (the fixed-capacity prefill and decode
 * graphs reference the same weights). Each tensor is written once, 64-byte aligned, streamed from
 * its buffer. Not thread-safe; close after the last graph is written.
 */
public final class ExternalData implements AutoCloseable {
  private static final int ALIGN = 64;
  private final Path file;
  private final FileChannel channel;
  private final Map<String, long[]> written = new HashMap<>();
  private long position;

  public ExternalData(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** The file name graphs use to reference this file (relative to the graph's directory). */
  public String location() {
    return file.getFileName().toString();
  }

  public Path file() {
    return file;
  }

  /** Writes {@code data} under {@code key} unless it is already there; returns {offset, length}. */
  long[] put(String key, TensorData data) throws IOException {
    long[] existing = written.get(key);
    if (existing != null) {
      return existing;
    }
    long pad = (ALIGN - position % ALIGN) % ALIGN;
    if (pad > 0) {
      channel.write(ByteBuffer.allocate((int) pad), position);
      position += pad;
    }
    ByteBuffer b = data.bytes();
    long offset = position;
    long length = b.remaining();
    while (b.hasRemaining()) {
      position += channel.write(b, position);
    }
    long[] loc = {offset, length};
    written.put(key, loc);
    return loc;
  }

  public long size() {
    return position;
  }

  @Override
  public void close() throws IOException {
    channel.force(false);
    channel.close();
  }
}
