package cockpit.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import cockpit.train.torch.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AdamW with decoupled weight decay ({@code p ← p·(1 − lr·wd)}, then {@code p ← p − lr·m̂ / (√v̂ + eps')}),
 * with global-norm gradient clipping before the update. Each tensor is updated by one call of DJL's
 * fused native Adam kernel (a dozen elementwise JNI calls per tensor otherwise dominated the update);
 * that kernel adds eps to √v rather than to √v̂, i.e. {@code eps' = eps / √(1 − β₂ᵗ)} — the same as
 * PyTorch's AdamW up to that, negligible after the first steps. Weight
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
    return step(lr, name -> 1.0);
  }

  /**
   * One update where parameter {@code name} uses the rate {@code lr · scale(name)} (a scale of 0
   * leaves it unchanged: no update, no decay). Returns the global gradient norm before clipping.
   */
  public double step(double lr, java.util.function.ToDoubleFunction<String> scale) {
    // Every temporary below attaches to its first operand's manager: borrow all of them into one
    // scope so the temporaries die with it, and the parameters and moments go back afterwards.
    try (NDManager scope = manager.newSubManager()) {
      params.all().values().forEach(p -> p.tempAttach(scope));
      m.values().forEach(a -> a.tempAttach(scope));
      v.values().forEach(a -> a.tempAttach(scope));
      return update(lr, scale);
    }
  }

  /** Zeroes every parameter's gradient (after a refused update, before the step is recomputed). */
  public void zeroGradients() {
    params.all().values().forEach(p -> JniUtils.zeroGrad((PtNDArray) p));
  }

  private double update(double baseLr, java.util.function.ToDoubleFunction<String> scale) {
    ai.djl.ndarray.NDList squares = new ai.djl.ndarray.NDList();
    for (NDArray p : params.all().values()) {
      NDArray g = p.getGradient();
      squares.add(g.mul(g).sum());
    }
    double norm = Math.sqrt(ai.djl.ndarray.NDArrays.stack(squares).sum().getFloat()); // one sync, not one per tensor
    if (!Double.isFinite(norm)) {
      // An update with a NaN/∞ gradient would poison every weight and moment it touches: refuse it.
      List<String> bad = params.all().entrySet().stream()
          .filter(e -> !Float.isFinite(e.getValue().getGradient().sum().getFloat())).map(Map.Entry::getKey).toList();
      zeroGradients();
      throw new NonFiniteGradientException(norm, steps + 1, bad);
    }
    float clipScale = o.clip() > 0 && norm > o.clip() ? (float) (o.clip() / (norm + 1e-6)) : 1f;
    steps++;
    double bc1 = 1 - Math.pow(o.beta1(), steps);
    double bc2 = 1 - Math.pow(o.beta2(), steps);
    float b1 = (float) o.beta1();
    float b2 = (float) o.beta2();
    for (Map.Entry<String, NDArray> e : params.all().entrySet()) {
      PtNDArray p = (PtNDArray) e.getValue();
      double lr = baseLr * scale.applyAsDouble(e.getKey());
      float wd = decay.test(e.getKey()) ? (float) o.weightDecay() : 0f;
      // One native call per tensor: g ← clipScale·g; p ← p − lr·wd·p; m, v updated; p ← p − lr·√bc2/bc1 · m/(√v + eps).
      JniUtils.adamUpdate(p, (PtNDArray) p.getGradient(), (PtNDArray) m.get(e.getKey()), (PtNDArray) v.get(e.getKey()),
          (float) lr, (float) (lr * Math.sqrt(bc2) / bc1), wd, clipScale, -1f, b1, b2, (float) o.eps(), true);
      JniUtils.zeroGrad(p);
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
