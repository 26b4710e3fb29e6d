package cockpit.train.tokenizer;

/**
 * Settings of a BPE training run.
 *
 * @param vocabSize ids in the vocabulary (the model's embedding rows): LFM2's special tokens at their
 *     released ids, 256 byte tokens from id 14, learned merges in the free ids above; ids the corpus
 *     cannot fill become {@code <|reserved_N|>} entries. At least {@value #MIN_VOCAB}.
 * @param minFrequency a pair seen fewer times than this in the corpus is never merged (at least 2)
 */
public record BpeOptions(int vocabSize, int minFrequency) {
  /** LFM2's special ids reach 499; below this there is no room for merges. */
  public static final int MIN_VOCAB = 512;
  /** The vocabulary the trained model uses unless told otherwise. */
  public static final int DEFAULT_VOCAB = 4096;

  public BpeOptions {
    if (vocabSize < MIN_VOCAB) {
      throw new IllegalArgumentException("vocab size " + vocabSize + " is below " + MIN_VOCAB
          + " (LFM2's special ids reach 499)");
    }
    if (minFrequency < 2) {
      throw new IllegalArgumentException("min frequency " + minFrequency + " must be at least 2");
    }
  }

  public static BpeOptions defaults() {
    return new BpeOptions(DEFAULT_VOCAB, 2);
  }
}
