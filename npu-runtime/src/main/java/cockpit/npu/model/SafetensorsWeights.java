package cockpit.npu.model;

import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.TensorData;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Weights read from one or more safetensors files through read-only memory mappings (one mapping of
 * each file's data section, any size). {@link #get} hands out zero-copy slices of the mapping,
 * except for F16/BF16 tensors, which it widens into a new fp32 heap buffer on every call.
 *
 * <p>Thread-safe for reads. {@link #close} unmaps the files at once (idempotent): buffers obtained
 * earlier then fail with an {@link IllegalStateException} on access, so keep the weights open while
 * anything (an ONNX Runtime tensor wrapping a slice, a writer streaming one) still uses them.
 */
public final class SafetensorsWeights implements Weights {
  private record Located(SafetensorsEntry entry, Path file, MemorySegment data) {}

  private final Arena arena;
  private final Map<String, Located> tensors;
  private final Map<String, String> metadata;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SafetensorsWeights(Arena arena, Map<String, Located> tensors, Map<String, String> metadata) {
    this.arena = arena;
    this.tensors = Collections.unmodifiableMap(tensors);
    this.metadata = Map.copyOf(metadata);
  }

  /** Maps {@code files} as one set of weights; a name present in two files is an error. */
  static SafetensorsWeights open(List<Path> files) throws IOException {
    Arena arena = Arena.ofShared();
    try {
      Map<String, Located> tensors = new LinkedHashMap<>();
      Map<String, String> metadata = new LinkedHashMap<>();
      for (Path file : files) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
          SafetensorsHeader h = SafetensorsHeader.read(ch, file);
          long dataSize = ch.size() - h.dataStart();
          MemorySegment data = dataSize == 0 ? MemorySegment.ofArray(new byte[0])
              : ch.map(FileChannel.MapMode.READ_ONLY, h.dataStart(), dataSize, arena);
          for (SafetensorsEntry e : h.entries().values()) {
            Located prev = tensors.putIfAbsent(e.name(), new Located(e, file, data));
            if (prev != null) {
              throw new IOException(file + ": tensor " + e.name() + " is also in " + prev.file());
            }
          }
          h.metadata().forEach(metadata::putIfAbsent);
        }
      }
      return new SafetensorsWeights(arena, tensors, metadata);
    } catch (IOException | RuntimeException e) {
      arena.close();
      throw e;
    }
  }

  @Override
  public Set<String> names() {
    return tensors.keySet();
  }

  /** The {@code __metadata__} strings (of all files, the first file's value winning). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The header entry of {@code name}: stored type, shape, offsets; cheap (no data is touched). */
  @Override
  public long[] shape(String name) {
    return entry(name).shape();
  }

  public SafetensorsEntry entry(String name) {
    return locate(name).entry();
  }

  /** The file holding {@code name}. */
  public Path file(String name) {
    return locate(name).file();
  }

  /** The stored bytes of {@code name}, unconverted (a read-only slice of the mapping). */
  public ByteBuffer raw(String name) {
    Located l = locate(name);
    return l.data().asSlice(l.entry().begin(), l.entry().byteSize()).asByteBuffer().asReadOnlyBuffer()
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public TensorData get(String name) {
    SafetensorsEntry e = entry(name);
    ByteBuffer raw = raw(name);
    if (!e.dtype().widensToFloat()) {
      return new TensorData(e.dtype().onnx(), e.shape(), raw);
    }
    if (e.elements() > Integer.MAX_VALUE / 4) {
      throw new IllegalArgumentException(file(name) + ": tensor " + name
          + " is too large to widen to fp32 in one buffer");
    }
    return new TensorData(DType.FLOAT, e.shape(), widen(raw.asShortBuffer(), e.dtype() == SafetensorsDType.BF16));
  }

  /** fp16 or bf16 halves to little-endian fp32. */
  static ByteBuffer widen(ShortBuffer in, boolean bf16) {
    ByteBuffer out = ByteBuffer.allocate(in.remaining() * 4).order(ByteOrder.LITTLE_ENDIAN);
    FloatBuffer f = out.asFloatBuffer();
    while (in.hasRemaining()) {
      short s = in.get();
      f.put(bf16 ? Float.intBitsToFloat((s & 0xffff) << 16) : Float.float16ToFloat(s));
    }
    return out;
  }

  private Located locate(String name) {
    if (closed.get()) {
      throw new IllegalStateException("safetensors weights are closed (asked for " + name + ")");
    }
    Located l = tensors.get(name);
    if (l == null) {
      throw new IllegalArgumentException("missing weight " + name + " (" + tensors.size() + " tensors in "
          + new ArrayList<>(tensors.values().stream().map(Located::file).distinct().toList()) + ")");
    }
    return l;
  }

  /** Unmaps the files; later reads of this object or of buffers it handed out fail. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      arena.close();
    }
  }
}
