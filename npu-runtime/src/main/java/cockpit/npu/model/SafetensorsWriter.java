package cockpit.npu.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Streams a safetensors file: {@link #declare} every tensor first (the header needs all shapes and
 * offsets), then {@link #write} their bytes in declaration order, in chunks of any size, so a model
 * larger than the heap goes straight to disk. Data offsets are 8-byte aligned (the header is padded
 * with spaces, as the reference implementation does).
 *
 * <p>Writes to {@code FILE.partial} and renames it to {@code FILE} on a successful {@link #close};
 * closing with data missing deletes the partial file and throws. Not thread-safe; one owner.
 */
public final class SafetensorsWriter implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int STAGING_FLOATS = 1 << 18;

  private final Path file;
  private final Path partial;
  private final Map<String, String> metadata;
  private final List<SafetensorsEntry> entries = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private FileChannel channel;
  private ByteBuffer staging;
  private int current;
  private long writtenInCurrent;
  private long written;
  private boolean closed;

  /** A writer for {@code file} with {@code __metadata__} strings (may be empty). */
  public SafetensorsWriter(Path file, Map<String, String> metadata) {
    this.file = file;
    this.partial = file.resolveSibling(file.getFileName() + ".partial");
    this.metadata = Map.copyOf(metadata);
  }

  /** Declares the next tensor; only before the first {@link #write}. */
  public SafetensorsWriter declare(String name, SafetensorsDType dtype, long... shape) {
    if (channel != null || closed) {
      throw new IllegalStateException(file + ": declare " + name + " before writing any data");
    }
    if (name.equals(SafetensorsHeader.METADATA) || !names.add(name)) {
      throw new IllegalArgumentException(file + ": tensor name " + name + " is reserved or declared twice");
    }
    long begin = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).end();
    long bytes = Math.multiplyExact(SafetensorsEntry.elements(shape), dtype.size());
    entries.add(new SafetensorsEntry(name, dtype, shape, begin, begin + bytes));
    return this;
  }

  /** Total data bytes declared. */
  public long totalBytes() {
    return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).end();
  }

  /** Data bytes written so far. */
  public long writtenBytes() {
    return written;
  }

  /** Appends {@code chunk}'s remaining bytes (little-endian data) to tensor {@code name}. */
  public void write(String name, ByteBuffer chunk) throws IOException {
    SafetensorsEntry e = expect(name, chunk.remaining());
    long n = chunk.remaining();
    while (chunk.hasRemaining()) {
      channel.write(chunk);
    }
    advance(n);
  }

  /** Appends {@code values[off, off+len)} to F32 tensor {@code name}. */
  public void write(String name, float[] values, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, values.length);
    SafetensorsEntry e = expect(name, 4L * len);
    if (e.dtype() != SafetensorsDType.F32) {
      throw new IllegalArgumentException(file + ": tensor " + name + " is " + e.dtype() + ", not F32");
    }
    if (staging == null) {
      staging = ByteBuffer.allocateDirect(4 * STAGING_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
    }
    for (int i = 0; i < len; i += STAGING_FLOATS) {
      int n = Math.min(STAGING_FLOATS, len - i);
      staging.clear();
      staging.asFloatBuffer().put(values, off + i, n);
      staging.limit(4 * n);
      while (staging.hasRemaining()) {
        channel.write(staging);
      }
    }
    advance(4L * len);
  }

  /** Appends all of {@code values} to F32 tensor {@code name}. */
  public void write(String name, float[] values) throws IOException {
    write(name, values, 0, values.length);
  }

  private SafetensorsEntry expect(String name, long bytes) throws IOException {
    if (closed) {
      throw new IllegalStateException(file + ": writer is closed");
    }
    if (channel == null) {
      start();
    }
    while (current < entries.size() && writtenInCurrent == entries.get(current).byteSize()
        && !entries.get(current).name().equals(name)) {
      current++;
      writtenInCurrent = 0;
    }
    if (current == entries.size() || !entries.get(current).name().equals(name)) {
      String next = current == entries.size() ? "no more tensors" : entries.get(current).name();
      throw new IllegalStateException(file + ": tensors must be written in declaration order: got " + name
          + ", expected " + next);
    }
    SafetensorsEntry e = entries.get(current);
    if (writtenInCurrent + bytes > e.byteSize()) {
      throw new IllegalArgumentException(file + ": tensor " + name + " " + Arrays.toString(e.shape()) + " holds "
          + e.byteSize() + " bytes; " + writtenInCurrent + " written, " + bytes + " more is too many");
    }
    return e;
  }

  private void advance(long n) {
    writtenInCurrent += n;
    written += n;
  }

  private void start() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode m = root.putObject(SafetensorsHeader.METADATA);
      new java.util.TreeMap<>(metadata).forEach(m::put);
    }
    for (SafetensorsEntry e : entries) {
      ObjectNode t = root.putObject(e.name());
      t.put("dtype", e.dtype().name());
      Arrays.stream(e.shape()).forEach(t.putArray("shape")::add);
      t.putArray("data_offsets").add(e.begin()).add(e.end());
    }
    byte[] json = JSON.writeValueAsBytes(root);
    int padded = (json.length + 8 + 7) / 8 * 8 - 8;
    ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
    head.putLong(padded).put(json);
    while (head.hasRemaining()) {
      head.put((byte) ' ');
    }
    channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    head.flip();
    while (head.hasRemaining()) {
      channel.write(head);
    }
  }

  /**
   * Finishes the file: renames it into place if every declared byte was written, else deletes the
   * partial file and throws an IOException naming the first incomplete tensor.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (channel == null) {
      start();
    }
    try (FileChannel ch = channel) {
      if (written != totalBytes()) {
        SafetensorsEntry e = entries.stream().filter(x -> x.end() > written).findFirst().orElseThrow();
        throw new IOException(file + ": incomplete, tensor " + e.name() + " has " + Math.max(0, written - e.begin())
            + " of " + e.byteSize() + " bytes (" + written + " of " + totalBytes() + " in all); nothing was written");
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
