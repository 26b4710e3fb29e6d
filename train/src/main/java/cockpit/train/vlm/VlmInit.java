package cockpit.train.vlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import cockpit.npu.model.TensorSpec;
import cockpit.npu.model.WeightGenerator;
import cockpit.train.text.DecoderInit;
import cockpit.train.torch.Params;
import cockpit.train.vision.TokenSpread;
import java.util.List;
import java.util.Map;

/**
 * The VLM's seeded initialisation. Decoder: {@link DecoderInit} from {@code seed}. Encoder and
 * connector: the generated models' initialisation ({@link WeightGenerator}) from a vision seed, except
 * that the connector's output layer is scaled to {@value #CONNECTOR_OUT_SCALE}/√H so image rows enter
 * the decoder at the token embeddings' scale. The encoder probe found collapsed initialisations (every
 * image gives nearly the same tokens, and training never leaves majority guessing): the vision seed
 * starts at {@code seed} and is redrawn (seed + 1, + 2, …) until {@link TokenSpread} of the fresh
 * encoder's token grids over the given images reaches {@link #MIN_SPREAD}. Stateless.
 */
public final class VlmInit {
  /** The smallest accepted across-image share of the encoder's token variance (the probe: collapsed ≈ 0.2 %). */
  public static final double MIN_SPREAD = 0.01;
  /** Vision seeds tried before giving up. */
  public static final int MAX_DRAWS = 32;
  static final double CONNECTOR_OUT_SCALE = 2.0;

  private VlmInit() {}

  /** The vision seed drawn and its measured spread; {@code rejected} lists the spreads of the seeds refused. */
  public record Result(long visionSeed, double spread, List<Double> rejected) {}

  /**
   * Fills {@code params} with every tensor of {@code model}.
   *
   * @param images pixels [n, 3, S, S] of at least two images, for the spread check
   * @throws IllegalStateException when {@link #MAX_DRAWS} vision seeds all start collapsed
   */
  public static Result init(VlmModel model, Params params, long seed, NDArray images) {
    DecoderInit.init(model.config().text(), model.decoder().shapes(), params, seed);
    List<TensorSpec> specs = WeightGenerator.specs(model.config()).stream()
        .filter(s -> model.vision().shapes().containsKey(s.name())).toList();
    java.util.ArrayList<Double> rejected = new java.util.ArrayList<>();
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      long vs = seed + draw;
      for (TensorSpec s : specs) {
        float[] v = WeightGenerator.tensor(s, vs);
        if (s.name().equals("connector.linear_2.weight")) {
          float k = (float) (CONNECTOR_OUT_SCALE / Math.sqrt(model.config().text().hiddenSize()));
          for (int i = 0; i < v.length; i++) {
            v[i] *= k;
          }
        }
        params.put(s.name(), v, s.shape());
      }
      double spread = spread(model, params, images);
      if (spread >= MIN_SPREAD) {
        return new Result(vs, spread, List.copyOf(rejected));
      }
      rejected.add(spread);
    }
    throw new IllegalStateException("every one of " + MAX_DRAWS + " encoder initialisations from seed " + seed
        + " starts collapsed (TokenSpread < " + MIN_SPREAD + "): " + rejected);
  }

  /** {@link TokenSpread} of the encoder's token grids [n, C, g, g] over {@code images}. */
  public static double spread(VlmModel model, Params params, NDArray images) {
    try (NDManager m = images.getManager().newSubManager()) {
      params.all().values().forEach(a -> a.tempAttach(m));
      images.tempAttach(m);
      return TokenSpread.of(model.vision().tokenGrid(params, images).stopGradient());
    }
  }

  /** Images as an NDArray [n, 3, S, S] on {@code m}. */
  static NDArray images(NDManager m, List<float[]> pixels, int size) {
    float[] flat = new float[pixels.size() * 3 * size * size];
    for (int i = 0; i < pixels.size(); i++) {
      System.arraycopy(pixels.get(i), 0, flat, i * 3 * size * size, 3 * size * size);
    }
    return m.create(flat, new Shape(pixels.size(), 3, size, size));
  }

  /** Map form of a result for logs. */
  static Map<String, Object> describe(Result r) {
    return Map.of("vision_seed", r.visionSeed(), "token_spread", r.spread(), "rejected", r.rejected());
  }
}
