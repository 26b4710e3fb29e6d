package cockpit.npu.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import cockpit.npu.model.TextConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One conversation's decoder state for the fixed-capacity graphs: per conv layer a [1, H, 3] conv
 * state (double-buffered: one is read while the other is written), per attention layer K and V
 * buffers of the full context [1, nKV, C, hd] that GroupQueryAttention updates in place, and the
 * number of tokens consumed. All direct buffers, allocated once; tensors wrap them without copies.
 *
 * <p>Not thread-safe: one turn at a time (the dialogue serialises turns per session). Close to free
 * the native tensors.
 */
public final class DecoderState implements AutoCloseable {
  private final TextConfig cfg;
  private final int capacity;
  private final Map<Integer, OnnxTensor[]> conv = new LinkedHashMap<>(); // [current, next]
  private final Map<Integer, FloatBuffer[]> convBuf = new LinkedHashMap<>();
  private final Map<Integer, OnnxTensor[]> kv = new LinkedHashMap<>(); // [key, value]
  private final Map<Integer, FloatBuffer[]> kvBuf = new LinkedHashMap<>();
  private int position;
  private final java.util.List<AutoCloseable> owned = new java.util.ArrayList<>();

  DecoderState(OrtEnvironment env, TextConfig cfg, int capacity) throws OrtException {
    this.cfg = cfg;
    this.capacity = capacity;
    int h = cfg.hiddenSize();
    int l = cfg.convLCache();
    long[] convShape = {1, h, l};
    for (int i : cfg.convLayers()) {
      FloatBuffer a = direct(h * l);
      FloatBuffer b = direct(h * l);
      convBuf.put(i, new FloatBuffer[] {a, b});
      conv.put(i, new OnnxTensor[] {OnnxTensor.createTensor(env, a, convShape), OnnxTensor.createTensor(env, b,
          convShape)});
    }
    long[] kvShape = {1, cfg.numKeyValueHeads(), capacity, cfg.headDim()};
    int kvSize = cfg.numKeyValueHeads() * capacity * cfg.headDim();
    for (int i : cfg.attentionLayers()) {
      FloatBuffer k = direct(kvSize);
      FloatBuffer v = direct(kvSize);
      kvBuf.put(i, new FloatBuffer[] {k, v});
      kv.put(i, new OnnxTensor[] {OnnxTensor.createTensor(env, k, kvShape), OnnxTensor.createTensor(env, v, kvShape)});
    }
  }

  static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /** Tokens consumed so far (the next token's position). */
  public int position() {
    return position;
  }

  public int capacity() {
    return capacity;
  }

  public TextConfig config() {
    return cfg;
  }

  void advance(int tokens) {
    position += tokens;
  }

  OnnxTensor convIn(int layer) {
    return conv.get(layer)[0];
  }

  OnnxTensor convOut(int layer) {
    return conv.get(layer)[1];
  }

  /** After a run: the state just written becomes the one read next. */
  void swapConv() {
    for (Map.Entry<Integer, OnnxTensor[]> e : conv.entrySet()) {
      OnnxTensor[] t = e.getValue();
      OnnxTensor tmp = t[0];
      t[0] = t[1];
      t[1] = tmp;
      FloatBuffer[] b = convBuf.get(e.getKey());
      FloatBuffer tb = b[0];
      b[0] = b[1];
      b[1] = tb;
    }
  }

  OnnxTensor key(int layer) {
    return kv.get(layer)[0];
  }

  OnnxTensor value(int layer) {
    return kv.get(layer)[1];
  }

  /** A copy of one conv layer's current state, [H·3] row-major (for tests and snapshots). */
  public float[] convState(int layer) {
    FloatBuffer b = convBuf.get(layer)[0].duplicate().clear();
    float[] out = new float[b.remaining()];
    b.get(out);
    return out;
  }

  /** A copy of the first {@code position()} K rows of one attention layer, [nKV][pos][hd] flattened. */
  public float[] keys(int layer) {
    return rows(kvBuf.get(layer)[0]);
  }

  public float[] values(int layer) {
    return rows(kvBuf.get(layer)[1]);
  }

  private float[] rows(FloatBuffer full) {
    int hd = cfg.headDim();
    int nkv = cfg.numKeyValueHeads();
    float[] out = new float[nkv * position * hd];
    FloatBuffer b = full.duplicate().clear();
    for (int head = 0; head < nkv; head++) {
      b.position(head * capacity * hd);
      b.get(out, head * position * hd, position * hd);
    }
    return out;
  }

  /**
   * Writes the state (position, conv columns, the first {@code position()} KV rows) to {@code out}:
   * little-endian floats, layers in ascending order, K then V, heads outermost. A 4000-token session
   * of the LFM2-350M dims is ~100 MB; nothing beyond the position is written.
   */
  public void writeTo(java.nio.channels.WritableByteChannel out) throws java.io.IOException {
    ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(position).flip();
    writeFully(out, head);
    for (FloatBuffer[] b : convBuf.values()) {
      writeFloats(out, b[0], 0, b[0].capacity());
    }
    int hd = cfg.headDim();
    for (FloatBuffer[] b : kvBuf.values()) {
      for (FloatBuffer kv : b) {
        for (int head2 = 0; head2 < cfg.numKeyValueHeads(); head2++) {
          writeFloats(out, kv, head2 * capacity * hd, position * hd);
        }
      }
    }
  }

