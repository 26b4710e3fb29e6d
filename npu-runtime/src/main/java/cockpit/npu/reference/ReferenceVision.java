package cockpit.npu.reference;

import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * The vision encoder (MobileNetV5-style or the ViT baseline) plus the connector in plain loops,
 * exactly as MODEL.md writes them: the test oracle for {@code vision_encoder.onnx}. One image per
 * call. Copies and shape-checks every weight at construction; immutable afterwards and safe to
 * share between threads.
 */
public final class ReferenceVision {
  private final VisionConfig vision;
  private final TokenEncoder encoder;
  private final float[] linear1W; // [P, D]
  private final float[] linear1B;
  private final float[] linear2W; // [H, P]
  private final float[] linear2B;

  /** The model's encoder and connector; {@code config} must have vision. */
  public ReferenceVision(ModelConfig config, Weights weights) {
    this(requireVision(config), config.text().hiddenSize(), weights);
  }

  /** {@code vision} with a connector into a text model of width {@code textHidden}. */
  public ReferenceVision(VisionConfig vision, int textHidden, Weights weights) {
    this.vision = vision;
    this.encoder = switch (vision) {
      case VisionConfig.MobileNet m -> new MobileNetEncoder(m, weights);
      case VisionConfig.Vit v -> new VitEncoder(v, weights);
    };
    int d = vision.featureDim();
    int p = vision.projectorHiddenSize();
    linear1W = Ops.load(weights, "connector.linear_1.weight", p, d);
    linear1B = Ops.load(weights, "connector.linear_1.bias", p);
    linear2W = Ops.load(weights, "connector.linear_2.weight", textHidden, p);
    linear2B = Ops.load(weights, "connector.linear_2.bias", textHidden);
  }

  private static VisionConfig requireVision(ModelConfig config) {
    if (!config.hasVision()) {
      throw new IllegalArgumentException("model '" + config.profile() + "' has no vision encoder");
    }
    return config.vision();
  }

  public VisionConfig vision() {
    return vision;
  }

  /**
   * {@code image_features} [256][H] for one image: {@code pixels} is [3, S, S] flattened CHW, RGB
   * in [0, 1]; tokens in row-major grid order.
   */
  public float[][] encode(float[] pixels) {
    float[][] tokens = tokens(pixels);
    float[][] out = new float[tokens.length][];
    for (int t = 0; t < tokens.length; t++) {
      float[] h = Ops.linear(linear1W, linear1B, tokens[t]);
      for (int j = 0; j < h.length; j++) {
        h[j] = Ops.geluErf(h[j]);
      }
      out[t] = Ops.linear(linear2W, linear2B, h);
    }
    return out;
  }

  /** The encoder's tokens before the connector, [256][featureDim]. */
  public float[][] tokens(float[] pixels) {
    return encoder.tokens(pixels);
  }

  /**
   * MobileNet only, for debugging graphs stage by stage: the stem output then each stage's output,
   * each [C, h, w] flattened CHW.
   */
  public List<float[]> stageOutputs(float[] pixels) {
    if (!(encoder instanceof MobileNetEncoder m)) {
      throw new IllegalStateException("stage outputs exist only for the MobileNet encoder");
    }
    List<float[]> out = new ArrayList<>();
    for (FeatureMap f : m.stageOutputs(pixels)) {
      out.add(f.data().clone());
    }
    return out;
  }

  /** TF-'same' padding for input {@code n}, kernel {@code k}, stride {@code s}: {out, before, after}. */
  public static int[] samePadding(int n, int k, int s) {
    return FeatureMap.samePadding(n, k, s);
  }
}
