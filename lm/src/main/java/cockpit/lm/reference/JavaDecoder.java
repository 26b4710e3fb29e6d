package cockpit.lm.reference;

import cockpit.lm.CancelHandle;
import cockpit.lm.Decoder;
import cockpit.lm.DecoderState;
import cockpit.lm.InferenceException;
import cockpit.lm.NativeResource;
import cockpit.npu.model.TextConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.reference.ReferenceDecoder;
import cockpit.npu.runtime.ContextFullException;

/**
 * The {@link Decoder} in plain Java: npu-runtime's {@link ReferenceDecoder} (the LFM2 forward as naive
 * loops with double accumulation, the oracle of the ONNX graphs) used as a backend, with the same
 * capacity rule as the fixed-capacity graphs. Rows are fed in chunks of {@value #CHUNK}; a
 * cancellation is seen between chunks, so a cancelled prefill leaves the state on a chunk boundary.
 *
 * <p>Copies the weights into the heap at construction: meant for tiny and small models (tests, and
 * machines without ONNX Runtime). Thread-safe across states (the weights are immutable); one state per
 * thread at a time. {@link #close} is the {@link NativeResource} contract.
 */
public final class JavaDecoder extends NativeResource implements Decoder {
  /** Rows per forward call; cancellation is checked between them. */
  static final int CHUNK = 32;

  private final ReferenceDecoder reference;
  private final int capacity;

  /**
   * @param capacity tokens a state may hold (the model's context length)
   * @throws IllegalArgumentException if a weight is missing or has the wrong shape
   */
  public JavaDecoder(TextConfig text, Weights weights, int capacity, String name) {
    super("reference decoder " + name);
    if (capacity <= 0 || capacity > text.maxPositionEmbeddings()) {
      throw new IllegalArgumentException("capacity " + capacity + " must be in 1.." + text.maxPositionEmbeddings());
    }
    this.reference = new ReferenceDecoder(text, weights);
    this.capacity = capacity;
  }

  @Override
  public TextConfig config() {
    return reference.text();
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public int chunk() {
    return CHUNK;
  }

  @Override
  public DecoderState newState() {
    return use(() -> new JavaDecoderState(reference.text(), capacity, this));
  }

  @Override
  public float[] embed(int token) {
    return use(() -> reference.embed(token));
  }

  @Override
  public float[] prefill(DecoderState state, float[] embeds, int count, CancelHandle cancel) {
    JavaDecoderState st = own(state);
    int h = reference.text().hiddenSize();
    if (count <= 0) {
      throw new IllegalArgumentException("nothing to feed: " + count + " tokens");
    }
    if (embeds.length < count * h) {
      throw new IllegalArgumentException("embeds hold " + embeds.length / h + " rows of " + h + ", fewer than " + count);
    }
    return use(() -> st.with(rs -> {
      if (rs.position() + count > capacity) {
        throw new ContextFullException(rs.position(), count, capacity);
      }
      float[][] logits = null;
      for (int from = 0; from < count; from += CHUNK) {
        if (cancel != null && cancel.cancelled()) {
          throw new InferenceException("cancelled after " + from + " of " + count + " rows");
        }
        float[][] rows = new float[Math.min(CHUNK, count - from)][h]; // [chunk][H]
        for (int t = 0; t < rows.length; t++) {
          System.arraycopy(embeds, (from + t) * h, rows[t], 0, h);
        }
        logits = reference.forward(rows, rs);
      }
      return logits[logits.length - 1];
    }));
  }

  private JavaDecoderState own(DecoderState state) {
    if (state instanceof JavaDecoderState s && s.owner() == this) {
      return s;
    }
    throw new IllegalArgumentException("the state was not made by this decoder (" + resourceName() + "); use "
        + "newState() of the decoder that runs it");
  }

  @Override
  protected void free() {
    // Heap only: the garbage collector takes the weights with the last reference.
  }
}
