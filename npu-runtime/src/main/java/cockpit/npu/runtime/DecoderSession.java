package cockpit.npu.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import cockpit.npu.model.TextConfig;
import cockpit.npu.model.Weights;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Runs the fixed-capacity decoder graphs ({@code decoder_prefill.onnx} with chunk K, {@code
 * decoder_decode.onnx} with one token) over a {@link DecoderState}: prefill feeds any number of
 * tokens in chunks, decode feeds one; each returns the logits of the last token. The KV buffers are
 * bound as both past and present (updated in place), conv states are double-buffered, and all I/O
 * tensors are reused: the per-token cost has no copy that grows with the context.
 *
 * <p>Thread-safe across states (ONNX Runtime sessions allow concurrent runs); one state is used by
 * one thread at a time. Call from inference threads, never from an event loop. {@link #close} waits
 * for runs in flight.
 */
public final class DecoderSession implements AutoCloseable {
  public static final String PREFILL = cockpit.npu.model.ModelDirectory.DECODER_PREFILL_ONNX;
  public static final String DECODE = cockpit.npu.model.ModelDirectory.DECODER_DECODE_ONNX;

  private final NpuRuntime runtime;
  private final TextConfig cfg;
  private final OrtSession prefill;
  private final OrtSession decode;
  private final int chunk;
  private final int capacity;
  private final FloatBuffer embeddings; // [V, H], mapped from the weights
  private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private DecoderSession(NpuRuntime runtime, TextConfig cfg, OrtSession prefill, OrtSession decode, int chunk,
      int capacity, FloatBuffer embeddings) {
    this.runtime = runtime;
    this.cfg = cfg;
    this.prefill = prefill;
    this.decode = decode;
    this.chunk = chunk;
    this.capacity = capacity;
    this.embeddings = embeddings;
  }

  /** The greedy token of {@code logits} [vocab]: the highest score, ties to the lowest id. */
  public static int argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Opens the two float graphs in {@code onnxDir}; embeddings are read from {@code weights}. */
  public static DecoderSession open(NpuRuntime runtime, TextConfig cfg, Weights weights, Path onnxDir)
      throws OrtException {
    return open(runtime, cfg, weights, onnxDir, cockpit.npu.model.ModelVariant.FLOAT);
  }

  /**
   * Opens the prefill and decode graphs of {@code variant} in {@code onnxDir} (the float embedding
   * table is always read from {@code weights}: the runtime gathers rows itself).
   */
  public static DecoderSession open(NpuRuntime runtime, TextConfig cfg, Weights weights, Path onnxDir,
      cockpit.npu.model.ModelVariant variant) throws OrtException {
    if (variant != cockpit.npu.model.ModelVariant.FLOAT
        && !java.nio.file.Files.isRegularFile(onnxDir.resolve(variant.prefillFile()))) {
      throw new IllegalArgumentException("model.variant " + variant.id() + ": " + onnxDir.resolve(
          variant.prefillFile()) + " does not exist; write it with `cockpit model quantize " + onnxDir.getParent()
          + "` or set model.variant=float");
    }
    OrtSession p = runtime.openSession(onnxDir.resolve(variant.prefillFile()));
    OrtSession d;
    try {
      d = runtime.openSession(onnxDir.resolve(variant.decodeFile()));
    } catch (OrtException | RuntimeException e) {
      p.close();
      throw e;
    }
    long[] embShape = p.getInputInfo().get("inputs_embeds").getInfo() instanceof ai.onnxruntime.TensorInfo ti
        ? ti.getShape() : new long[0];
    long[] kvShape = cfg.attentionLayers().isEmpty() ? new long[] {0, 0, 0, 0}
        : ((ai.onnxruntime.TensorInfo) p.getInputInfo().get("past_key_values." + cfg.attentionLayers().get(0)
            + ".key").getInfo()).getShape();
    if (embShape.length != 3 || embShape[2] != cfg.hiddenSize()) {
      p.close();
      d.close();
      throw new IllegalArgumentException(onnxDir.resolve(variant.prefillFile()) + " takes inputs_embeds "
          + java.util.Arrays.toString(embShape) + " but the config's hidden size is " + cfg.hiddenSize());
    }
    FloatBuffer emb = weights.get("model.embed_tokens.weight").bytes().order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer();
    return new DecoderSession(runtime, cfg, p, d, (int) embShape[1], (int) kvShape[2], emb);
  }

  public TextConfig config() {
    return cfg;
  }

  /** Tokens per prefill run. */
  public int chunk() {
    return chunk;
  }

  /** KV capacity (the context length). */
  public int capacity() {
    return capacity;
  }

  public DecoderState newState() throws OrtException {
    return new DecoderState(runtime.env(), cfg, capacity);
  }

  /** The embedding row of {@code token}. */
  public float[] embed(int token) {
    if (token < 0 || token >= cfg.vocabSize()) {
      throw new IllegalArgumentException("token id " + token + " is outside the vocabulary 0.." + (cfg.vocabSize() - 1));
    }
    float[] row = new float[cfg.hiddenSize()];
    embeddings.get(token * cfg.hiddenSize(), row);
    return row;
  }

  /** Embedding rows of {@code tokens}, [T·H]. */
  public float[] embed(int[] tokens) {
    int h = cfg.hiddenSize();
    float[] out = new float[tokens.length * h];
    for (int t = 0; t < tokens.length; t++) {
      System.arraycopy(embed(tokens[t]), 0, out, t * h, h);
    }
    return out;
  }

  /**
   * Feeds {@code count} embedding rows and returns the last one's logits [V]. Chunks of K run the
   * prefill graph; a remainder below K runs padded (the state ends after the last real token).
   *
   * @param run cancels the run when terminated (barge-in); may be null
   */
  public float[] prefill(DecoderState st, float[] embeds, int count, OrtSession.RunOptions run) throws OrtException {
    checkRoom(st, count);
    int h = cfg.hiddenSize();
    if (embeds.length < count * h) {
      throw new IllegalArgumentException("embeds hold " + embeds.length / h + " rows of " + h + ", fewer than " + count);
    }
    float[] logits = null;
    for (int from = 0; from < count; from += chunk) {
      int valid = Math.min(chunk, count - from);
      if (valid == chunk) {
        logits = runStep(prefill, st, chunk, embeds, from, valid, run);
      } else if (valid > 1 && st.position() + chunk <= capacity) {
        logits = runStep(prefill, st, chunk, embeds, from, valid, run); // padded: rows past the end are never attended
      } else {
        // One token, or a padded chunk would run past the KV capacity: feed the rest one by one.
        for (int i = 0; i < valid; i++) {
          logits = runStep(decode, st, 1, embeds, from + i, 1, run);
        }
      }
    }
    return logits;
  }

  /** Feeds one token and returns its logits [V]. */
  public float[] decode(DecoderState st, int token, OrtSession.RunOptions run) throws OrtException {
    checkRoom(st, 1);
    return runStep(decode, st, 1, embed(token), 0, 1, run);
  }

  private void checkRoom(DecoderState st, int count) {
    if (count <= 0) {
      throw new IllegalArgumentException("nothing to feed: " + count + " tokens");
    }
    if (st.position() + count > capacity) {
      throw new ContextFullException(st.position(), count, capacity);
    }
  }

  private float[] runStep(OrtSession session, DecoderState st, int k, float[] src, int from, int valid,
      OrtSession.RunOptions run) throws OrtException {
    var read = lifecycle.readLock();
    read.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the decoder session is closed");
      }
      st.enter(); // the state's memory stays allocated until the run ends, even if it is closed meanwhile
      try {
        return runHeld(session, st, st.io(k), src, from, valid, run);
      } finally {
        st.exit();
      }
    } finally {
      read.unlock();
    }
  }

  private float[] runHeld(OrtSession session, DecoderState st, StepIo io, float[] src, int from, int valid,
      OrtSession.RunOptions run) throws OrtException {
    io.fill(src, from, valid, cfg.hiddenSize(), st.position());
    Map<String, OnnxTensor> in = new HashMap<>();
    in.put("inputs_embeds", io.embedsT);
    in.put("position_ids", io.positionsT);
    in.put("valid_length", io.validLengthT);
    in.put("seqlens_k", io.seqlensKT);
    in.put("total_sequence_length", io.totalLengthT);
    Map<String, OnnxValue> pinned = new HashMap<>();
    pinned.put("logits", io.logitsT);
    for (int i : cfg.convLayers()) {
      in.put("past_conv." + i, st.convIn(i));
      pinned.put("present_conv." + i, st.convOut(i));
    }
    for (int i : cfg.attentionLayers()) {
      in.put("past_key_values." + i + ".key", st.key(i));
      in.put("past_key_values." + i + ".value", st.value(i));
      pinned.put("present." + i + ".key", st.key(i));
      pinned.put("present." + i + ".value", st.value(i));
    }
    Set<String> none = new HashSet<>();
    try (OrtSession.Result r = run == null ? session.run(in, none, pinned) : session.run(in, none, pinned, run)) {
      st.swapConv();
      st.advance(valid);
      return io.readLogits();
    }
  }

  @Override
  public void close() throws OrtException {
    var write = lifecycle.writeLock();
    write.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      prefill.close();
      decode.close();
    } finally {
      write.unlock();
    }
  }
}
