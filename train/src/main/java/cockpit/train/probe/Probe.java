package cockpit.train.probe;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import cockpit.train.optim.AdamW;
import cockpit.train.optim.Schedule;
import cockpit.train.torch.Params;
import cockpit.train.torch.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The encoder probe: a backbone plus {@link ReadOut} trained on rendered cabins (AdamW, warm-up +
 * cosine, gradient clipping at 1, all seeded), with held-out accuracy at intervals. Reports through a
 * {@link Listener}; prints nothing. One run per instance; not thread-safe.
 */
public final class Probe {
  /** Progress of a run; called on the training thread. */
  public interface Listener {
    /** After each step: its loss, gradient norm, compute and data seconds. */
    void step(int step, double loss, double gradNorm, double computeS, double dataS);

    /** After an evaluation (step = steps done). */
    void eval(int step, Accuracy accuracy);
  }

  private final ProbeOptions o;

  public Probe(ProbeOptions options) {
    this.o = options;
  }

  /** The majority-class accuracy of the validation set (what a model that learned nothing reaches). */
  public Accuracy majority() {
    return Accuracy.majority(validation());
  }

  /**
   * {@link cockpit.train.vision.TokenSpread} of the freshly initialised backbone over the first 24
   * validation cabins: how much its features depend on the image before any training.
   */
  public double initialSpread() {
    List<CabinSample> val = validation().subList(0, Math.min(24, o.val()));
    try (NDManager base = Torch.engine().newBaseManager();
        Params p = o.backbone().init(base, o.seed())) {
      return cockpit.train.vision.TokenSpread.of(o.backbone().forward(p,
          Batch.of(base, val, o.imageSize()).pixels()));
    }
  }

  /** Trains and returns the final held-out accuracy. */
  public Accuracy run(Listener listener) {
    Engine engine = Torch.engine();
    List<CabinSample> val = validation();
    CabinSamples train = new CabinSamples(o.seed(), o.imageSize());
    SplittableRandom order = new SplittableRandom(o.seed() ^ 0xBA7CL);
    Schedule schedule = new Schedule(o.lr(), o.lr() * 0.05, o.warmup(), o.steps());
    Accuracy last = null;
    try (NDManager base = engine.newBaseManager();
        Params p = o.backbone().init(base, o.seed())) {
      ReadOut.init(p, o.backbone().channels(), o.backbone().grid(), o.seed());
      try (AdamW opt = new AdamW(p, AdamW.Options.defaults(), AdamW.matricesOnly(p))) {
        for (int step = 0; step < o.steps(); step++) {
          long t0 = System.nanoTime();
          List<CabinSample> samples = new ArrayList<>(o.batch());
          for (int i = 0; i < o.batch(); i++) {
            samples.add(train.get(order.nextInt(o.train())));
          }
          long t1 = System.nanoTime();
          double loss;
          double norm;
          try (NDManager sm = base.newSubManager()) {
            p.all().values().forEach(a -> a.tempAttach(sm));
            Batch b = Batch.of(sm, samples, o.imageSize());
            try (GradientCollector gc = engine.newGradientCollector()) {
              NDArray logits = ReadOut.forward(p, o.backbone().forward(p, b.pixels()));
              NDArray l = ReadOut.loss(logits, b.seat(), b.belt(), b.beltMask(), b.eyes(), b.eyesMask());
              gc.backward(l);
              loss = l.getFloat();
            }
            norm = opt.step(schedule.rate(step));
          }
          long t2 = System.nanoTime();
          listener.step(step, loss, norm, (t2 - t1) / 1e9, (t1 - t0) / 1e9);
          if ((step + 1) % o.evalEvery() == 0 || step + 1 == o.steps()) {
            last = evaluate(base, p, val);
            listener.eval(step + 1, last);
          }
        }
      }
    }
    return last;
  }

  private Accuracy evaluate(NDManager base, Params p, List<CabinSample> val) {
    float[][] logits = new float[val.size()][];
    int chunk = 32;
    for (int from = 0; from < val.size(); from += chunk) {
      List<CabinSample> part = val.subList(from, Math.min(val.size(), from + chunk));
      try (NDManager sm = base.newSubManager()) {
        p.all().values().forEach(a -> a.tempAttach(sm));
        Batch b = Batch.of(sm, part, o.imageSize());
        float[] z = ReadOut.forward(p, o.backbone().forward(p, b.pixels())).toFloatArray();
        for (int i = 0; i < part.size(); i++) {
          logits[from + i] = java.util.Arrays.copyOfRange(z, i * ReadOut.OUTPUTS, (i + 1) * ReadOut.OUTPUTS);
        }
      }
    }
    return Accuracy.of(logits, val);
  }

  private List<CabinSample> validation() {
    CabinSamples v = new CabinSamples(o.seed() + 7919, o.imageSize()); // another seed: unseen cabins
    List<CabinSample> out = new ArrayList<>(o.val());
    for (int i = 0; i < o.val(); i++) {
      out.add(v.get(i));
    }
    return out;
  }
}
