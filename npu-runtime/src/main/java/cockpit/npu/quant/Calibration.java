package cockpit.npu.quant;

/**
 * The activation range of one tensor, merged over calibration batches: exact min/max and a
 * histogram of |x| (2048 bins at first; when a later batch exceeds the range the histogram grows
 * at the same bin width, as ONNX Runtime's {@code HistogramCollector} does). {@link #range} turns
 * it into a clipping range by one of three {@link Method}s. Not thread-safe.
 */
public final class Calibration {
  /** How the clipping range is chosen. */
  public enum Method {
    /** Observed min and max. */
    MINMAX,
    /** ±the {@link #PERCENTILE}-th percentile of |x| (ORT default 99.999), clipped to min/max. */
    PERCENTILE,
    /** ±the threshold minimising the expected squared quantize-dequantize error over the histogram. */
    MSE;

    public static Method parse(String s) {
      for (Method m : values()) {
        if (m.name().equalsIgnoreCase(s.trim())) {
          return m;
        }
      }
      throw new IllegalArgumentException("unknown calibration method '" + s + "' (minmax, percentile, mse)");
    }
  }

  public static final double PERCENTILE = 99.999;
  static final int BINS = 2048;
  private static final int MAX_BINS = 1 << 16;

  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private long[] hist;
  private double width;
  private long count;

  /** Adds one batch of values (NaN is rejected: it would poison every range). */
  public void add(float[] x) {
    double absMax = 0;
    for (float v : x) {
      if (Float.isNaN(v)) {
        throw new IllegalArgumentException("calibration data holds NaN");
      }
      min = Math.min(min, v);
      max = Math.max(max, v);
      absMax = Math.max(absMax, Math.abs(v));
    }
    if (hist == null) {
      hist = new long[BINS];
      width = absMax > 0 ? absMax / BINS : Float.MIN_NORMAL;
    }
    while (absMax > width * hist.length) {
      grow();
    }
    for (float v : x) {
      int b = (int) Math.min(hist.length - 1, Math.abs(v) / width);
      hist[b]++;
    }
    count += x.length;
  }

  private void grow() {
    if (hist.length * 2 <= MAX_BINS) {
      hist = java.util.Arrays.copyOf(hist, hist.length * 2);
      return;
    }
    long[] merged = new long[hist.length]; // too many bins: double the width instead
    for (int i = 0; i < hist.length; i++) {
      merged[i / 2] += hist[i];
    }
    hist = merged;
    width *= 2;
  }

  public long count() {
    return count;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  /** The clipping range {lo, hi} for {@code type}; MINMAX is exact, the others are symmetric clips of it. */
  public double[] range(Method method, QuantType type) {
    if (count == 0) {
      throw new IllegalStateException("no calibration data was added");
    }
    double t = switch (method) {
      case MINMAX -> Double.POSITIVE_INFINITY;
      case PERCENTILE -> percentile(PERCENTILE);
      case MSE -> mseThreshold(type);
    };
    return new double[] {Math.max(min, -t), Math.min(max, t)};
  }

  /** The upper edge of the bin where the cumulative share of |x| reaches {@code p} percent. */
  double percentile(double p) {
    double target = count * p / 100.0 - 1e-6; // first bin whose CDF reaches p (numpy searchsorted)
    long seen = 0;
    for (int i = 0; i < hist.length; i++) {
      seen += hist[i];
      if (seen >= target) {
        return (i + 1) * width;
      }
    }
    return hist.length * width;
  }

  /**
   * Tries thresholds at 128 evenly spaced bin edges up to max|x| and keeps the one with the least
   * sum over bins of count · (center − fakequant(center))², symmetric grid of {@code type}.
   */
  double mseThreshold(QuantType type) {
    int last = hist.length;
    while (last > 1 && hist[last - 1] == 0) {
      last--;
    }
    int levels = type.max() - type.paramMin(true);
    double best = last * width;
    double bestErr = Double.POSITIVE_INFINITY;
    int step = Math.max(1, last / 128);
    for (int e = step; e < last + step; e += step) {
      int edge = Math.min(e, last); // the last candidate is always max|x| itself
      double t = edge * width;
      double scale = 2 * t / levels;
      double err = 0;
      for (int i = 0; i < last; i++) {
        if (hist[i] == 0) {
          continue;
        }
        double c = (i + 0.5) * width;
        double q = Math.min(t, Math.rint(c / scale) * scale);
        err += hist[i] * (c - q) * (c - q);
      }
      if (err < bestErr) {
        bestErr = err;
        best = t;
      }
    }
    return best;
  }
}
