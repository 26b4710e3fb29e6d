package cockpit.npu.reference;

import cockpit.npu.model.Weights;

/**
 * The scalar building blocks of the reference forward: plain loops over row-major float arrays,
 * accumulating in double. Stateless; every method allocates its result.
 */
final class Ops {
  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  private Ops() {}

  /** The weight after checking its shape; the exception names the tensor. */
  static float[] load(Weights weights, String name, long... dims) {
    weights.expect(name, dims);
    return weights.floats(name);
  }

  /** {@code w x} for {@code w} [out, in] row-major. */
  static float[] linear(float[] w, float[] x, int out) {
    int in = x.length;
    if (w.length != out * in) {
      throw new IllegalArgumentException("linear: weight of " + w.length + " floats is not [" + out + ", " + in + "]");
    }
    float[] y = new float[out];
    for (int o = 0; o < out; o++) {
      double s = 0;
      int row = o * in;
      for (int i = 0; i < in; i++) {
        s += (double) w[row + i] * x[i];
      }
      y[o] = (float) s;
    }
    return y;
  }

  /** {@code w x + b}. */
  static float[] linear(float[] w, float[] b, float[] x) {
    float[] y = linear(w, x, b.length);
    for (int o = 0; o < y.length; o++) {
      y[o] += b[o];
    }
    return y;
  }

  /** RMSNorm of {@code x[off .. off+n)}: {@code w ⊙ x / sqrt(mean(x²) + eps)}. */
  static float[] rms(float[] x, int off, int n, float[] w, double eps) {
    double ss = 0;
    for (int i = 0; i < n; i++) {
      ss += (double) x[off + i] * x[off + i];
    }
    double inv = 1 / Math.sqrt(ss / n + eps);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (w[i] * (x[off + i] * inv));
    }
    return y;
  }

  static float[] rms(float[] x, float[] w, double eps) {
    return rms(x, 0, x.length, w, eps);
  }

  /** LayerNorm with biased variance: {@code w ⊙ (x − mean) / sqrt(var + eps) + b}. */
  static float[] layerNorm(float[] x, float[] w, float[] b, double eps) {
    int n = x.length;
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= n;
    double var = 0;
    for (float v : x) {
      var += (v - mean) * (v - mean);
    }
    double inv = 1 / Math.sqrt(var / n + eps);
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (w[i] * ((x[i] - mean) * inv) + b[i]);
    }
    return y;
  }

  static double silu(double x) {
    return x / (1 + Math.exp(-x));
  }

  /** GELU, tanh approximation (the MobileNet encoder). */
  static float geluTanh(float x) {
    return (float) (0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + 0.044715 * x * x * x))));
  }

  /** GELU, exact (the ViT MLP and the connector). */
  static float geluErf(float x) {
    return (float) (0.5 * x * (1 + erf(x / Math.sqrt(2))));
  }

  /**
   * erf to about double precision: {@code erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1))},
   * a series of positive terms (no cancellation); beyond |x| = 6, erf is ±1 in double.
   */
  static double erf(double x) {
    double ax = Math.abs(x);
    if (ax >= 6) {
      return Math.signum(x);
    }
    double term = ax;
    double sum = ax;
    for (int n = 1; n < 500 && term > 1e-18 * sum; n++) {
      term *= 2 * ax * ax / (2 * n + 1);
      sum += term;
    }
    return Math.copySign(Math.min(1, TWO_OVER_SQRT_PI * Math.exp(-ax * ax) * sum), x);
  }

  /** In-place softmax of {@code s[0 .. n)}, in double. */
  static double[] softmax(double[] s, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, s[i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      s[i] = Math.exp(s[i] - max);
      sum += s[i];
    }
    for (int i = 0; i < n; i++) {
      s[i] /= sum;
    }
    return s;
  }

  /**
   * Rotate-half RoPE of one head vector {@code x[off .. off+hd)} at {@code pos}, in place: angles
   * {@code pos·θ^(−2j/hd)} for j < hd/2 computed in double, {@code x' = x·cos + rotate_half(x)·sin}.
   */
  static void rope(float[] x, int off, int hd, long pos, double theta) {
    int half = hd / 2;
    for (int j = 0; j < half; j++) {
      double angle = pos * Math.pow(theta, -2.0 * j / hd);
      double c = Math.cos(angle);
      double s = Math.sin(angle);
      double a = x[off + j];
      double b = x[off + half + j];
      // rotate_half(x) = concat(−x[hd/2:], x[:hd/2]); cos and sin repeat over both halves
      x[off + j] = (float) (a * c - b * s);
      x[off + half + j] = (float) (b * c + a * s);
    }
  }
}
