package cockpit.train.optim;

/**
 * Learning rate by step: linear warm-up from 0 over {@code warmup} steps to {@code peak}, then cosine
 * decay to {@code floor} at {@code total}; {@code floor} after that.
 */
public record Schedule(double peak, double floor, int warmup, int total) {
  public Schedule {
    if (peak <= 0 || floor < 0 || floor > peak || warmup < 0 || total <= warmup) {
      throw new IllegalArgumentException("schedule needs peak > 0, 0 <= floor <= peak, 0 <= warmup < total; got "
          + this);
    }
  }

  /** The rate for (0-based) {@code step}. */
  public double rate(long step) {
    if (step < warmup) {
      return peak * (step + 1) / warmup;
    }
    if (step >= total) {
      return floor;
    }
    double t = (double) (step - warmup) / (total - warmup);
    return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * t));
  }
}
