package cockpit.npu.deploy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import cockpit.npu.model.TextConfig;
import cockpit.npu.runtime.NpuRuntime;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Drives a static NPU decoder graph ({@code DecoderGraph.npu}, float or QDQ) on ONNX Runtime,
 * doing what an NPU runtime does around it: keeps the KV cache and conv state on the host, builds
 * the causal {@code attention_bias}, writes each chunk's new KV rows into the cache. Optionally
 * exposes intermediate tensors (calibration of the QDQ export). Used on CPU to check the NPU graphs
 * and to calibrate them; not a production decoder (it copies the cache per run). Single-threaded;
 * owns an ORT session.
 */
public final class NpuDecoderRunner implements AutoCloseable {
  private final NpuRuntime rt;
  private final OrtSession s;
  private final TextConfig cfg;
  private final int chunk;
  private final int cap;
  private final Map<Integer, float[][]> kv = new HashMap<>();
  private final Map<Integer, float[]> conv = new HashMap<>();
  private final java.util.List<String> exposed;
  private final Map<String, float[]> activations = new HashMap<>();
  private int filled;

  /** Opens the graph file {@code onnx} with {@code chunk} tokens and KV capacity {@code cap}. */
  public NpuDecoderRunner(NpuRuntime rt, Path onnx, TextConfig cfg, int chunk, int cap) throws Exception {
    this(rt, rt.openSession(onnx), cfg, chunk, cap, java.util.List.of());
  }

  /**
   * Writes {@code graph} with {@code expose} as extra outputs into {@code work} and opens it; after
   * each {@link #run}, {@link #activations} holds their values.
   */
  public static NpuDecoderRunner exposing(NpuRuntime rt, cockpit.npu.onnx.GraphBuilder graph,
      java.util.Collection<String> expose, TextConfig cfg, int chunk, int cap, Path work) throws Exception {
    cockpit.npu.onnx.GraphBuilder g = graph.copy(graph.name() + "_expose");
    java.util.Set<String> declared = new java.util.HashSet<>();
    g.outputs().forEach(o -> declared.add(o.getName()));
    java.util.List<String> names = new java.util.ArrayList<>();
    for (String t : expose) {
      if (declared.add(t)) {
        g.exposeOutput(t, cockpit.npu.onnx.DType.FLOAT);
        names.add(t);
      }
    }
    java.nio.file.Files.createDirectories(work);
    Path file = java.nio.file.Files.createTempFile(work, "npu", ".onnx");
    try (cockpit.npu.onnx.ExternalData ext = new cockpit.npu.onnx.ExternalData(Path.of(file + ".data"))) {
      cockpit.npu.onnx.ModelWriter.write(g, file, ext, Map.of());
    }
    return new NpuDecoderRunner(rt, rt.openSession(file), cfg, chunk, cap, names);
  }

  private NpuDecoderRunner(NpuRuntime rt, OrtSession session, TextConfig cfg, int chunk, int cap,
      java.util.List<String> exposed) {
    this.rt = rt;
    this.s = session;
    this.exposed = exposed;
    this.cfg = cfg;
    this.chunk = chunk;
    this.cap = cap;
    int kvSize = cfg.numKeyValueHeads() * cap * cfg.headDim();
    cfg.attentionLayers().forEach(i -> kv.put(i, new float[][] {new float[kvSize], new float[kvSize]}));
    cfg.convLayers().forEach(i -> conv.put(i, new float[cfg.hiddenSize() * cfg.convLCache()]));
  }

  /** Tokens written into the cache so far. */
  public int filled() {
    return filled;
  }

  /** The exposed tensors of the last run (empty unless built by {@link #exposing}). */
  public Map<String, float[]> activations() {
    return java.util.Collections.unmodifiableMap(activations);
  }

  /** Runs one chunk of {@code n ≤ chunk} embeddings [n, H]; returns the last real token's logits. */
  public float[] run(float[] embeds, int n) throws Exception {
    if (n <= 0 || n > chunk || embeds.length < n * cfg.hiddenSize() || filled + n > cap) {
      throw new IllegalArgumentException(n + " tokens do not fit a chunk of " + chunk + " at " + filled + "/" + cap);
    }
    int h = cfg.hiddenSize();
    int nkv = cfg.numKeyValueHeads();
    int hd = cfg.headDim();
    Map<String, OnnxTensor> in = new HashMap<>();
    try {
      float[] e = new float[chunk * h];
      System.arraycopy(embeds, 0, e, 0, n * h);
      in.put("inputs_embeds", OnnxTensor.createTensor(rt.env(), FloatBuffer.wrap(e), new long[] {1, chunk, h}));
      long[] pos = new long[chunk];
      float[] bias = new float[chunk * (cap + chunk)];
      for (int t = 0; t < chunk; t++) {
        pos[t] = Math.min(filled + t, cap - 1);
        for (int j = 0; j < cap + chunk; j++) {
          boolean ok = j < cap ? j < filled : j - cap <= t;
          bias[t * (cap + chunk) + j] = ok ? 0 : -10000f;
        }
      }
      in.put("position_ids", OnnxTensor.createTensor(rt.env(), LongBuffer.wrap(pos), new long[] {1, chunk}));
      in.put("valid_length", OnnxTensor.createTensor(rt.env(), LongBuffer.wrap(new long[] {n}), new long[] {1}));
      in.put("attention_bias", OnnxTensor.createTensor(rt.env(), FloatBuffer.wrap(bias),
          new long[] {1, 1, chunk, cap + chunk}));
      for (var c : conv.entrySet()) {
        in.put("past_conv." + c.getKey(), OnnxTensor.createTensor(rt.env(), FloatBuffer.wrap(c.getValue()),
            new long[] {1, h, cfg.convLCache()}));
      }
      for (var c : kv.entrySet()) {
        long[] shape = {1, nkv, cap, hd};
        in.put("past_key_values." + c.getKey() + ".key", OnnxTensor.createTensor(rt.env(),
            FloatBuffer.wrap(c.getValue()[0]), shape));
        in.put("past_key_values." + c.getKey() + ".value", OnnxTensor.createTensor(rt.env(),
            FloatBuffer.wrap(c.getValue()[1]), shape));
      }
      try (OrtSession.Result r = s.run(in)) {
        for (var c : conv.entrySet()) {
          ((OnnxTensor) r.get("present_conv." + c.getKey()).orElseThrow()).getFloatBuffer().get(c.getValue());
        }
        for (var c : kv.entrySet()) {
          for (int which = 0; which < 2; which++) {
            FloatBuffer rows = ((OnnxTensor) r.get("present." + c.getKey() + (which == 0 ? ".key" : ".value"))
                .orElseThrow()).getFloatBuffer(); // [1, nKV, chunk, hd]
            for (int head = 0; head < nkv; head++) {
              for (int t = 0; t < n; t++) {
                rows.get((head * chunk + t) * hd, c.getValue()[which], (head * cap + filled + t) * hd, hd);
              }
            }
          }
        }
        filled += n;
        activations.clear();
        for (String t : exposed) {
          FloatBuffer b = ((OnnxTensor) r.get(t).orElseThrow()).getFloatBuffer();
          float[] a = new float[b.remaining()];
          b.get(a);
          activations.put(t, a);
        }
        FloatBuffer l = ((OnnxTensor) r.get("logits").orElseThrow()).getFloatBuffer();
        float[] out = new float[l.remaining()];
        l.get(out);
        return out;
      }
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }

  @Override
  public void close() throws Exception {
    s.close();
  }
}
