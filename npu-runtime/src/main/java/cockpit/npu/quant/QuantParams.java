package cockpit.npu.quant;

import java.util.Arrays;

/**
 * Scale(s) and zero point(s) of one quantized tensor: one pair per tensor ({@code axis == -1}) or
 * one per channel along {@code axis}. {@code q = saturate(round_half_even(x / scale) + zp)}, {@code
 * x' = (q − zp) · scale} — the ONNX {@code QuantizeLinear}/{@code DequantizeLinear} semantics.
 */
public record QuantParams(QuantType type, float[] scales, int[] zeroPoints, int axis) {
  /** Ranges narrower than this get scale 1, zero point 0 (ONNX Runtime's tiny-scale rule). */
  private static final double TINY = Math.ulp(1.0f);

  public QuantParams {
    if (scales.length == 0 || scales.length != zeroPoints.length) {
      throw new IllegalArgumentException("need one zero point per scale, got " + scales.length + " scales and "
          + zeroPoints.length + " zero points");
    }
    if (axis < -1 || (axis == -1 && scales.length != 1)) {
      throw new IllegalArgumentException("axis " + axis + " with " + scales.length + " scales (per-tensor is axis -1)");
    }
    for (int i = 0; i < scales.length; i++) {
      if (!(scales[i] > 0) || !Float.isFinite(scales[i])) {
        throw new IllegalArgumentException("scale " + i + " is " + scales[i] + "; scales must be finite and > 0");
      }
      if (zeroPoints[i] < type.min() || zeroPoints[i] > type.max()) {
        throw new IllegalArgumentException("zero point " + zeroPoints[i] + " outside " + type + " [" + type.min() + ", "
            + type.max() + "]");
      }
    }
    scales = scales.clone();
    zeroPoints = zeroPoints.clone();
  }

  /**
   * Parameters for the real range [rmin, rmax] (widened to include 0), as ONNX Runtime's {@code
   * compute_scale_zp}: symmetric ranges become ±max|r| with the type's symmetric qmin; scale =
   * (rmax − rmin)/(qmax − qmin); zp = round(qmin − rmin/scale).
   */
  public static QuantParams ofRange(double rmin, double rmax, QuantType type, boolean symmetric) {
    double[] sz = scaleZeroPoint(rmin, rmax, type, symmetric);
    return new QuantParams(type, new float[] {(float) sz[0]}, new int[] {(int) sz[1]}, -1);
  }

  /** Per-channel parameters from per-channel ranges. */
  public static QuantParams ofRanges(double[] rmin, double[] rmax, QuantType type, boolean symmetric, int axis) {
    float[] s = new float[rmin.length];
    int[] z = new int[rmin.length];
    for (int c = 0; c < rmin.length; c++) {
      double[] sz = scaleZeroPoint(rmin[c], rmax[c], type, symmetric);
      s[c] = (float) sz[0];
      z[c] = (int) sz[1];
    }
    return new QuantParams(type, s, z, axis);
  }

  /** A fixed scale and zero point (the conventions for sigmoid/tanh outputs). */
  public static QuantParams fixed(QuantType type, float scale, int zeroPoint) {
    return new QuantParams(type, new float[] {scale}, new int[] {zeroPoint}, -1);
  }

  private static double[] scaleZeroPoint(double rmin, double rmax, QuantType type, boolean symmetric) {
    if (!Double.isFinite(rmin) || !Double.isFinite(rmax) || rmin > rmax) {
      throw new IllegalArgumentException("bad range [" + rmin + ", " + rmax + "]");
    }
    double lo = Math.min(rmin, 0);
    double hi = Math.max(rmax, 0);
    if (symmetric) {
      double m = Math.max(Math.abs(lo), Math.abs(hi));
      lo = -m;
      hi = m;
    }
    int qmin = type.paramMin(symmetric);
    double scale = (hi - lo) / ((double) type.max() - qmin);
    if (scale < TINY) {
      return new double[] {1.0, symmetric && !type.signed() ? Math.rint((type.max() + 1) / 2.0) : 0};
    }
    // Symmetric: zp = round((qmin + qmax)/2), independent of the scale (0, 128, 0, 32768 for
    // int8, uint8, int16, uint16), as ORT's compute_scale_zp; asymmetric from the double scale.
    double zp = symmetric ? Math.rint((qmin + (double) type.max()) / 2) : Math.rint(qmin - lo / scale);
    return new double[] {(float) scale, Math.max(type.min(), Math.min(type.max(), zp))};
  }

  public boolean perChannel() {
    return axis >= 0;
  }

  public int channels() {
    return scales.length;
  }

  public float scale(int channel) {
    return scales[channel];
  }

  public int zeroPoint(int channel) {
    return zeroPoints[channel];
  }

  /** Quantizes one value of channel {@code c} (round half to even, saturate). */
  public int quantize(float x, int c) {
    double q = Math.rint((double) x / scales[c]) + zeroPoints[c];
    return (int) Math.max(type.min(), Math.min(type.max(), q));
  }

  public float dequantize(int q, int c) {
    return (q - zeroPoints[c]) * scales[c];
  }

  /** The largest real value representable in channel {@code c}. */
  public double realMax(int c) {
    return (type.max() - zeroPoints[c]) * (double) scales[c];
  }

  /** The smallest real value representable in channel {@code c}. */
  public double realMin(int c) {
    return (type.min() - zeroPoints[c]) * (double) scales[c];
  }

  @Override
  public float[] scales() {
    return scales.clone();
  }

  @Override
  public int[] zeroPoints() {
    return zeroPoints.clone();
  }

  @Override
  public String toString() {
    return type + (axis < 0 ? "" : " axis " + axis) + " scale " + Arrays.toString(scales.length > 4
        ? Arrays.copyOf(scales, 4) : scales) + " zp " + Arrays.toString(zeroPoints.length > 4
        ? Arrays.copyOf(zeroPoints, 4) : zeroPoints);
  }
}
