package cockpit.train.vlm;

import cockpit.npu.model.BlockSpec;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.SpecialTokens;
import cockpit.npu.model.TextConfig;
import cockpit.npu.model.VisionConfig;
import cockpit.train.data.VlmSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A micro VLM and a task only the image answers: 64-id vocabulary (image ids 8–10), hidden 32, four
 * layers (conv, attention, conv, attention), a 64² MobileNet-style encoder with 4 image tokens; each
 * sample is a prompt, the image's 4 placeholders, and the answer token 20 + the image's colour
 * class (0–3), then end of turn. Chance is ln 4 on the answer token.
 */
final class MicroVlm {
  static final SpecialTokens TOKENS = new SpecialTokens(0, 1, 7, 6, 7, 8, 9, 10);
  static final TextConfig TEXT = new TextConfig(64, 32, 4, List.of("conv", "full_attention", "conv",
      "full_attention"), 3, 4, 2, 8, 64, false, null, 8, 1e-5, 1e4, true, 256);
  static final VisionConfig.MobileNet VISION = new VisionConfig.MobileNet(64, 16,
      List.of(List.of(BlockSpec.parse("er_k3_s2_e2_c8")), List.of(BlockSpec.parse("uir_a3_k3_s2_e2_c12")),
          List.of(BlockSpec.parse("uir_a3_k3_s2_e2_c16"))),
      16, 16, 2, 1e-6, 32);
  static final ModelConfig CONFIG = new ModelConfig(TEXT, VISION, TOKENS, "micro", 1, 256);
  static final float[][] COLOURS = {{0.9f, 0.1f, 0.1f}, {0.1f, 0.8f, 0.2f}, {0.2f, 0.2f, 0.9f}, {0.9f, 0.9f, 0.2f}};

  private MicroVlm() {}

  /** Sample {@code index}: a noisy image of one of four colours and its answer. */
  static VlmSample sample(long index) {
    SplittableRandom r = new SplittableRandom(77 + index * 31);
    int cls = r.nextInt(4);
    float[] px = new float[3 * 64 * 64];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < 64 * 64; i++) {
        px[c * 64 * 64 + i] = (float) Math.clamp(COLOURS[cls][c] + 0.15 * r.nextGaussian(), 0, 1);
      }
    }
    int extra = r.nextInt(3); // varying prompt length: padding in every batch
    List<Integer> ids = new ArrayList<>(List.of(1, 6, 11, 12));
    for (int i = 0; i < extra; i++) {
      ids.add(13 + i);
    }
    ids.addAll(List.of(9, 8, 8, 8, 8, 10, 14, 7, 6, 15));
    ids.add(20 + cls);
    ids.add(7);
    int[] arr = ids.stream().mapToInt(Integer::intValue).toArray();
    boolean[] target = new boolean[arr.length];
    target[arr.length - 2] = true;
    target[arr.length - 1] = true;
    return new VlmSample("colour", arr, target, List.of(px));
  }

  /** A batch source of 8 samples per step, two with no image (text-only rows mix in). */
  static BatchSource source() {
    return (step, stage) -> {
      List<VlmSample> out = new ArrayList<>();
      for (int k = 0; k < 8; k++) {
        VlmSample s = sample(step * 8 + k);
        if (k >= 6) {
          int[] ids = Arrays.stream(s.ids()).filter(id -> id < 8 || id > 10).toArray();
          boolean[] t = new boolean[ids.length];
          t[ids.length - 1] = true;
          s = new VlmSample("text", ids, t, List.of());
        }
        out.add(s);
      }
      return out;
    };
  }

  static List<float[]> spreadImages() {
    List<float[]> out = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      out.add(sample(1000 + i).images().getFirst());
    }
    return out;
  }
}
