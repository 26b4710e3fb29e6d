package cockpit.train.data;

/**
 * The three data splits. Each owns a disjoint range of scene seeds ({@link #seed}: the split's
 * ordinal in the top bits, the example's index below), so no seed is ever drawn by two splits;
 * {@link SplitRecipe} adds the held-out attribute combinations that training and validation never
 * show and every held-out scene shows.
 */
public enum Split {
  /** What the trainer learns from. */
  TRAIN,
  /** Same distribution as training, unseen seeds: the accuracy printed while training. */
  VALIDATION,
  /** Unseen seeds and attribute combinations never seen in training: the evaluation. */
  HELD_OUT;

  /** Bits of an index inside a split's seed range. */
  public static final int INDEX_BITS = 40;

  /**
   * The scene seed of {@code index} (0 ≤ index &lt; 2^40) in this split: {@code (ordinal + 1) << 40 | index}.
   *
   * @throws IllegalArgumentException if the index leaves the range
   */
  public long seed(long index) {
    if (index < 0 || index >= 1L << INDEX_BITS) {
      throw new IllegalArgumentException("example index " + index + " is outside 0..2^" + INDEX_BITS);
    }
    return (ordinal() + 1L) << INDEX_BITS | index;
  }

  /** The split that owns {@code seed}, for checks. */
  public static Split ofSeed(long seed) {
    int i = (int) (seed >>> INDEX_BITS) - 1;
    if (i < 0 || i >= values().length) {
      throw new IllegalArgumentException("seed " + seed + " belongs to no split");
    }
    return values()[i];
  }
}
