package cockpit.npu.model;

import java.util.Arrays;

/** A weight's name and shape as the config requires it (fp32, row-major; see MODEL.md). */
public record TensorSpec(String name, long[] shape) {
  public TensorSpec {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a tensor spec needs a name");
    }
    shape = shape.clone();
    for (long d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException("tensor " + name + ": non-positive dimension in " + Arrays.toString(shape));
      }
    }
  }

  public static TensorSpec of(String name, long... shape) {
    return new TensorSpec(name, shape);
  }

  public long elements() {
    return SafetensorsEntry.elements(shape);
  }

  /** Bytes in fp32. */
  public long bytes() {
    return 4 * elements();
  }

  /** Inputs per output unit: the product of every dimension after the first (in·kh·kw). */
  public long fanIn() {
    long n = 1;
    for (int i = 1; i < shape.length; i++) {
      n *= shape[i];
    }
    return n;
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t && name.equals(t.name) && Arrays.equals(shape, t.shape);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + Arrays.toString(shape);
  }
}
