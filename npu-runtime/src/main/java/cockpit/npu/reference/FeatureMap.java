package cockpit.npu.reference;

import java.util.Arrays;

/**
 * One image's activations, [C, H, W] flattened row-major (CHW), and the NCHW operations of the
 * reference encoders as plain loops. Every operation returns a new map.
 */
record FeatureMap(int channels, int height, int width, float[] data) {
  FeatureMap {
    if (data.length != channels * height * width) {
      throw new IllegalArgumentException(data.length + " floats are not [" + channels + ", " + height + ", " + width
          + "]");
    }
  }

  int plane() {
    return height * width;
  }

  /** TF-'same' padding for input {@code n}, kernel {@code k}, stride {@code s}: {out, before, after}. */
  static int[] samePadding(int n, int k, int s) {
    int out = (n + s - 1) / s;
    int total = Math.max((out - 1) * s + k - n, 0);
    return new int[] {out, total / 2, total - total / 2};
  }

  /**
   * Square convolution with TF-'same' padding: {@code w} [out, C, k, k], or [C, 1, k, k] when
   * {@code depthwise}; {@code bias} [out] or null.
   */
  FeatureMap conv(float[] w, int out, int k, int stride, boolean depthwise, float[] bias) {
    int perOut = depthwise ? 1 : channels;
    if (depthwise && out != channels) {
      throw new IllegalArgumentException("depthwise conv maps " + channels + " channels to " + out);
    }
    if (w.length != out * perOut * k * k) {
      throw new IllegalArgumentException("conv weight of " + w.length + " floats is not [" + out + ", " + perOut
          + ", " + k + ", " + k + "]");
    }
    int[] py = samePadding(height, k, stride);
    int[] px = samePadding(width, k, stride);
    int oh = py[0];
    int ow = px[0];
    float[] y = new float[out * oh * ow];
    double[] acc = new double[oh * ow];
    for (int o = 0; o < out; o++) {
      Arrays.fill(acc, bias == null ? 0 : bias[o]);
      for (int j = 0; j < perOut; j++) {
        int base = (depthwise ? o : j) * plane();
        for (int ky = 0; ky < k; ky++) {
          for (int kx = 0; kx < k; kx++) {
            double wv = w[((o * perOut + j) * k + ky) * k + kx];
            for (int oy = 0; oy < oh; oy++) {
              int iy = oy * stride + ky - py[1];
              if (iy < 0 || iy >= height) {
                continue;
              }
              int row = base + iy * width;
              for (int ox = 0; ox < ow; ox++) {
                int ix = ox * stride + kx - px[1];
                if (ix >= 0 && ix < width) {
                  acc[oy * ow + ox] += wv * data[row + ix];
                }
              }
            }
          }
        }
      }
      for (int i = 0; i < acc.length; i++) {
        y[o * oh * ow + i] = (float) acc[i];
      }
    }
    return new FeatureMap(out, oh, ow, y);
  }

  /** RMSNorm2d: each pixel normalised over channels, times {@code w[c]}; then GELU-tanh if asked. */
  FeatureMap rms2d(float[] w, double eps, boolean gelu) {
    if (w.length != channels) {
      throw new IllegalArgumentException("norm weight of " + w.length + " for " + channels + " channels");
    }
    int n = plane();
    float[] y = new float[data.length];
    for (int i = 0; i < n; i++) {
      double ss = 0;
      for (int c = 0; c < channels; c++) {
        double v = data[c * n + i];
        ss += v * v;
      }
      double inv = 1 / Math.sqrt(ss / channels + eps);
      for (int c = 0; c < channels; c++) {
        float v = (float) (w[c] * (data[c * n + i] * inv));
        y[c * n + i] = gelu ? Ops.geluTanh(v) : v;
      }
    }
    return new FeatureMap(channels, height, width, y);
  }

  /** Each channel times {@code gamma[c]} (layer scale). */
  FeatureMap scale(float[] gamma) {
    float[] y = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      y[i] = data[i] * gamma[i / plane()];
    }
    return new FeatureMap(channels, height, width, y);
  }

  FeatureMap plus(FeatureMap o) {
    if (o.channels != channels || o.height != height || o.width != width) {
      throw new IllegalArgumentException("residual shapes differ");
    }
    float[] y = new float[data.length];
    for (int i = 0; i < data.length; i++) {
      y[i] = data[i] + o.data[i];
    }
    return new FeatureMap(channels, height, width, y);
  }

  /** Nearest-neighbour upsampling by an integer factor: out[y, x] = in[y / f, x / f]. */
  FeatureMap upsample(int f) {
    int oh = height * f;
    int ow = width * f;
    float[] y = new float[channels * oh * ow];
    for (int c = 0; c < channels; c++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          y[(c * oh + oy) * ow + ox] = data[(c * height + oy / f) * width + ox / f];
        }
      }
    }
    return new FeatureMap(channels, oh, ow, y);
  }

  /** Channel concatenation [this; o]. */
  FeatureMap concat(FeatureMap o) {
    if (o.height != height || o.width != width) {
      throw new IllegalArgumentException("concat of " + height + "x" + width + " and " + o.height + "x" + o.width);
    }
    float[] y = Arrays.copyOf(data, data.length + o.data.length);
    System.arraycopy(o.data, 0, y, data.length, o.data.length);
    return new FeatureMap(channels + o.channels, height, width, y);
  }

  /** Average pooling with kernel = stride = {@code k}; the sides must divide. */
  FeatureMap avgPool(int k) {
    if (height % k != 0 || width % k != 0) {
      throw new IllegalArgumentException(height + "x" + width + " does not pool evenly by " + k);
    }
    int oh = height / k;
    int ow = width / k;
    float[] y = new float[channels * oh * ow];
    for (int c = 0; c < channels; c++) {
      for (int oy = 0; oy < oh; oy++) {
        for (int ox = 0; ox < ow; ox++) {
          double s = 0;
          for (int dy = 0; dy < k; dy++) {
            for (int dx = 0; dx < k; dx++) {
              s += data[(c * height + oy * k + dy) * width + ox * k + dx];
            }
          }
          y[(c * oh + oy) * ow + ox] = (float) (s / (k * k));
        }
      }
    }
    return new FeatureMap(channels, oh, ow, y);
  }

  /** Pixels as tokens in row-major order (token = y·W + x), [H·W][C]. */
  float[][] tokens() {
    int n = plane();
    float[][] t = new float[n][channels];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < n; i++) {
        t[i][c] = data[c * n + i];
      }
    }
    return t;
  }
}
