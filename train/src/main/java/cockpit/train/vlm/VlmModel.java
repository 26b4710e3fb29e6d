package cockpit.train.vlm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.VisionConfig;
import cockpit.train.text.DecoderCache;
import cockpit.train.text.Lfm2Decoder;
import cockpit.train.torch.Params;
import cockpit.train.vision.MobileNetVision;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole VLM for training: {@link MobileNetVision} (encoder + MSFA + connector) and
 * {@link Lfm2Decoder}, joined as the runtime joins them ({@code ImageEmbeddings}): the image feature
 * rows replace the token embeddings at the {@code <image>} positions. The loss is next-token
 * cross-entropy on the scored (answer) tokens only, and the tied lm_head runs only on the rows that
 * predict them. Stateless apart from the config; parameters come in a {@link Params} under the
 * model directory's safetensors names.
 */
public final class VlmModel {
  private final ModelConfig config;
  private final MobileNetVision vision;
  private final Lfm2Decoder decoder;

  /** @throws IllegalArgumentException for a config without a MobileNetV5-style vision part */
  public VlmModel(ModelConfig config) {
    if (!(config.vision() instanceof VisionConfig.MobileNet v)) {
      throw new IllegalArgumentException("the VLM trainer needs a MobileNetV5-style encoder; profile "
          + config.profile() + " has " + config.vision());
    }
    this.config = config;
    this.vision = new MobileNetVision(v, config.text().hiddenSize());
    this.decoder = new Lfm2Decoder(config.text());
  }

  public ModelConfig config() {
    return config;
  }

  public MobileNetVision vision() {
    return vision;
  }

  public Lfm2Decoder decoder() {
    return decoder;
  }

  /** Image tokens per image (the MSFA grid²). */
  public int imageTokens() {
    return vision.config().tokens();
  }

  /** Every parameter with its shape: vision and connector first, then the decoder. */
  public Map<String, long[]> shapes() {
    Map<String, long[]> s = new LinkedHashMap<>(vision.shapes());
    s.putAll(decoder.shapes());
    return s;
  }

  /**
   * The decoder input [B, S, H]: token embeddings, with the image feature rows of {@code batch}'s
   * pixels at the image positions. Arrays are created on {@code m}.
   */
  public NDArray embeddings(Params p, VlmBatch batch, NDManager m) {
    int h = config.text().hiddenSize();
    int size = vision.config().imageSize();
    NDArray ids = m.create(batch.ids(), new Shape(batch.batch(), batch.seq()));
    NDArray tokens = decoder.embed(p, ids); // [B, S, H]
    if (batch.images() == 0) {
      return tokens;
    }
    NDArray pixels = m.create(batch.pixels(), new Shape(batch.images(), 3, size, size));
    NDArray features = vision.imageFeatures(p, pixels); // [images·T, H]
    NDArray table = m.zeros(new Shape(1, h)).concat(features, 0); // row 0 = text positions
    NDArray rows = table.get(m.create(batch.imageRows())).reshape(batch.batch(), batch.seq(), h);
    NDArray text = m.create(batch.textMask(), new Shape(batch.batch(), batch.seq(), 1));
    return tokens.mul(text).add(rows);
  }

  /** Mean cross-entropy (nats) over the scored tokens of {@code batch}: a scalar that records gradients. */
  public NDArray loss(Params p, VlmBatch batch, NDManager m) {
    return lossSum(p, batch, m).div(Math.max(1, batch.targets().length));
  }

  /** Summed cross-entropy (nats) over the scored tokens of {@code batch} (0 when none is scored). */
  public NDArray lossSum(Params p, VlmBatch batch, NDManager m) {
    int h = config.text().hiddenSize();
    NDArray hidden = decoder.hidden(p, embeddings(p, batch, m), new DecoderCache()); // [B, S, H]
    NDArray rows = hidden.reshape(-1, h).get(m.create(batch.scored())); // [N, H]
    NDArray logp = decoder.logits(p, rows).logSoftmax(-1); // [N, V]
    NDArray targets = m.create(batch.targets(), new Shape(batch.targets().length, 1));
    return logp.gather(targets, 1).sum().neg();
  }
}
