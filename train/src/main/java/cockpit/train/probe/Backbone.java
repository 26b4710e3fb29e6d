package cockpit.train.probe;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.SpecialTokens;
import cockpit.npu.model.Profile;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.WeightGenerator;
import cockpit.npu.model.Weights;
import cockpit.train.torch.Nn;
import cockpit.train.torch.Params;
import cockpit.train.vision.MobileNetVision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the probe's read-out looks at: a feature map [B, channels, grid, grid] from pixels. Either the
 * MobileNetV5-style encoder up to its MSFA output (the token grid before the connector), or a plain
 * 4-layer CNN as the baseline. Stateless.
 */
public sealed interface Backbone permits Backbone.Encoder, Backbone.Cnn {
  int channels();

  int grid();

  /** Fresh parameters for this backbone from {@code seed}. */
  Params init(NDManager manager, long seed);

  /** [B, 3, S, S] → [B, channels, grid, grid]. */
  NDArray forward(Params p, NDArray pixels);

  /**
   * The MobileNetV5-style encoder of {@code vision} with the project's generated initialisation
   * ({@link WeightGenerator}); {@code gamma} overrides every layer-scale init, {@code stemBiasStd}
   * the stem bias's (the generator's values: 0.1 and 0.02).
   */
  record Encoder(VisionConfig.MobileNet vision, double gamma, double stemBiasStd) implements Backbone {
    @Override
    public int channels() {
      return vision.msfaOut();
    }

    @Override
    public int grid() {
      return vision.tokenGrid();
    }

    @Override
    public Params init(NDManager manager, long seed) {
      ModelConfig config = new ModelConfig(Profile.TINY.text(), vision, SpecialTokens.LFM2, "probe", seed, 4096);
      MobileNetVision net = new MobileNetVision(vision, config.text().hiddenSize());
      Map<String, long[]> shapes = new LinkedHashMap<>(net.shapes());
      shapes.keySet().removeIf(n -> n.startsWith("connector."));
      Weights w = WeightGenerator.generate(config);
      Params p = Params.load(manager, w, shapes);
      SplittableRandom r = new SplittableRandom(seed ^ 0x5EEDL);
      shapes.forEach((name, dims) -> {
        if (name.endsWith("layer_scale.gamma")) {
          p.put(name, fill(dims, gamma, 0, r), dims);
        } else if (name.equals("vision.stem.conv.bias")) {
          p.put(name, fill(dims, 0, stemBiasStd, r), dims);
        }
      });
      return p;
    }

    @Override
    public NDArray forward(Params p, NDArray pixels) {
      return new MobileNetVision(vision, Profile.TINY.text().hiddenSize()).tokenGrid(p, pixels);
    }
  }

  /** Four 3×3 stride-2 convs with bias and ReLU (3 → c/4 → c/2 → c → c), Kaiming-normal init. */
  record Cnn(int imageSize, int width) implements Backbone {
    @Override
    public int channels() {
      return width;
    }

    @Override
    public int grid() {
      return imageSize / 16;
    }

    @Override
    public Params init(NDManager manager, long seed) {
      Params p = Params.empty(manager);
      SplittableRandom r = new SplittableRandom(seed);
      int[] ch = {3, width / 4, width / 2, width, width};
      for (int l = 0; l < 4; l++) {
        long[] dims = {ch[l + 1], ch[l], 3, 3};
        p.put("cnn." + l + ".weight", fill(dims, 0, Math.sqrt(2.0 / (ch[l] * 9)), r), dims);
        p.put("cnn." + l + ".bias", new float[ch[l + 1]], ch[l + 1]);
      }
      return p;
    }

    @Override
    public NDArray forward(Params p, NDArray pixels) {
      NDArray x = pixels;
      for (int l = 0; l < 4; l++) {
        x = ai.djl.nn.Activation.relu(Nn.conv2dSame(x, p.get("cnn." + l + ".weight"), p.get("cnn." + l + ".bias"), 2,
            1));
      }
      return x;
    }
  }

  /** {@code mean + std·N(0,1)} for every element of a tensor of {@code dims}. */
  static float[] fill(long[] dims, double mean, double std, SplittableRandom r) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    float[] out = new float[Math.toIntExact(n)];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (mean + std * r.nextGaussian());
    }
    return out;
  }
}
