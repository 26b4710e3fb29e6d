package cockpit.lm.reference;

import cockpit.lm.CancelHandle;
import cockpit.lm.InferenceException;
import cockpit.lm.NativeResource;
import cockpit.lm.VisionEncoder;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.reference.ReferenceVision;

/**
 * The {@link VisionEncoder} in plain Java: npu-runtime's {@link ReferenceVision} (MobileNetV5-style
 * or ViT encoder plus connector as naive loops, the oracle of {@code vision_encoder.onnx}) used as a
 * backend; fp32. Copies the weights into the heap; meant for tiny and small models. Thread-safe (the
 * weights are immutable); a cancellation is seen before the encode starts. {@link #close} is the
 * {@link NativeResource} contract.
 */
public final class JavaVisionEncoder extends NativeResource implements VisionEncoder {
  private final ReferenceVision reference;
  private final int size;
  private final int tokens;
  private final int hidden;

  /** @throws IllegalArgumentException if the model has no vision part or a weight is missing */
  public JavaVisionEncoder(ModelConfig config, Weights weights) {
    super("reference vision encoder " + config.profile());
    this.reference = new ReferenceVision(config, weights);
    this.size = config.vision().imageSize();
    this.tokens = config.vision().tokens();
    this.hidden = config.text().hiddenSize();
  }

  @Override
  public int imageSize() {
    return size;
  }

  @Override
  public int tokens() {
    return tokens;
  }

  @Override
  public int hidden() {
    return hidden;
  }

  @Override
  public String precision() {
    return "fp32";
  }

  @Override
  public float[] encode(float[] pixels, CancelHandle cancel) {
    if (pixels.length != 3 * size * size) {
      throw new IllegalArgumentException("pixels hold " + pixels.length + " values; the encoder needs 3×" + size + "×"
          + size + " = " + 3 * size * size);
    }
    return use(() -> {
      if (cancel != null && cancel.cancelled()) {
        throw new InferenceException("cancelled before the encode started");
      }
      float[][] rows = reference.encode(pixels); // [tokens][H]
      float[] out = new float[tokens * hidden];
      for (int t = 0; t < rows.length; t++) {
        System.arraycopy(rows[t], 0, out, t * hidden, hidden);
      }
      return out;
    });
  }

  @Override
  protected void free() {
    // Heap only.
  }
}
