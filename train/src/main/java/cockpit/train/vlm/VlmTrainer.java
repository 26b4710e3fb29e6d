package cockpit.train.vlm;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import cockpit.train.data.VlmSample;
import cockpit.train.optim.AdamW;
import cockpit.train.optim.Checkpoint;
import cockpit.train.optim.NonFiniteGradientException;
import cockpit.train.optim.Schedule;
import cockpit.train.torch.Params;
import cockpit.train.torch.Torch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains the whole VLM: each step takes the {@link BatchSource}'s samples for that step and the
 * curriculum stage, runs encoder + connector + decoder with the image rows spliced in
 * ({@link VlmModel#loss}: answer tokens only), and updates with AdamW (weight decay on matrices,
 * global-norm clipping) at the warm-up + cosine rate times the stage's scale per parameter group.
 * Data, stage and rate are functions of the step, and a checkpoint holds the weights, the AdamW
 * moments and the step, so {@link #save} / {@link #resume} continue bit for bit. The next step's
 * batch is built on one background thread while the current step computes.
 *
 * <p>Owns its parameters, optimiser state and prefetch thread until {@link #close}; driven by one thread.
 */
public final class VlmTrainer implements AutoCloseable {
  /** What one step did. */
  public record StepResult(long step, String stage, double loss, double gradNorm, double lr, long tokens,
      long paddedTokens, long targets, double dataS, double computeS, int retries) {}

  /** Recomputations of one step after non-finite gradients before the run gives up. */
  static final int MAX_RETRIES = 3;

  private final VlmModel model;
  private final Options options;
  private final BatchSource data;
  private final Engine engine = Torch.engine();
  private final NDManager base;
  private final Params params;
  private final AdamW opt;
  private final VlmInit.Result init;
  private final ExecutorService prefetch = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "vlm-prefetch");
    t.setDaemon(true);
    return t;
  });
  /** A step's micro-batches ({@link MicroBatches}) and their totals. */
  record Prepared(List<VlmBatch> micro, long targets, long tokens, long padded) {}

  /**
   * How a run trains: the learning-rate schedule, the curriculum, the initialisation seed and at most
   * how many length-sorted micro-batches a step is split into ({@link MicroBatches}; 1 = one padded batch).
   */
  public record Options(Schedule schedule, Curriculum curriculum, long seed, int maxMicroBatches) {
    public Options {
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(curriculum, "curriculum");
      if (maxMicroBatches < 1) {
        throw new IllegalArgumentException("maxMicroBatches " + maxMicroBatches + " must be ≥ 1");
      }
    }
  }

  private Future<Prepared> next;
  private long nextStep = -1;
  private long step;

  /**
   * A fresh model initialised from the options' seed ({@link VlmInit}: the encoder's initialisation is
   * redrawn until its token spread over {@code spreadImages} is at least 1 %).
   */
  public VlmTrainer(VlmModel model, Options options, BatchSource data, List<float[]> spreadImages) {
    this.model = Objects.requireNonNull(model, "model");
    this.options = Objects.requireNonNull(options, "options");
    this.data = Objects.requireNonNull(data, "data");
    this.base = engine.newBaseManager();
    this.params = Params.empty(base);
    try (NDManager m = base.newSubManager()) {
      this.init = VlmInit.init(model, params, options.seed(),
          VlmInit.images(m, spreadImages, model.vision().config().imageSize()));
    }
    this.opt = new AdamW(params, AdamW.Options.defaults(), AdamW.matricesOnly(params));
  }

  /** Runs one step. */
  public StepResult step() {
    long t0 = System.nanoTime();
    Prepared batch = batch(step);
    schedulePrefetch(step + 1);
    long t1 = System.nanoTime();
    Curriculum.Stage stage = options.curriculum().at(step);
    double lr = options.schedule().rate(step);
    double[] lossNorm = null;
    int retries = 0;
    while (lossNorm == null) {
      try {
        lossNorm = attempt(batch, lr, stage);
      } catch (NonFiniteGradientException e) {
        // Seen at random steps on the same data (never with the JVM's GC off): a transient fault, not the
        // step's numbers. Nothing was applied and the gradients are zero, so recomputing the same batch
        // gives what an undisturbed step gives, and exact resume still holds.
        if (++retries > MAX_RETRIES) {
          throw e;
        }
      }
    }
    long t2 = System.nanoTime();
    StepResult r = new StepResult(step, stage.name(), lossNorm[0], lossNorm[1], lr, batch.tokens(), batch.padded(),
        batch.targets(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, retries);
    step++;
    return r;
  }

  /** Forward, backward and update of one step; {@code [loss, grad norm]}. */
  private double[] attempt(Prepared batch, double lr, Curriculum.Stage stage) {
    double loss = 0;
    try (NDManager sm = base.newSubManager()) {
      params.all().values().forEach(a -> a.tempAttach(sm));
      try (GradientCollector gc = engine.newGradientCollector()) {
        for (VlmBatch micro : batch.micro()) {
          // Each micro-batch's temporaries die before the next one runs; gradients accumulate.
          try (NDManager mm = sm.newSubManager()) {
            params.all().values().forEach(a -> a.tempAttach(mm));
            NDArray l = model.lossSum(params, micro, mm).div(Math.max(1, batch.targets()));
            gc.backward(l);
            loss += l.getFloat();
          }
        }
      }
      if (!Double.isFinite(loss)) {
        opt.zeroGradients();
        throw new NonFiniteGradientException(loss, opt.steps() + 1, List.of("loss"));
      }
      return new double[] {loss, opt.step(lr, stage::lrScale)};
    }
  }

  /** The batch of {@code s}: the prefetched one if it is for {@code s}, else built now. */
  private Prepared batch(long s) {
    if (next != null && nextStep == s) {
      try {
        return next.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the batch of step " + s, e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("building the batch of step " + s + " failed: " + e.getCause(), e.getCause());
      }
    }
    return build(s);
  }

  private void schedulePrefetch(long s) {
    nextStep = s;
    next = prefetch.submit(() -> build(s));
  }

  private Prepared build(long s) {
    List<VlmSample> samples = data.at(s, options.curriculum().at(s));
    List<VlmBatch> micro = MicroBatches.split(samples, options.maxMicroBatches()).stream()
        .map(g -> VlmBatch.of(g, model.config().tokens().image(), model.imageTokens(),
            model.vision().config().imageSize())).toList();
    long targets = micro.stream().mapToLong(b -> b.targets().length).sum();
    long tokens = micro.stream().mapToLong(VlmBatch::realTokens).sum();
    long padded = micro.stream().mapToLong(b -> (long) b.batch() * b.seq()).sum();
    return new Prepared(micro, targets, tokens, padded);
  }

  /**
   * Mean cross-entropy per task (nats per scored token) of {@code samples} under the current weights,
   * with gradient recording off; changes nothing (weights, optimiser, step, prefetch). Samples of a task
   * go through the same length-sorted micro-batches as training.
   */
  public Map<String, Double> validate(List<VlmSample> samples) {
    Map<String, List<VlmSample>> byTask = new TreeMap<>();
    samples.forEach(s -> byTask.computeIfAbsent(s.task(), k -> new ArrayList<>()).add(s));
    Map<String, Double> out = new TreeMap<>();
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    try (NDManager sm = base.newSubManager()) {
      params.all().values().forEach(a -> a.tempAttach(sm));
      for (Map.Entry<String, List<VlmSample>> e : byTask.entrySet()) {
        double sum = 0;
        long targets = 0;
        for (List<VlmSample> g : MicroBatches.split(e.getValue(), options.maxMicroBatches())) {
          VlmBatch b = VlmBatch.of(g, model.config().tokens().image(), model.imageTokens(),
              model.vision().config().imageSize());
          try (NDManager mm = sm.newSubManager()) {
            params.all().values().forEach(a -> a.tempAttach(mm));
            sum += model.lossSum(params, b, mm).getFloat();
          }
          targets += b.targets().length;
        }
        out.put(e.getKey(), sum / Math.max(1, targets));
      }
    } finally {
      JniUtils.setGradMode(grad);
    }
    return out;
  }

  /** Steps done. */
  public long steps() {
    return step;
  }

  public Params params() {
    return params;
  }

  public VlmModel model() {
    return model;
  }

  /** The encoder initialisation drawn (vision seed, token spread, rejected spreads). */
  public VlmInit.Result init() {
    return init;
  }

  /** Writes a checkpoint of the weights, the optimiser and the step, plus {@code metadata}. */
  public void save(Path file, Map<String, String> metadata) throws IOException {
    Map<String, String> meta = new HashMap<>(metadata);
    meta.put("format", "cockpit-vlm-checkpoint");
    Checkpoint.write(file, params, opt, step, meta);
  }

  /** Continues from a checkpoint written by a trainer of the same model. */
  public void resume(Path file) throws IOException {
    step = Checkpoint.read(file, params, opt);
    next = null;
  }

  @Override
  public void close() {
    prefetch.shutdownNow();
    opt.close();
    params.close();
    base.close();
  }
}
