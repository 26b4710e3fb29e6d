package cockpit.train.text;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import cockpit.npu.model.TextConfig;
import cockpit.train.optim.AdamW;
import cockpit.train.optim.Checkpoint;
import cockpit.train.optim.Schedule;
import cockpit.train.torch.Params;
import cockpit.train.torch.Torch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the {@link Lfm2Decoder} on token batches: next-token cross-entropy on answer tokens only,
 * AdamW (weight decay on matrices), global-norm clipping, warm-up + cosine, seeded initialisation.
 * The data and the learning rate are functions of the step, so {@link #save} / {@link #resume} give
 * a run that ends with the same weights as an uninterrupted one. Owns its parameters and optimiser
 * state until {@link #close}; one thread.
 */
public final class LmTrainer implements AutoCloseable {
  private final Lfm2Decoder decoder;
  private final Schedule schedule;
  private final LmBatch.Source data;
  private final Engine engine = Torch.engine();
  private final NDManager base;
  private final Params params;
  private final AdamW opt;
  private long step;

  /** A fresh model of {@code cfg} initialised from {@code seed}. */
  public LmTrainer(TextConfig cfg, Schedule schedule, LmBatch.Source data, long seed) {
    this.decoder = new Lfm2Decoder(cfg);
    this.schedule = schedule;
    this.data = data;
    this.base = engine.newBaseManager();
    this.params = Params.empty(base);
    init(seed);
    this.opt = new AdamW(params, AdamW.Options.defaults(), AdamW.matricesOnly(params));
  }

  /**
   * Initialisation: norms 1; embeddings N(0, 1/√H) (tied lm_head: logits start near unit scale);
   * projections N(0, 1/√fan_in), the ones writing into the residual stream ({@code out_proj},
   * {@code w2}) further × 1/√(2·layers); conv kernels N(0, 1/√L).
   */
  private void init(long seed) {
    TextConfig c = decoder.config();
    double residual = 1 / Math.sqrt(2.0 * c.numHiddenLayers());
    decoder.shapes().forEach((name, dims) -> {
      SplittableRandom r = new SplittableRandom(seed ^ cockpit.npu.model.WeightGenerator.fnv1a64(name));
      double std;
      if (name.contains("norm")) {
        params.put(name, ones(dims), dims);
        return;
      } else if (name.equals("model.embed_tokens.weight")) {
        std = 1 / Math.sqrt(c.hiddenSize());
      } else if (name.endsWith("conv.conv.weight")) {
        std = 1 / Math.sqrt(c.convLCache());
      } else {
        std = 1 / Math.sqrt(dims[1]) * (name.endsWith("out_proj.weight") || name.endsWith("w2.weight") ? residual : 1);
      }
      float[] v = new float[(int) (dims[0] * (dims.length > 1 ? dims[1] : 1) * (dims.length > 2 ? dims[2] : 1))];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (std * r.nextGaussian());
      }
      params.put(name, v, dims);
    });
  }

  private static float[] ones(long[] dims) {
    float[] v = new float[(int) dims[0]];
    java.util.Arrays.fill(v, 1f);
    return v;
  }

  /** Runs one step; returns its loss (mean over answer tokens). */
  public double step() {
    LmBatch batch = data.at(step);
    int b = batch.ids().length;
    int s = batch.ids()[0].length;
    long[] ids = new long[b * s];
    float[] mask = new float[b * (s - 1)];
    for (int i = 0; i < b; i++) {
      System.arraycopy(batch.ids()[i], 0, ids, i * s, s);
      for (int t = 1; t < s; t++) {
        mask[i * (s - 1) + t - 1] = batch.loss()[i][t] ? 1 : 0;
      }
    }
    double loss;
    try (NDManager sm = base.newSubManager()) {
      params.all().values().forEach(a -> a.tempAttach(sm));
      NDArray tokens = sm.create(ids, new Shape(b, s));
      NDArray weights = sm.create(mask, new Shape(b, s - 1));
      try (GradientCollector gc = engine.newGradientCollector()) {
        NDArray logits = decoder.forward(params, decoder.embed(params, tokens), new DecoderCache());
        NDArray logp = logits.get(":, :-1, :").logSoftmax(-1); // predicts tokens 1..s-1
        NDArray target = tokens.get(":, 1:").oneHot(decoder.config().vocabSize());
        NDArray nll = logp.mul(target).sum(new int[] {2}).neg(); // [B, S-1]
        NDArray l = nll.mul(weights).sum().div(ai.djl.ndarray.NDArrays.maximum(weights.sum(), 1f));
        gc.backward(l);
        loss = l.getFloat();
      }
      opt.step(schedule.rate(step));
    }
    step++;
    return loss;
  }

  /** Steps done. */
  public long steps() {
    return step;
  }

  public Params params() {
    return params;
  }

  /** Writes a checkpoint of the weights, the optimiser and the step. */
  public void save(Path file) throws IOException {
    Checkpoint.write(file, params, opt, step, Map.of("format", "cockpit-train-checkpoint"));
  }

  /** Continues from a checkpoint written by a trainer of the same config. */
  public void resume(Path file) throws IOException {
    step = Checkpoint.read(file, params, opt);
  }

  @Override
  public void close() {
    opt.close();
    params.close();
    base.close();
  }
}
