package cockpit.lm;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * One conversation's decoder state: per conv layer the last {@code conv_L_cache} columns, per
 * attention layer the K/V rows of every position so far, and the position. Made by
 * {@link Decoder#newState()} and usable only with that decoder.
 *
 * <p>The byte layout of {@link #writeTo} is the same for every backend (little-endian: int32
 * position; conv layers ascending, each [H, L]; attention layers ascending, K then V, each
 * [kv_heads, position, head_dim]), so a snapshot written by one backend restores in the other.
 *
 * <p>Not thread-safe: one turn at a time, on one thread (the dialogue serialises turns per session).
 * The caller owns it; {@link #close} is the {@link NativeResource} contract.
 */
public interface DecoderState extends AutoCloseable {
  /** Tokens consumed so far (the next token's position). */
  int position();

  /** Tokens the state can hold at most. */
  int capacity();

  /** Clears to an empty conversation. */
  void reset();

  /**
   * Bytes of state memory held now: for ONNX Runtime the fixed-capacity buffers allocated up front,
   * for the reference backend the conv columns and the K/V rows so far.
   */
  long bytes();

  /** Bytes {@link #writeTo} writes at the current position. */
  long serializedBytes();

  /** Writes the state in the backend-neutral layout above. */
  void writeTo(WritableByteChannel out) throws IOException;

  /**
   * Replaces this state with one written by {@link #writeTo} for the same model config.
   *
   * @throws IOException if the bytes end early or the position is outside the capacity
   */
  void readFrom(ReadableByteChannel in) throws IOException;

  /**
   * Makes {@code target}, a state of the same decoder, a copy of this one (a fork): conv columns, the
   * K/V rows written so far and the position. Afterwards the two are independent: feeding one never
   * changes the other, and both continue exactly as this state would have. The cheap way to share a
   * prefix (system prompt, image) between several continuations: a hybrid model copies
   * {@code conv layers × H × L} floats plus the attention layers' rows, never re-prefilling the prefix.
   *
   * <p>The backends copy buffer to buffer; this default goes through {@link #writeTo}/{@link #readFrom}
   * (the same bytes, slower). This state is only read; {@code target} is written (both held by the
   * calling thread for the copy).
   *
   * @return the state bytes copied ({@link #serializedBytes()} less the 4-byte position)
   * @throws IllegalArgumentException if {@code target} is this state or belongs to another decoder or model
   * @throws IllegalStateException if either state is closed
   */
  default long copyTo(DecoderState target) {
    if (target == this) {
      throw new IllegalArgumentException("a state cannot be forked into itself");
    }
    var bytes = new java.io.ByteArrayOutputStream(Math.toIntExact(serializedBytes()));
    try {
      writeTo(java.nio.channels.Channels.newChannel(bytes));
      target.readFrom(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot fork into a state of another model: " + e.getMessage(), e);
    }
    return bytes.size() - 4L;
  }

  @Override
  void close();
}
