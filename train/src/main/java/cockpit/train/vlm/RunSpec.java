package cockpit.train.vlm;

import cockpit.train.optim.Schedule;
import java.util.Locale;
import java.util.Map;

/**
 * What fixes a training run's trajectory: model ({@code profile}, {@code ff}), seed, steps, batch,
 * micro-batch limit, learning-rate schedule and the alignment stage's length. A run directory records
 * it ({@link #canonical}) on its first start and a restart with other values is refused, since exact
 * resume needs the same data and rates. Keys and defaults: {@code profile=mini seed=1 steps=3000
 * batch=8 micro=4 lr=0.002 floor=0.0001 warmup=100 align=300} ({@code ff} only when given).
 * Immutable.
 */
public record RunSpec(String profile, String ff, long seed, int steps, int batch, int micro, double lr,
    double floor, int warmup, int align) {
  public RunSpec {
    if (steps < 1 || batch < 1 || micro < 1 || align < 0) {
      throw new IllegalArgumentException("steps, batch and micro must be ≥ 1 and align ≥ 0; got steps=" + steps
          + " batch=" + batch + " micro=" + micro + " align=" + align);
    }
    schedule(lr, floor, warmup, steps); // validates the rates
  }

  /** The spec of {@code key=value} arguments ({@link RunOptions#parse}), defaults for missing keys. */
  public static RunSpec of(Map<String, String> a) {
    try {
      return new RunSpec(a.getOrDefault("profile", "mini"), a.getOrDefault("ff", ""),
          Long.parseLong(a.getOrDefault("seed", "1")), Integer.parseInt(a.getOrDefault("steps", "3000")),
          Integer.parseInt(a.getOrDefault("batch", "8")), Integer.parseInt(a.getOrDefault("micro", "4")),
          Double.parseDouble(a.getOrDefault("lr", "0.002")), Double.parseDouble(a.getOrDefault("floor", "0.0001")),
          Integer.parseInt(a.getOrDefault("warmup", "100")), Integer.parseInt(a.getOrDefault("align", "300")));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a run option is not a number: " + e.getMessage(), e);
    }
  }

  /** Warm-up to {@code lr}, cosine to {@code floor} at {@code steps}. */
  public Schedule schedule() {
    return schedule(lr, floor, warmup, steps);
  }

  private static Schedule schedule(double lr, double floor, int warmup, int steps) {
    return new Schedule(lr, floor, warmup, steps);
  }

  /** The model keys as {@link RunOptions#config} reads them. */
  public Map<String, String> modelArgs() {
    return ff.isEmpty() ? Map.of("profile", profile) : Map.of("profile", profile, "ff", ff);
  }

  /** One line naming every value, compared on restart. */
  public String canonical() {
    return String.format(Locale.ROOT, "profile=%s ff=%s seed=%d steps=%d batch=%d micro=%d lr=%s floor=%s"
        + " warmup=%d align=%d", profile, ff, seed, steps, batch, micro, lr, floor, warmup, align);
  }
}
