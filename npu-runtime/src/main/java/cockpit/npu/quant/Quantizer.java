package cockpit.npu.quant;

import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Array-level quantization: weight parameters from a tensor's own range (per tensor or per
 * channel), quantize/dequantize under {@link QuantParams}, int32 bias as ONNX Runtime's QDQ tooling
 * does, and packing to ONNX initializer bytes (4-bit types two per byte, low nibble first).
 * Stateless.
 */
public final class Quantizer {
  private Quantizer() {}

  /** Weight parameters from min/max over the whole tensor ({@code axis -1}) or per slice of {@code axis}. */
  public static QuantParams weightParams(float[] w, long[] dims, int axis, QuantType type, boolean symmetric) {
    int channels = axis < 0 ? 1 : Math.toIntExact(dims[axis]);
    double[] lo = new double[channels];
    double[] hi = new double[channels];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    long inner = inner(dims, axis);
    for (int i = 0; i < w.length; i++) {
      int c = channel(i, inner, channels, axis);
      lo[c] = Math.min(lo[c], w[i]);
      hi[c] = Math.max(hi[c], w[i]);
    }
    return axis < 0 ? QuantParams.ofRange(lo[0], hi[0], type, symmetric)
        : QuantParams.ofRanges(lo, hi, type, symmetric, axis);
  }

  /** Quantizes {@code x} of shape {@code dims} under {@code p} (per-channel along {@code p.axis()}). */
  public static int[] quantize(float[] x, long[] dims, QuantParams p) {
    check(x.length, dims, p);
    long inner = inner(dims, p.axis());
    int[] q = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      q[i] = p.quantize(x[i], channel(i, inner, p.channels(), p.axis()));
    }
    return q;
  }

  public static float[] dequantize(int[] q, long[] dims, QuantParams p) {
    check(q.length, dims, p);
    long inner = inner(dims, p.axis());
    float[] x = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      x[i] = p.dequantize(q[i], channel(i, inner, p.channels(), p.axis()));
    }
    return x;
  }

  /** Quantize then dequantize: the values a QDQ graph computes with. */
  public static float[] fakeQuantize(float[] x, long[] dims, QuantParams p) {
    return dequantize(quantize(x, dims, p), dims, p);
  }

  /**
   * Bias parameters: int32, zero point 0, scale = inputScale · weightScale (per channel when the
   * weight is), as {@code QDQQuantizer.quantize_bias_static}.
   */
  public static QuantParams biasParams(float inputScale, QuantParams weight) {
    float[] s = new float[weight.channels()];
    for (int c = 0; c < s.length; c++) {
      s[c] = inputScale * weight.scale(c);
    }
    return new QuantParams(QuantType.INT32, s, new int[s.length], weight.perChannel() ? 0 : -1);
  }

  /**
   * Raises weight scales where the int32 bias would overflow (ONNX Runtime's {@code
   * adjust_weight_scale_for_int32_bias}): the bias scale must be at least |b|/(2³¹−1).
   */
  public static QuantParams adjustWeightForBias(float[] bias, float inputScale, QuantParams weight) {
    float[] s = weight.scales();
    boolean changed = false;
    for (int c = 0; c < bias.length; c++) {
      int wc = weight.perChannel() ? c : 0;
      double needed = Math.abs((double) bias[c]) / Integer.MAX_VALUE;
      if ((double) inputScale * s[wc] < needed) {
        s[wc] = (float) (needed / inputScale) * (1 + 1e-6f);
        changed = true;
      }
    }
    return changed ? new QuantParams(weight.type(), s, weight.zeroPoints(), weight.axis()) : weight;
  }

  /** Packs quantized values as an ONNX initializer of {@code type} (4-bit: low nibble first). */
  public static TensorData pack(int[] q, long[] dims, QuantType type) {
    DType d = type.dtype();
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(d.bytes(q.length))).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < q.length; i++) {
      int v = q[i];
      if (v < type.min() || v > type.max()) {
        throw new IllegalArgumentException("value " + v + " at " + i + " outside " + type);
      }
      switch (d.bits()) {
        case 4 -> b.put(i / 2, (byte) (i % 2 == 0 ? (v & 0xF) : (b.get(i / 2) & 0xF) | ((v & 0xF) << 4)));
        case 8 -> b.put(i, (byte) v);
        case 16 -> b.putShort(2 * i, (short) v);
        case 32 -> b.putInt(4 * i, v);
        default -> throw new IllegalArgumentException("cannot pack " + type);
      }
    }
    return new TensorData(d, dims, b);
  }

  /** Scales as a float initializer: a scalar per tensor, [C] per channel. */
  public static TensorData scaleTensor(QuantParams p) {
    return TensorData.floats(p.perChannel() ? new long[] {p.channels()} : new long[0], p.scales());
  }

  /** Zero points as an initializer of the quantized type: a scalar per tensor, [C] per channel. */
  public static TensorData zeroPointTensor(QuantParams p) {
    return pack(p.zeroPoints(), p.perChannel() ? new long[] {p.channels()} : new long[0], p.type());
  }

  /** Reads a FLOAT initializer's values. */
  public static float[] floats(TensorData t) {
    if (t.type() != DType.FLOAT) {
      throw new IllegalArgumentException("expected a FLOAT tensor, got " + t.type());
    }
    float[] v = new float[Math.toIntExact(t.elements())];
    t.bytes().asFloatBuffer().get(v);
    return v;
  }

  private static void check(int n, long[] dims, QuantParams p) {
    long e = 1;
    for (long d : dims) {
      e *= d;
    }
    if (e != n) {
      throw new IllegalArgumentException(n + " values do not fill shape " + Arrays.toString(dims));
    }
    if (p.perChannel() && (p.axis() >= dims.length || dims[p.axis()] != p.channels())) {
      throw new IllegalArgumentException(p.channels() + " channel scales on axis " + p.axis() + " of shape "
          + Arrays.toString(dims));
    }
  }

  private static long inner(long[] dims, int axis) {
    long inner = 1;
    for (int i = axis + 1; axis >= 0 && i < dims.length; i++) {
      inner *= dims[i];
    }
    return inner;
  }

  private static int channel(int index, long inner, int channels, int axis) {
    return axis < 0 ? 0 : (int) ((index / inner) % channels);
  }
}
