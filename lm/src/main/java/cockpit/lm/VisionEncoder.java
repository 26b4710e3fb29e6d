package cockpit.lm;

/**
 * The vision encoder with its connector: pixels [3, S, S] in [0, 1] (CHW, RGB) → image features
 * [tokens · H] row-major, ready to replace the {@code <image>} rows of a prompt
 * ({@link ImageEmbeddings}). Backends: ONNX Runtime over {@code vision_encoder.onnx}
 * ({@code cockpit.lm.ort.OrtVisionEncoder}) and the plain-Java reference
 * ({@code cockpit.lm.reference.JavaVisionEncoder}).
 *
 * <p>Thread-safe: any number of threads may encode at once. The caller that opened it owns it;
 * {@link #close} is the {@link NativeResource} contract, so closing it while another thread encodes is
 * safe (that encode completes, then the encoder is freed; later encodes throw
 * {@link IllegalStateException}).
 */
public interface VisionEncoder extends AutoCloseable {
  /** Input side length S. */
  int imageSize();

  /** Feature rows per image (the {@code <image>} tokens one image takes in a prompt). */
  int tokens();

  /** Width of a feature row (the decoder's hidden size). */
  int hidden();

  /** Numeric precision of the encoder, e.g. {@code fp32} or {@code w8a16}. */
  String precision();

  /**
   * Encodes one image.
   *
   * @param cancel stops the run when cancelled; null when it cannot be cancelled
   * @throws IllegalArgumentException if {@code pixels} is not 3·S·S values
   * @throws InferenceException if the backend fails or the run was cancelled
   */
  float[] encode(float[] pixels, CancelHandle cancel);

  /** {@link #encode(float[], CancelHandle)} without cancellation. */
  default float[] encode(float[] pixels) {
    return encode(pixels, null);
  }

  @Override
  void close();

  /**
   * Waits until a closed encoder is freed (its last encode in flight has returned); see
   * {@link NativeResource#awaitFreed}.
   *
   * @return false if {@code timeout} passed first
   */
  boolean awaitFreed(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException;
}
