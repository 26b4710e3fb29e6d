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
 * Test driver of a static NPU decoder graph on ORT CPU, doing what an NPU runtime does around it:
 * keeps the KV cache and conv state, builds the causal {@code attention_bias}, writes the chunk's
 * new KV rows into the cache after each run.
 */
final class NpuGraphRunner implements AutoCloseable {
  private final NpuRuntime rt;
  private final OrtSession s;
  private final TextConfig cfg;
  private final int chunk;
  private final int cap;
  private final Map<Integer, float[][]> kv = new HashMap<>();
  private final Map<Integer, float[]> conv = new HashMap<>();
  private int filled;

  NpuGraphRunner(NpuRuntime rt, Path onnx, TextConfig cfg, int chunk, int cap) throws Exception {
    this.rt = rt;
    this.s = rt.openSession(onnx);
    this.cfg = cfg;
    this.chunk = chunk;
    this.cap = cap;
    int kvSize = cfg.numKeyValueHeads() * cap * cfg.headDim();
    cfg.attentionLayers().forEach(i -> kv.put(i, new float[][] {new float[kvSize], new float[kvSize]}));
    cfg.convLayers().forEach(i -> conv.put(i, new float[cfg.hiddenSize() * cfg.convLCache()]));
  }

  /** Runs one chunk of {@code n ≤ chunk} embeddings [n, H]; returns the last real token's logits. */
  float[] run(float[] embeds, int n) throws Exception {
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
