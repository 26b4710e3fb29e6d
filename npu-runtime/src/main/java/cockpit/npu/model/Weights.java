package cockpit.npu.model;

import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.TensorData;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Named weight tensors (Hugging Face LFM2 names, see MODEL.md). Implementations: a memory-mapped
 * safetensors file, or an in-memory map. Thread-safe for reads. Closing releases mappings.
 */
public interface Weights extends AutoCloseable {
  Set<String> names();

  /** The tensor, or an IllegalArgumentException naming the missing weight. */
  TensorData get(String name);

  default boolean has(String name) {
    return names().contains(name);
  }

  /** The tensor's shape, without reading (or converting) its data. */
  default long[] shape(String name) {
    return get(name).dims();
  }

  /** The tensor as a float array (copies; for the reference forward and tests). */
  default float[] floats(String name) {
    TensorData t = get(name);
    if (t.type() != DType.FLOAT) {
      throw new IllegalArgumentException("weight " + name + " is " + t.type() + ", expected FLOAT");
    }
    float[] out = new float[(int) t.elements()];
    t.bytes().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** Checks that {@code name} exists with exactly {@code dims}; the message names both. */
  default TensorData expect(String name, long... dims) {
    checkShape(name, dims);
    return get(name);
  }

  /** Like {@link #expect} without reading the data (no conversion of bf16/fp16 checkpoints). */
  default void checkShape(String name, long... dims) {
    if (!has(name)) {
      throw new IllegalArgumentException("missing weight " + name + " (expected shape " + Arrays.toString(dims) + ")");
    }
    long[] found = shape(name);
    if (!Arrays.equals(found, dims)) {
      throw new IllegalArgumentException("weight " + name + " has shape " + Arrays.toString(found)
          + " but the config needs " + Arrays.toString(dims));
    }
  }

  @Override
  default void close() {}

  /** Weights held in memory (tests, tiny models). */
  static Weights of(Map<String, TensorData> tensors) {
    Map<String, TensorData> copy = Map.copyOf(tensors);
    return new Weights() {
      @Override
      public Set<String> names() {
        return copy.keySet();
      }

      @Override
      public TensorData get(String name) {
        TensorData t = copy.get(name);
        if (t == null) {
          throw new IllegalArgumentException("missing weight " + name);
        }
        return t;
      }
    };
  }
}
