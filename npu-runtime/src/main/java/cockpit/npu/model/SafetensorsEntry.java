package cockpit.npu.model;

import java.util.Arrays;

/**
 * One tensor of a safetensors header: its name, stored type, shape and byte range relative to the
 * start of the data section ({@code [begin, end)}).
 */
public record SafetensorsEntry(String name, SafetensorsDType dtype, long[] shape, long begin, long end) {
  public SafetensorsEntry {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a tensor needs a non-empty name");
    }
    shape = shape.clone();
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor " + name + ": negative dimension in shape "
            + Arrays.toString(shape));
      }
    }
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("tensor " + name + ": data_offsets [" + begin + ", " + end + "] are invalid");
    }
    long need = Math.multiplyExact(elements(shape), dtype.size());
    if (end - begin != need) {
      throw new IllegalArgumentException("tensor " + name + ": " + dtype + " " + Arrays.toString(shape) + " needs "
          + need + " bytes but data_offsets [" + begin + ", " + end + "] span " + (end - begin));
    }
  }

  /** The product of {@code shape} (1 for a scalar), failing on overflow. */
  public static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  public long elements() {
    return elements(shape);
  }

  /** Stored bytes. */
  public long byteSize() {
    return end - begin;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SafetensorsEntry e && name.equals(e.name) && dtype == e.dtype && Arrays.equals(shape, e.shape)
        && begin == e.begin && end == e.end;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + dtype + " " + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
  }
}