  /** Bytes {@link #writeTo} writes at the current position. */
  public long serializedBytes() {
    return 4 + 4L * (convBuf.size() * (long) cfg.hiddenSize() * cfg.convLCache()
        + 2L * kvBuf.size() * cfg.numKeyValueHeads() * (long) position * cfg.headDim());
  }

  /** Replaces this state with one written by {@link #writeTo} for the same model config. */
  public void readFrom(java.nio.channels.ReadableByteChannel in) throws java.io.IOException {
    ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(in, head);
    int pos = head.flip().getInt();
    if (pos < 0 || pos > capacity) {
      throw new java.io.IOException("state position " + pos + " is outside 0.." + capacity);
    }
    for (FloatBuffer[] b : convBuf.values()) {
      readFloats(in, b[0], 0, b[0].capacity());
    }
    int hd = cfg.headDim();
    for (FloatBuffer[] b : kvBuf.values()) {
      for (FloatBuffer kv : b) {
        for (int head2 = 0; head2 < cfg.numKeyValueHeads(); head2++) {
          readFloats(in, kv, head2 * capacity * hd, pos * hd);
        }
      }
    }
    position = pos;
  }

  private static void writeFloats(java.nio.channels.WritableByteChannel out, FloatBuffer src, int from, int count)
      throws java.io.IOException {
    ByteBuffer bytes = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(src.duplicate().clear().position(from).limit(from + count));
    writeFully(out, bytes);
  }

  private static void readFloats(java.nio.channels.ReadableByteChannel in, FloatBuffer dst, int from, int count)
      throws java.io.IOException {
    ByteBuffer bytes = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(in, bytes);
    bytes.flip();
    dst.duplicate().clear().position(from).put(bytes.asFloatBuffer());
  }

  private static void writeFully(java.nio.channels.WritableByteChannel out, ByteBuffer b) throws java.io.IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  private static void readFully(java.nio.channels.ReadableByteChannel in, ByteBuffer b) throws java.io.IOException {
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        throw new java.io.EOFException("state ends early: " + b.remaining() + " bytes missing");
      }
    }
  }

  /**
   * Makes {@code target} a copy of this state (a fork): the current conv columns, the first
   * {@code position()} K/V rows of every attention layer and the position; rows past the position
   * are never attended, so they are not copied. Direct-buffer to direct-buffer copies, no
   * serialization. Both states must be of one config and capacity (one session); this state is not
   * changed, and the two are independent afterwards.
   *
   * @return the bytes copied: conv layers × H × L + attention layers × 2 × kv_heads × position × head_dim floats, × 4
   * @throws IllegalArgumentException if {@code target} is this state or of another config or capacity
   */
  public long copyTo(DecoderState target) {
    if (target == this) {
      throw new IllegalArgumentException("a state cannot be forked into itself");
    }
    if (!target.cfg.equals(cfg) || target.capacity != capacity) {
      throw new IllegalArgumentException("cannot fork a state of capacity " + capacity + " into one of capacity "
          + target.capacity + " or of another model config");
    }
    for (Map.Entry<Integer, FloatBuffer[]> e : convBuf.entrySet()) {
      copy(e.getValue()[0], target.convBuf.get(e.getKey())[0], 0, e.getValue()[0].capacity()); // [H, L]
    }
    int hd = cfg.headDim();
    for (Map.Entry<Integer, FloatBuffer[]> e : kvBuf.entrySet()) {
      FloatBuffer[] to = target.kvBuf.get(e.getKey());
      for (int kv = 0; kv < 2; kv++) {
        for (int head = 0; head < cfg.numKeyValueHeads(); head++) { // [kv_heads, capacity, head_dim]: rows 0..position of each head
          copy(e.getValue()[kv], to[kv], head * capacity * hd, position * hd);
        }
      }
    }
    target.position = position;
    return serializedBytes() - 4;
  }

  private static void copy(FloatBuffer from, FloatBuffer to, int offset, int count) {
    to.duplicate().clear().position(offset).put(from.duplicate().clear().position(offset).limit(offset + count));
  }

  /** Bytes of native state this session holds (conv double buffers and full KV buffers). */
  public long bytes() {
    return 4L * (2L * convBuf.size() * cfg.hiddenSize() * cfg.convLCache()
        + 2L * kvBuf.size() * cfg.numKeyValueHeads() * capacity * cfg.headDim());
  }

  /** Clears to an empty conversation. */
  public void reset() {
    for (FloatBuffer[] b : convBuf.values()) {
      zero(b[0]);
      zero(b[1]);
    }
    position = 0; // KV rows beyond the position are never attended: no need to clear them
  }

  private static void zero(FloatBuffer b) {
    FloatBuffer d = b.duplicate().clear();
    while (d.hasRemaining()) {
      d.put(0f);
    }
  }

  /** Ties {@code resource} (the step I/O tensors a session made for this state) to this state's life. */
  void onClose(AutoCloseable resource) {
    owned.add(resource);
  }

  @Override
  public void close() {
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception ignored) {
        // Native tensors close without failing; nothing to report.
      }
    }
    conv.values().forEach(t -> {
      t[0].close();
      t[1].close();
    });
    kv.values().forEach(t -> {
      t[0].close();
      t[1].close();
    });
  }
}
