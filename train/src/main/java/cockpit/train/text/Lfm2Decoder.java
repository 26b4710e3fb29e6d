package cockpit.train.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import cockpit.npu.graph.DecoderGraph;
import cockpit.npu.model.TextConfig;
import cockpit.train.torch.Nn;
import cockpit.train.torch.Params;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LFM2 hybrid decoder in DJL with the math of {@link DecoderGraph} (MODEL.md, Hugging Face
 * {@code modeling_lfm2.py}): RMSNorm (fp32, weight not 1+w), the gated short conv
 * ({@code y = C ⊙ conv(B ⊙ x)}, causal depthwise kernel L, conv state = last L columns of
 * {@code B ⊙ x}), GQA with per-head q/k RMSNorm before rotate-half RoPE (θ from the config, angles in
 * double), causal softmax scaled by 1/√hd, SwiGLU FFN, final norm and the lm_head tied to
 * {@code embed_tokens}. Inputs are embeddings (the caller gathers token rows and splices image
 * features), as the ONNX graphs take them. Stateless apart from the config.
 */
public final class Lfm2Decoder {
  private final TextConfig cfg;
  private final float eps;

  public Lfm2Decoder(TextConfig cfg) {
    this.cfg = cfg;
    this.eps = (float) cfg.normEps();
  }

  public TextConfig config() {
    return cfg;
  }

  /** Every parameter, with its shape, under the Hugging Face LFM2 names (tied lm_head: none). */
  public Map<String, long[]> shapes() {
    Map<String, long[]> s = new LinkedHashMap<>();
    long h = cfg.hiddenSize();
    long f = cfg.ffnDim();
    long q = (long) cfg.numAttentionHeads() * cfg.headDim();
    long kv = (long) cfg.numKeyValueHeads() * cfg.headDim();
    s.put("model.embed_tokens.weight", new long[] {cfg.vocabSize(), h});
    for (int i = 0; i < cfg.numHiddenLayers(); i++) {
      String l = "model.layers." + i + ".";
      s.put(l + "operator_norm.weight", new long[] {h});
      if (cfg.isAttention(i)) {
        s.put(l + "self_attn.q_proj.weight", new long[] {q, h});
        s.put(l + "self_attn.k_proj.weight", new long[] {kv, h});
        s.put(l + "self_attn.v_proj.weight", new long[] {kv, h});
        s.put(l + "self_attn.out_proj.weight", new long[] {h, q});
        s.put(l + "self_attn.q_layernorm.weight", new long[] {cfg.headDim()});
        s.put(l + "self_attn.k_layernorm.weight", new long[] {cfg.headDim()});
      } else {
        s.put(l + "conv.in_proj.weight", new long[] {3 * h, h});
        s.put(l + "conv.conv.weight", new long[] {h, 1, cfg.convLCache()});
        s.put(l + "conv.out_proj.weight", new long[] {h, h});
      }
      s.put(l + "ffn_norm.weight", new long[] {h});
      s.put(l + "feed_forward.w1.weight", new long[] {f, h});
      s.put(l + "feed_forward.w3.weight", new long[] {f, h});
      s.put(l + "feed_forward.w2.weight", new long[] {h, f});
    }
    s.put("model.embedding_norm.weight", new long[] {h});
    return s;
  }

  /** Rows of {@code embed_tokens} for token ids [B, S] → [B, S, H]. */
  public NDArray embed(Params p, NDArray ids) {
    NDArray table = p.get("model.embed_tokens.weight");
    Shape s = ids.getShape();
    return table.get(ids.toType(DataType.INT64, false).flatten()).reshape(s.get(0), s.get(1), cfg.hiddenSize());
  }

  /**
   * Logits [B, S, V] for embeddings [B, S, H] at positions {@code cache.position()} onwards;
   * {@code cache} (may be fresh) is read and then advanced with this chunk's state.
   */
  public NDArray forward(Params p, NDArray embeds, DecoderCache cache) {
    Shape s = embeds.getShape();
    long b = s.get(0);
    long t = s.get(1);
    NDArray[] rope = rope(embeds.getManager(), cache.position(), t);
    NDArray x = embeds;
    for (int i = 0; i < cfg.numHiddenLayers(); i++) {
      String l = "model.layers." + i + ".";
      NDArray a = rms(x, p.get(l + "operator_norm.weight"));
      x = x.add(cfg.isAttention(i) ? attention(p, i, a, rope, cache) : conv(p, i, a, cache));
      NDArray f = rms(x, p.get(l + "ffn_norm.weight"));
      x = x.add(ffn(p, l + "feed_forward.", f));
    }
    cache.advance(t);
    NDArray logits = Nn.linear(rms(x, p.get("model.embedding_norm.weight")), p.get("model.embed_tokens.weight"), null);
    return logits.reshape(b, t, cfg.vocabSize());
  }

  private NDArray rms(NDArray x, NDArray w) {
    return Nn.rms(x, w, eps, -1);
  }

  private NDArray ffn(Params p, String pre, NDArray f) {
    NDArray gate = Nn.silu(Nn.linear(f, p.get(pre + "w1.weight"), null));
    return Nn.linear(gate.mul(Nn.linear(f, p.get(pre + "w3.weight"), null)), p.get(pre + "w2.weight"), null);
  }

