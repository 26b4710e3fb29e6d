package cockpit.npu.quant;

/**
 * How far a quantized tensor is from its float reference: SQNR in dB, {@code 10·log10(Σx² /
 * Σ(x − x̂)²)}, and RMS error as a percentage of the float RMS, {@code 100·rms(x − x̂)/rms(x)} (the
 * two figures of the AutoNeural paper's table: 45 dB / 0.562 %). They are two views of one ratio:
 * rms% = 100·10^(−SQNR/20).
 */
public record ErrorStats(double sqnrDb, double rmsErrorPercent, double maxAbsError, long count) {
  public ErrorStats {
    if (count <= 0) {
      throw new IllegalArgumentException("error statistics over no values");
    }
  }

  /** Compares {@code actual} with the float {@code reference} of the same length. */
  public static ErrorStats of(float[] reference, float[] actual) {
    if (reference.length != actual.length || reference.length == 0) {
      throw new IllegalArgumentException("compare needs equal, non-empty lengths: " + reference.length + " vs "
          + actual.length);
    }
    double signal = 0;
    double noise = 0;
    double maxAbs = 0;
    for (int i = 0; i < reference.length; i++) {
      double d = (double) reference[i] - actual[i];
      signal += (double) reference[i] * reference[i];
      noise += d * d;
      maxAbs = Math.max(maxAbs, Math.abs(d));
    }
    double sqnr = noise == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(signal / noise);
    double rms = signal == 0 ? (noise == 0 ? 0 : Double.POSITIVE_INFINITY) : 100 * Math.sqrt(noise / signal);
    return new ErrorStats(sqnr, rms, maxAbs, reference.length);
  }

  /** Merges statistics over several tensors by summing signal and noise energy. */
  public static ErrorStats pooled(float[][] reference, float[][] actual) {
    int n = 0;
    for (float[] r : reference) {
      n += r.length;
    }
    float[] a = new float[n];
    float[] b = new float[n];
    int at = 0;
    for (int i = 0; i < reference.length; i++) {
      System.arraycopy(reference[i], 0, a, at, reference[i].length);
      System.arraycopy(actual[i], 0, b, at, actual[i].length);
      at += reference[i].length;
    }
    return of(a, b);
  }
}
