package cockpit.train.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;

/**
 * The layer math of the ONNX graphs ({@code cockpit.npu.graph.GraphOps}) on NDArrays, op for op, so a
 * DJL forward and the exported graph agree to float rounding. Stateless.
 */
public final class Nn {
  private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);
  private static final float INV_SQRT_2 = (float) (1 / Math.sqrt(2));

  private Nn() {}

  /**
   * 2-D convolution of a square NCHW input with TF-style "same" padding (GraphOps.ConvSpec.same): out
   * = ceil(n/stride), total pad = max((out−1)·stride + k − n, 0), the smaller half before.
   *
   * @param w [out, in/groups, k, k]
   * @param biasOrNull [out] or null
   */
  public static NDArray conv2dSame(NDArray x, NDArray w, NDArray biasOrNull, int stride, int groups) {
    long n = x.getShape().get(2);
    long k = w.getShape().get(2);
    long out = (n + stride - 1) / stride;
    long total = Math.max((out - 1) * stride + k - n, 0);
    long before = total / 2;
    long after = total - before;
    NDArray in = x;
    Shape padding = new Shape(before, before);
    if (before != after) {
      // Asymmetric (stride 2 on even sizes): pad explicitly; F.pad order is (left, right, top, bottom).
      in = x.pad(new Shape(before, after, before, after), 0);
      padding = new Shape(0, 0);
    }
    return Conv2d.conv2d(in, w, biasOrNull, new Shape(stride, stride), padding, new Shape(1, 1), groups).singletonOrThrow();
  }

  /** RMS normalization over {@code axis}: {@code x / sqrt(mean(x²) + eps) · weight} (weight broadcasting). */
  public static NDArray rms(NDArray x, NDArray weightOrNull, float eps, int axis) {
    NDArray meanSq = x.mul(x).mean(new int[] {axis}, true);
    NDArray y = x.mul(meanSq.add(eps).pow(-0.5f)); // a multiply: cheaper forward and backward than a divide
    return weightOrNull == null ? y : y.mul(weightOrNull);
  }

  /** RMSNorm2d over NCHW channels with a [C] weight. */
  public static NDArray rms2d(NDArray x, NDArray weight, float eps) {
    return rms(x, weight.reshape(1, -1, 1, 1), eps, 1);
  }

  /** GELU, tanh approximation, written as the graph writes it. */
  public static NDArray geluTanh(NDArray x) {
    NDArray inner = x.add(x.mul(x).mul(x).mul(0.044715f)).mul(SQRT_2_OVER_PI);
    return x.mul(0.5f).mul(inner.tanh().add(1f));
  }

  /** GELU, exact: {@code 0.5x(1 + erf(x/√2))}. */
  public static NDArray geluErf(NDArray x) {
    return x.mul(0.5f).mul(x.mul(INV_SQRT_2).erf().add(1f));
  }

  /** {@code x · Wᵀ + b} for W [out, in] (Hugging Face layout); bias may be null. */
  public static NDArray linear(NDArray x, NDArray w, NDArray biasOrNull) {
    return biasOrNull == null ? Linear.linear(x, w).singletonOrThrow() : Linear.linear(x, w, biasOrNull).singletonOrThrow();
  }

  /** SiLU: {@code x · sigmoid(x)}. */
  public static NDArray silu(NDArray x) {
    return x.mul(Activation.sigmoid(x));
  }
}
