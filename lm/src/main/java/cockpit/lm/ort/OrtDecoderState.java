package cockpit.lm.ort;

import cockpit.lm.DecoderState;
import cockpit.lm.NativeResource;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * A {@link DecoderState} over npu-runtime's fixed-capacity ONNX Runtime state (direct buffers wrapped
 * as ORT tensors, KV updated in place). Not thread-safe: one turn at a time. Closing frees the native
 * tensors once, after a call in flight.
 */
public final class OrtDecoderState extends NativeResource implements DecoderState {
  private final cockpit.npu.runtime.DecoderState raw;
  private final OrtDecoder owner;

  OrtDecoderState(cockpit.npu.runtime.DecoderState raw, OrtDecoder owner) {
    super("ORT decoder state");
    this.raw = raw;
    this.owner = owner;
  }

  OrtDecoder owner() {
    return owner;
  }

  /** Runs {@code body} on the npu-runtime state with this state held (not closed under it). */
  <T, E extends Exception> T with(RawCall<T, E> body) throws E {
    return use(() -> body.run(raw));
  }

  @FunctionalInterface
  interface RawCall<T, E extends Exception> {
    T run(cockpit.npu.runtime.DecoderState raw) throws E;
  }

  @Override
  public int position() {
    return use(raw::position);
  }

  @Override
  public int capacity() {
    return raw.capacity();
  }

  @Override
  public void reset() {
    use(() -> {
      raw.reset();
      return null;
    });
  }

  @Override
  public long bytes() {
    return raw.bytes();
  }

  @Override
  public long serializedBytes() {
    return use(raw::serializedBytes);
  }

  @Override
  public void writeTo(WritableByteChannel out) throws IOException {
    use(() -> {
      raw.writeTo(out);
      return null;
    });
  }

  @Override
  public void readFrom(ReadableByteChannel in) throws IOException {
    use(() -> {
      raw.readFrom(in);
      return null;
    });
  }

  /**
   * Forks into {@code target}, a state of the same decoder: npu-runtime's direct-buffer copy of the conv
   * columns and the K/V rows up to the position (the fixed-capacity buffers are allocated already).
   */
  @Override
  public long copyTo(DecoderState target) {
    if (!(target instanceof OrtDecoderState t) || t.owner != owner) {
      throw new IllegalArgumentException("cannot fork an " + resourceName() + " into a state of another decoder;"
          + " use newState() of the same decoder");
    }
    if (t == this) {
      throw new IllegalArgumentException("a state cannot be forked into itself");
    }
    return use(() -> t.with(raw::copyTo));
  }

  /** A copy of one conv layer's current state, [H·L] (for tests). */
  public float[] convState(int layer) {
    return use(() -> raw.convState(layer));
  }

  /** A copy of one attention layer's K rows, [kv_heads][position][head_dim] flattened (for tests). */
  public float[] keys(int layer) {
    return use(() -> raw.keys(layer));
  }

  @Override
  protected void free() {
    raw.close();
  }
}
