package cockpit.train.text;

import cockpit.npu.model.TextConfig;
import cockpit.npu.model.WeightGenerator;
import cockpit.train.torch.Params;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The decoder's seeded initialisation for training from scratch: norms 1; embeddings N(0, 1/√H)
 * (tied lm_head: logits start near unit scale); projections N(0, 1/√fan_in), the ones writing into
 * the residual stream ({@code out_proj}, {@code w2}) further × 1/√(2·layers); conv kernels N(0, 1/√L).
 * Tensor {@code name} draws from {@code SplittableRandom(seed ^ fnv1a64(name))}, so its values do not
 * depend on the other tensors. Stateless.
 */
public final class DecoderInit {
  private DecoderInit() {}

  /** Puts every tensor of {@code shapes} (an {@link Lfm2Decoder}'s) into {@code params}. */
  public static void init(TextConfig c, Map<String, long[]> shapes, Params params, long seed) {
    double residual = 1 / Math.sqrt(2.0 * c.numHiddenLayers());
    shapes.forEach((name, dims) -> {
      SplittableRandom r = new SplittableRandom(seed ^ WeightGenerator.fnv1a64(name));
      long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
      float[] v = new float[Math.toIntExact(n)];
      if (name.contains("norm")) {
        Arrays.fill(v, 1f);
        params.put(name, v, dims);
        return;
      }
      double std;
      if (name.equals("model.embed_tokens.weight")) {
        std = 1 / Math.sqrt(c.hiddenSize());
      } else if (name.endsWith("conv.conv.weight")) {
        std = 1 / Math.sqrt(c.convLCache());
      } else {
        std = 1 / Math.sqrt(dims[1]) * (name.endsWith("out_proj.weight") || name.endsWith("w2.weight") ? residual : 1);
      }
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (std * r.nextGaussian());
      }
      params.put(name, v, dims);
    });
  }
}
