package cockpit.npu.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The bytes of an initializer (little-endian, row-major, ONNX layout) and its shape. The buffer may
 * be a slice of a memory-mapped weights file: the writer streams it to disk, so large models never
 * sit in heap as a whole.
 */
public record TensorData(DType type, long[] dims, ByteBuffer bytes) {
  public TensorData {
    long n = 1;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
      }
      n *= d;
    }
    if (type.bytes(n) != bytes.remaining()) {
      throw new IllegalArgumentException("tensor " + Arrays.toString(dims) + " of " + type + " needs "
          + type.bytes(n) + " bytes, got " + bytes.remaining());
    }
    dims = dims.clone();
    bytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  public static TensorData floats(long[] dims, float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new TensorData(DType.FLOAT, dims, b);
  }

  public static TensorData longs(long[] dims, long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(values);
    return new TensorData(DType.INT64, dims, b);
  }

  public static TensorData ints(long[] dims, int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    return new TensorData(DType.INT32, dims, b);
  }

  public long elements() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  @Override
  public ByteBuffer bytes() {
    return bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }
}
