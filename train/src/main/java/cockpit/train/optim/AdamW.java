package cockpit.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import cockpit.train.torch.Params;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AdamW as PyTorch defines it (decoupled weight decay: {@code p ← p·(1 − lr·wd)}, then
 * {@code p ← p − lr·m̂ / (√v̂ + eps)}), with global-norm gradient clipping before the update. Weight
 * decay applies to the parameters {@code decay} accepts (matrices and conv kernels, as a rule; not
 * norms, biases or layer scales). Owns its moment buffers (on its own NDManager); call {@link #step}
 * outside any gradient collector. Not thread-safe.
 */
public final class AdamW implements AutoCloseable {
  /** Settings; {@code clip} ≤ 0 turns clipping off. */
  public record Options(double beta1, double beta2, double eps, double weightDecay, double clip) {
    public static Options defaults() {
      return new Options(0.9, 0.999, 1e-8, 0.01, 1.0);
    }
  }

  private final Params params;
  private final Options o;
  private final Predicate<String> decay;
  private final NDManager manager;
  private final Map<String, NDArray> m = new LinkedHashMap<>();
  private final Map<String, NDArray> v = new LinkedHashMap<>();
  private long steps;

  public AdamW(Params params, Options options, Predicate<String> decay) {
    this.params = params;
    this.o = options;
    this.decay = decay;
    this.manager = params.manager().getParentManager().newSubManager();
    params.all().forEach((name, p) -> {
      m.put(name, manager.zeros(p.getShape()));
      v.put(name, manager.zeros(p.getShape()));
    });
  }

  /** Decay for tensors of rank ≥ 2 (matrices, conv kernels, embeddings), not norms, biases or layer scales. */
  public static Predicate<String> matricesOnly(Params params) {
    return name -> params.get(name).getShape().dimension() >= 2;
  }

  /**
   * One update at learning rate {@code lr} from the parameters' current gradients, which are then
   * zeroed. Returns the global gradient norm before clipping.
   */
  public double step(double lr) {
    // Every temporary below attaches to its first operand's manager: borrow all of them into one
    // scope so the temporaries die with it, and the parameters and moments go back afterwards.
    try (NDManager scope = manager.newSubManager()) {
      params.all().values().forEach(p -> p.tempAttach(scope));
      m.values().forEach(a -> a.tempAttach(scope));
      v.values().forEach(a -> a.tempAttach(scope));
      return update(lr);
    }
  }

  private double update(double lr) {
    ai.djl.ndarray.NDList squares = new ai.djl.ndarray.NDList();
    for (NDArray p : params.all().values()) {
      NDArray g = p.getGradient();
      squares.add(g.mul(g).sum());
    }
    double norm = Math.sqrt(ai.djl.ndarray.NDArrays.stack(squares).sum().getFloat()); // one sync, not one per tensor
    float scale = o.clip() > 0 && norm > o.clip() ? (float) (o.clip() / (norm + 1e-6)) : 1f;
    steps++;
    double bc1 = 1 - Math.pow(o.beta1(), steps);
    double bc2 = 1 - Math.pow(o.beta2(), steps);
    for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
      NDArray p = e.getValue();
      NDArray g = p.getGradient().mul(scale);
      NDArray mi = m.get(e.getKey());
      NDArray vi = v.get(e.getKey());
      mi.muli((float) o.beta1()).addi(g.mul((float) (1 - o.beta1())));
      vi.muli((float) o.beta2()).addi(g.mul(g).muli((float) (1 - o.beta2())));
      if (decay.test(e.getKey()) && o.weightDecay() > 0) {
        p.muli((float) (1 - lr * o.weightDecay()));
      }
      NDArray denom = vi.div((float) bc2).sqrt().addi((float) o.eps());
      p.subi(mi.div((float) bc1).divi(denom).muli((float) lr));
      p.getGradient().subi(p.getGradient());
    }
    return norm;
  }

  /** Updates done so far. */
  public long steps() {
    return steps;
  }

  /** First moment of parameter {@code name} (live; for checkpoints). */
  NDArray firstMoment(String name) {
    return m.get(name);
  }

  /** Second moment of parameter {@code name} (live; for checkpoints). */
  NDArray secondMoment(String name) {
    return v.get(name);
  }

  /** Restores the moments and the update count from a checkpoint. */
  void restore(Map<String, float[]> first, Map<String, float[]> second, long updates) {
    for (String name : m.keySet()) {
      float[] a = first.get(name);
      float[] b = second.get(name);
      if (a == null || b == null) {
        throw new IllegalArgumentException("checkpoint has no AdamW moments for " + name);
      }
      m.get(name).set(a);
      v.get(name).set(b);
    }
    this.steps = updates;
  }

  @Override
  public void close() {
    manager.close();
  }
}
