package cockpit.train.probe;

/**
 * One probe run.
 *
 * @param train distinct training cabins (sampled with replacement, seeded)
 * @param val held-out cabins for accuracy (a different seed range)
 * @param evalEvery steps between accuracy checks (and after the last step)
 */
public record ProbeOptions(Backbone backbone, int imageSize, int steps, int batch, double lr, int warmup, long seed,
    int train, int val, int evalEvery) {
  public ProbeOptions {
    if (steps <= 0 || batch <= 0 || lr <= 0 || warmup < 0 || warmup >= steps || train <= 0 || val <= 0
        || evalEvery <= 0) {
      throw new IllegalArgumentException("probe options out of range: " + this);
    }
  }
}
