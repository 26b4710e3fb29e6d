package cockpit.npu.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import cockpit.npu.model.TextConfig;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One conversation's decoder state for the fixed-capacity graphs: per conv layer a [1, H, 3] conv
 * state (double-buffered: one is read while the other is written), per attention layer K and V
 * buffers of the full context [1, nKV, C, hd] that GroupQueryAttention updates in place, the step I/O
 * of each chunk size run on it, and the number of tokens consumed. Tensors wrap the buffers without
 * copies.
 *
 * <p>Memory: every buffer comes from one shared {@link Arena} owned by the state, so {@link #close}
 * frees it at once. Direct buffers from {@code ByteBuffer.allocateDirect} were freed only when a
 * collection found them: with a state per perception task the process grew by the whole direct-memory
 * limit and each allocation beyond it forced a full collection (issue #11). Shared, not confined,
 * because a session's turns and its close run on different inference threads.
 *
 * <p>Not thread-safe for use: one turn at a time (the dialogue serialises turns per session). {@link
 * #close} may come from any thread: it is idempotent, waits for a run in flight, and afterwards every
 * use of the buffers throws {@link IllegalStateException}; {@link #position()} and the sizes stay
 * readable.
 */
public final class DecoderState implements AutoCloseable {
  private final OrtEnvironment env;
  private final TextConfig cfg;
  private final int capacity;
  private final Arena arena = Arena.ofShared();
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final List<OnnxTensor> tensors = new ArrayList<>();
  private final Map<Integer, OnnxTensor[]> conv = new LinkedHashMap<>(); // [current, next]
  private final Map<Integer, FloatBuffer[]> convBuf = new LinkedHashMap<>();
  private final Map<Integer, OnnxTensor[]> kv = new LinkedHashMap<>(); // [key, value]
  private final Map<Integer, FloatBuffer[]> kvBuf = new LinkedHashMap<>();
  private final Map<Integer, StepIo> io = new HashMap<>(); // by chunk size
  private boolean closed;
  private int position;

  DecoderState(OrtEnvironment env, TextConfig cfg, int capacity) throws OrtException {
    this.env = env;
    this.cfg = cfg;
    this.capacity = capacity;
    try {
      int h = cfg.hiddenSize();
      int l = cfg.convLCache();
      long[] convShape = {1, h, l};
      for (int i : cfg.convLayers()) {
        FloatBuffer[] b = {floats(h * l), floats(h * l)};
        convBuf.put(i, b);
        conv.put(i, new OnnxTensor[] {tensor(b[0], convShape), tensor(b[1], convShape)});
      }
      long[] kvShape = {1, cfg.numKeyValueHeads(), capacity, cfg.headDim()};
      int kvSize = cfg.numKeyValueHeads() * capacity * cfg.headDim();
      for (int i : cfg.attentionLayers()) {
        FloatBuffer[] b = {floats(kvSize), floats(kvSize)};
        kvBuf.put(i, b);
        kv.put(i, new OnnxTensor[] {tensor(b[0], kvShape), tensor(b[1], kvShape)});
      }
    } catch (OrtException | RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** {@code bytes} of zeroed native memory from this state's arena, in native order, freed by {@link #close}. */
  ByteBuffer allocate(long bytes) {
    return arena.allocate(bytes, 64).asByteBuffer().order(ByteOrder.nativeOrder());
  }

  FloatBuffer floats(int count) {
    return allocate(4L * count).asFloatBuffer();
  }

  /** A tensor over {@code buffer} (no copy: the buffer is direct and native-order), closed with the state. */
  OnnxTensor tensor(java.nio.Buffer buffer, long[] shape) throws OrtException {
    OnnxTensor t = switch (buffer) {
      case FloatBuffer f -> OnnxTensor.createTensor(env, f, shape);
      case java.nio.LongBuffer l -> OnnxTensor.createTensor(env, l, shape);
      case java.nio.IntBuffer i -> OnnxTensor.createTensor(env, i, shape);
      default -> throw new IllegalArgumentException("no tensor type for " + buffer.getClass().getName());
    };
    tensors.add(t);
    return t;
  }

  /** The step I/O for chunks of {@code chunk} tokens, made on first use. Call between {@link #enter} and {@link #exit}. */
  StepIo io(int chunk) throws OrtException {
    StepIo s = io.get(chunk);
    if (s == null) {
      s = new StepIo(this, chunk, cfg.hiddenSize(), cfg.vocabSize());
      io.put(chunk, s);
    }
    return s;
  }

  /** Tokens consumed so far (the next token's position); readable after close. */
  public int position() {
    return position;
  }

  public int capacity() {
    return capacity;
  }

  public TextConfig config() {
    return cfg;
  }

  /** Whether the state's native memory is still allocated (false once closed: the arena freed it). */
  boolean memoryAllocated() {
    return arena.scope().isAlive();
  }

  /** Whether {@link #close} was called. */
  public boolean isClosed() {
    lifecycle.readLock().lock();
    try {
      return closed;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * Marks a use of the buffers (a run, a copy); close waits until {@link #exit}.
   *
   * @throws IllegalStateException if the state is closed
   */
  void enter() {
    lifecycle.readLock().lock();
    if (closed) {
      lifecycle.readLock().unlock();
      throw new IllegalStateException("the decoder state is closed (position " + position + ")");
    }
  }

  void exit() {
    lifecycle.readLock().unlock();
  }

  @FunctionalInterface
  private interface Body<T, E extends Exception> {
    T run() throws E;
  }

  private <T, E extends Exception> T held(Body<T, E> body) throws E {
    enter();
    try {
      return body.run();
    } finally {
      exit();
    }
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
    return held(() -> {
      FloatBuffer b = convBuf.get(layer)[0].duplicate().clear();
      float[] out = new float[b.remaining()];
      b.get(out);
      return out;
    });
  }

  /** A copy of the first {@code position()} K rows of one attention layer, [nKV][pos][hd] flattened. */
  public float[] keys(int layer) {
    return held(() -> rows(kvBuf.get(layer)[0]));
  }

  public float[] values(int layer) {
    return held(() -> rows(kvBuf.get(layer)[1]));
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
  public void writeTo(WritableByteChannel out) throws IOException {
    held(() -> {
      StateBytes.writeInt(out, position);
      for (FloatBuffer[] b : convBuf.values()) {
        StateBytes.writeFloats(out, b[0], 0, b[0].capacity());
      }
      int hd = cfg.headDim();
      for (FloatBuffer[] b : kvBuf.values()) {
        for (FloatBuffer buf : b) {
          for (int head = 0; head < cfg.numKeyValueHeads(); head++) {
            StateBytes.writeFloats(out, buf, head * capacity * hd, position * hd);
          }
        }
      }
      return null;
    });
  }

  /** Bytes {@link #writeTo} writes at the current position. */
  public long serializedBytes() {
    return 4 + 4L * (convBuf.size() * (long) cfg.hiddenSize() * cfg.convLCache()
        + 2L * kvBuf.size() * cfg.numKeyValueHeads() * (long) position * cfg.headDim());
  }

  /** Replaces this state with one written by {@link #writeTo} for the same model config. */
  public void readFrom(ReadableByteChannel in) throws IOException {
    held(() -> {
      int pos = StateBytes.readInt(in);
      if (pos < 0 || pos > capacity) {
        throw new IOException("state position " + pos + " is outside 0.." + capacity);
      }
      for (FloatBuffer[] b : convBuf.values()) {
        StateBytes.readFloats(in, b[0], 0, b[0].capacity());
      }
      int hd = cfg.headDim();
      for (FloatBuffer[] b : kvBuf.values()) {
        for (FloatBuffer buf : b) {
          for (int head = 0; head < cfg.numKeyValueHeads(); head++) {
            StateBytes.readFloats(in, buf, head * capacity * hd, pos * hd);
          }
        }
      }
      position = pos;
      return null;
    });
  }

  /**
   * Makes {@code target} a copy of this state (a fork): the current conv columns, the first
   * {@code position()} K/V rows of every attention layer and the position; rows past the position
   * are never attended, so they are not copied. Copies between the two states' native memory, no
   * serialization. Both states must be of one config and capacity (one session); this state is not
   * changed, and the two are independent afterwards.
   *
   * @return the bytes copied: conv layers × H × L + attention layers × 2 × kv_heads × position × head_dim floats, × 4
   * @throws IllegalArgumentException if {@code target} is this state or of another config or capacity
   * @throws IllegalStateException if either state is closed
   */
  public long copyTo(DecoderState target) {
    if (target == this) {
      throw new IllegalArgumentException("a state cannot be forked into itself");
    }
    if (!target.cfg.equals(cfg) || target.capacity != capacity) {
      throw new IllegalArgumentException("cannot fork a state of capacity " + capacity + " into one of capacity "
          + target.capacity + " or of another model config");
    }
    return held(() -> {
      target.enter(); // both states stay allocated for the copy, even if one is closed meanwhile
      try {
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
      } finally {
        target.exit();
      }
    });
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
    held(() -> {
      for (FloatBuffer[] b : convBuf.values()) {
        MemorySegment.ofBuffer(b[0]).fill((byte) 0);
        MemorySegment.ofBuffer(b[1]).fill((byte) 0);
      }
      position = 0; // KV rows beyond the position are never attended: no need to clear them
      return null;
    });
  }

  /**
   * Frees the tensors and all native memory of the state, once; waits for a run in flight on another
   * thread.
   *
   * @throws IllegalStateException if called by the thread that is running on this state (it would wait
   *     for itself)
   */
  @Override
  public void close() {
    if (lifecycle.getReadHoldCount() > 0) {
      throw new IllegalStateException("the decoder state cannot be closed from inside a run on it");
    }
    var write = lifecycle.writeLock();
    write.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      // Tensors first: ORT must not hold a value over memory the arena is about to free.
      tensors.forEach(OnnxTensor::close);
      arena.close();
    } finally {
      write.unlock();
    }
  }
}
