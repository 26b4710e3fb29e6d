package cockpit.lm;

import cockpit.npu.model.TextConfig;
import cockpit.npu.runtime.ContextFullException;

/**
 * The language model's decoder: feeds embedding rows into a {@link DecoderState} and returns the
 * logits of the last row. Two backends implement it: ONNX Runtime over the fixed-capacity graphs
 * ({@code cockpit.lm.ort.OrtDecoder}) and the plain-Java reference forward
 * ({@code cockpit.lm.reference.JavaDecoder}); for the same weights and conversation their logits agree
 * within the tolerance the graph tests use (2e-4 relative).
 *
 * <p>Thread-safe across states: any number of threads may run, each on its own state; one state is
 * used by one thread at a time. Call from inference threads, never from an event loop. Owned by the
 * {@link LanguageModel} that opened it; {@link #close} is the {@link NativeResource} contract (freed
 * once, after calls in flight; later calls throw {@link IllegalStateException}).
 */
public interface Decoder extends AutoCloseable {
  TextConfig config();

  /** Tokens a state holds at most (the context length). */
  int capacity();

  /** Rows one forward run takes (the prefill graph's chunk K; the reference backend feeds rows in chunks too). */
  int chunk();

  /** A fresh, empty state of this decoder; the caller owns and closes it. */
  DecoderState newState();

  /**
   * The embedding row of {@code token}, [H].
   *
   * @throws IllegalArgumentException if the id is outside the vocabulary
   */
  float[] embed(int token);

  /** Embedding rows of {@code tokens}, [T·H] row-major. */
  default float[] embed(int[] tokens) {
    int h = config().hiddenSize();
    float[] out = new float[tokens.length * h];
    for (int t = 0; t < tokens.length; t++) {
      System.arraycopy(embed(tokens[t]), 0, out, t * h, h);
    }
    return out;
  }

  /**
   * Feeds the first {@code count} rows of {@code embeds} [count·H] after what {@code state} holds and
   * returns the last row's logits [V]. If the run stops part-way (cancelled, failed), the state may
   * hold some of the rows: the caller restores or rebuilds it.
   *
   * @param cancel stops the run when cancelled (barge-in); null for a run that cannot be cancelled
   * @throws ContextFullException if the rows do not fit the capacity
   * @throws IllegalArgumentException for a state of another decoder, {@code count <= 0} or too few rows
   * @throws InferenceException if the backend fails or the run was cancelled part-way
   */
  float[] prefill(DecoderState state, float[] embeds, int count, CancelHandle cancel);

  /** Feeds one token and returns its logits [V]; see {@link #prefill}. */
  default float[] decode(DecoderState state, int token, CancelHandle cancel) {
    return prefill(state, embed(token), 1, cancel);
  }

  /** The greedy token of {@code logits} [vocab]: the highest score, ties to the lowest id. */
  static int argmax(float[] logits) {
    return cockpit.npu.runtime.DecoderSession.argmax(logits);
  }

  @Override
  void close();

  /**
   * Waits until a closed decoder is freed (its last run in flight has returned); see
   * {@link NativeResource#awaitFreed}.
   *
   * @return false if {@code timeout} passed first
   */
  boolean awaitFreed(long timeout, java.util.concurrent.TimeUnit unit) throws InterruptedException;
}
