package cockpit.train.text;

/**
 * Token sequences for one step: {@code ids} [batch][seq], and {@code loss} [batch][seq] = true where
 * the token is an answer token whose prediction (from the previous position) counts.
 */
public record LmBatch(long[][] ids, boolean[][] loss) {
  public LmBatch {
    if (ids.length == 0 || ids.length != loss.length) {
      throw new IllegalArgumentException("a batch needs rows, with one loss mask per row");
    }
    int seq = ids[0].length;
    for (int b = 0; b < ids.length; b++) {
      if (ids[b].length != seq || loss[b].length != seq) {
        throw new IllegalArgumentException("row " + b + " is not " + seq + " tokens long");
      }
    }
  }

  /** The source of a run's batches: a pure function of the step, so a resumed run sees the same data. */
  @FunctionalInterface
  public interface Source {
    LmBatch at(long step);
  }
}
