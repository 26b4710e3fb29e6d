package cockpit.lm.reference;

import cockpit.lm.DecoderState;
import cockpit.lm.NativeResource;
import cockpit.npu.model.TextConfig;
import cockpit.npu.reference.ReferenceState;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.Function;

/**
 * A {@link DecoderState} of the plain-Java backend: npu-runtime's {@link ReferenceState} (heap arrays;
 * the KV rows grow with the position) plus the capacity the decoder enforces. Its bytes are the same
 * as the ONNX Runtime state's. Not thread-safe: one turn at a time. Holds no native memory; it follows
 * the {@link NativeResource} contract so both backends behave alike after close.
 */
public final class JavaDecoderState extends NativeResource implements DecoderState {
  private final TextConfig text;
  private final int capacity;
  private final JavaDecoder owner;
  private ReferenceState state;

  JavaDecoderState(TextConfig text, int capacity, JavaDecoder owner) {
    super("reference decoder state");
    this.text = text;
    this.capacity = capacity;
    this.owner = owner;
    this.state = new ReferenceState(text);
  }

  JavaDecoder owner() {
    return owner;
  }

  /** Runs {@code body} on the reference state with this state held (not closed under it). */
  <T> T with(Function<ReferenceState, T> body) {
    return use(() -> body.apply(state));
  }

  @Override
  public int position() {
    return use(() -> state.position());
  }

  @Override
  public int capacity() {
    return capacity;
  }

  @Override
  public void reset() {
    use(() -> state = new ReferenceState(text));
  }

  @Override
  public long bytes() {
    return serializedBytes() - 4;
  }

  @Override
  public long serializedBytes() {
    return use(() -> state.serializedBytes());
  }

  @Override
  public void writeTo(WritableByteChannel out) throws IOException {
    use(() -> {
      state.writeTo(out);
      return null;
    });
  }

  @Override
  public void readFrom(ReadableByteChannel in) throws IOException {
    use(() -> state = ReferenceState.readFrom(text, in, capacity));
  }

  /**
   * Forks into {@code target}, a state of the same decoder: a deep copy of the conv columns and K/V rows
   * (heap arrays), so the two never share a row.
   */
  @Override
  public long copyTo(DecoderState target) {
    if (!(target instanceof JavaDecoderState t) || t.owner != owner) {
      throw new IllegalArgumentException("cannot fork a " + resourceName() + " into a state of another decoder;"
          + " use newState() of the same decoder");
    }
    if (t == this) {
      throw new IllegalArgumentException("a state cannot be forked into itself");
    }
    ReferenceState copy = copy();
    return t.use(() -> {
      t.state = copy;
      return copy.serializedBytes() - 4;
    });
  }

  /** A copy of the reference state (for tests that inspect conv columns or KV rows). */
  public ReferenceState copy() {
    return use(() -> state.copy());
  }

  @Override
  protected void free() {
    state = null;
  }
}