  /** Gated short conv; a [B, S, H] → [B, S, H]; updates the layer's conv state. */
  private NDArray conv(Params p, int i, NDArray a, DecoderCache cache) {
    String pre = "model.layers." + i + ".conv.";
    int h = cfg.hiddenSize();
    int l = cfg.convLCache();
    NDArray bcx = Nn.linear(a, p.get(pre + "in_proj.weight"), null).transpose(0, 2, 1); // [B, 3H, S]
    NDList parts = bcx.split(new long[] {h, 2L * h}, 1); // rows B, C, x
    NDArray bx = parts.get(0).mul(parts.get(2)); // [B, H, S]
    NDArray past = cache.conv(i);
    if (past == null) {
      past = bx.getManager().zeros(new Shape(bx.getShape().get(0), h, l));
    }
    NDArray cat = past.concat(bx, 2); // [B, H, L + S]
    long total = cat.getShape().get(2);
    NDArray conv = Conv1d.conv1d(cat, p.get(pre + "conv.weight"), null, new Shape(1), new Shape(0), new Shape(1), h)
        .singletonOrThrow(); // [B, H, S + 1]
    NDArray last = conv.get(":, :, 1:");
    cache.putConv(i, cat.get(":, :, " + (total - l) + ":"));
    NDArray y = parts.get(1).mul(last).transpose(0, 2, 1); // C ⊙ conv, [B, S, H]
    return Nn.linear(y, p.get(pre + "out_proj.weight"), null);
  }

  private NDArray attention(Params p, int i, NDArray a, NDArray[] rope, DecoderCache cache) {
    String pre = "model.layers." + i + ".self_attn.";
    Shape s = a.getShape();
    long b = s.get(0);
    long t = s.get(1);
    int nh = cfg.numAttentionHeads();
    int nkv = cfg.numKeyValueHeads();
    int hd = cfg.headDim();
    NDArray q = normRope(Nn.linear(a, p.get(pre + "q_proj.weight"), null).reshape(b, t, nh, hd),
        p.get(pre + "q_layernorm.weight"), rope).transpose(0, 2, 1, 3); // [B, nH, S, hd]
    NDArray k = normRope(Nn.linear(a, p.get(pre + "k_proj.weight"), null).reshape(b, t, nkv, hd),
        p.get(pre + "k_layernorm.weight"), rope).transpose(0, 2, 1, 3); // [B, nKV, S, hd]
    NDArray v = Nn.linear(a, p.get(pre + "v_proj.weight"), null).reshape(b, t, nkv, hd).transpose(0, 2, 1, 3);
    if (cache.keys(i) != null) {
      k = cache.keys(i).concat(k, 2);
      v = cache.values(i).concat(v, 2);
    }
    cache.putKv(i, k, v);
    long past = k.getShape().get(2) - t;
    int group = nh / nkv;
    NDArray kk = group == 1 ? k : k.repeat(1, group); // query head h reads kv head h / group
    NDArray vv = group == 1 ? v : v.repeat(1, group);
    NDArray scores = q.matMul(kk.transpose(0, 1, 3, 2)).div((float) Math.sqrt(hd)); // [B, nH, S, past + S]
    // Query t (absolute past + t) sees keys j <= past + t.
    NDManager m = scores.getManager();
    NDArray rows = m.arange(0, (int) t).reshape(t, 1).add(past);
    NDArray cols = m.arange(0, (int) (past + t)).reshape(1, past + t);
    NDArray masked = cols.gt(rows);
    NDArray probs = scores.add(masked.toType(DataType.FLOAT32, false).mul(-1e9f)).softmax(-1);
    NDArray out = probs.matMul(vv).transpose(0, 2, 1, 3).reshape(b, t, (long) nh * hd);
    return Nn.linear(out, p.get(pre + "out_proj.weight"), null);
  }

  /** Per-head RMSNorm over hd, then rotate-half RoPE: x·cos + rotate_half(x)·sin. x [B, S, n, hd]. */
  private NDArray normRope(NDArray x, NDArray w, NDArray[] rope) {
    int hd = cfg.headDim();
    NDArray n = rms(x, w);
    NDArray rotated = NDArrays.concat(new NDList(n.get("..., " + hd / 2 + ":").neg(), n.get("..., :" + hd / 2)), -1);
    return n.mul(rope[0]).add(rotated.mul(rope[1]));
  }

  /** cos and sin [1, S, 1, hd] for positions start..start+S−1, angles in double as the graph's tables. */
  private NDArray[] rope(NDManager m, long start, long t) {
    int hd = cfg.headDim();
    float[] c = new float[(int) t * hd];
    float[] s = new float[(int) t * hd];
    for (int pos = 0; pos < t; pos++) {
      for (int j = 0; j < hd / 2; j++) {
        double angle = (start + pos) * Math.pow(cfg.ropeTheta(), -2.0 * j / hd);
        c[pos * hd + j] = c[pos * hd + j + hd / 2] = (float) Math.cos(angle);
        s[pos * hd + j] = s[pos * hd + j + hd / 2] = (float) Math.sin(angle);
      }
    }
    Shape shape = new Shape(1, t, 1, hd);
    return new NDArray[] {m.create(c, shape), m.create(s, shape)};
  }
}
