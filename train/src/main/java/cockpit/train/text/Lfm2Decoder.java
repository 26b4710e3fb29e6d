package cockpit.train.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
    return logits(p, hidden(p, embeds, cache)).reshape(s.get(0), s.get(1), cfg.vocabSize());
  }

  /**
   * The final hidden states [B, S, H] (after {@code embedding_norm}) for embeddings [B, S, H]; what the
   * tied lm_head reads. Training takes the rows it scores and calls {@link #logits} on them only.
   */
  public NDArray hidden(Params p, NDArray embeds, DecoderCache cache) {
    long t = embeds.getShape().get(1);
    NDArray[] rope = rope(embeds.getManager(), cache.position(), t);
    NDArray mask = causalMask(embeds.getManager(), cache.position(), t);
    NDArray x = embeds;
    for (int i = 0; i < cfg.numHiddenLayers(); i++) {
      String l = "model.layers." + i + ".";
      NDArray a = rms(x, p.get(l + "operator_norm.weight"));
      x = x.add(cfg.isAttention(i) ? attention(p, i, a, rope, mask, cache) : conv(p, i, a, cache));
      NDArray f = rms(x, p.get(l + "ffn_norm.weight"));
      x = x.add(ffn(p, l + "feed_forward.", f));
    }
    cache.advance(t);
    return rms(x, p.get("model.embedding_norm.weight"));
  }

  /** The tied lm_head: hidden rows [..., H] → logits [..., V]. */
  public NDArray logits(Params p, NDArray hidden) {
    return Nn.linear(hidden, p.get("model.embed_tokens.weight"), null);
  }

  private NDArray rms(NDArray x, NDArray w) {
    return Nn.rms(x, w, eps, -1);
  }

  private NDArray ffn(Params p, String pre, NDArray f) {
    NDArray gate = Nn.silu(Nn.linear(f, p.get(pre + "w1.weight"), null));
    return Nn.linear(gate.mul(Nn.linear(f, p.get(pre + "w3.weight"), null)), p.get(pre + "w2.weight"), null);
  }

  /**
   * Gated short conv; a [B, S, H] → [B, S, H]; updates the layer's conv state. The depthwise causal
   * conv with kernel L is written as L shifted products in the [B, S, H] layout (no transposes):
   * {@code y_t = Σ_k w_k · (B⊙x)_{t−L+1+k}}, positions before the start read the conv state (zeros
   * for a fresh cache), as the graph's Conv over {@code concat(state, B⊙x)}.
   */
  private NDArray conv(Params p, int i, NDArray a, DecoderCache cache) {
    String pre = "model.layers." + i + ".conv.";
    int h = cfg.hiddenSize();
    int l = cfg.convLCache();
    long b = a.getShape().get(0);
    long t = a.getShape().get(1);
    NDList parts = Nn.linear(a, p.get(pre + "in_proj.weight"), null).split(new long[] {h, 2L * h}, 2); // B, C, x
    NDArray bx = parts.get(0).mul(parts.get(2)); // [B, S, H]
    NDArray past = cache.conv(i); // [B, H, L]
    NDArray pastRows = past == null ? bx.getManager().zeros(new Shape(b, l, h)) : past.transpose(0, 2, 1);
    NDArray ext = pastRows.concat(bx, 1); // [B, L + S, H]
    NDArray w = p.get(pre + "conv.weight").reshape(h, l); // [H, L]
    NDArray y = null;
    for (int k = 0; k < l; k++) {
      // Output t reads ext[t + 1 + k] (the graph's Conv over L + S columns, first output dropped).
      NDArray term = ext.get(":, " + (k + 1) + ":" + (k + 1 + t) + ", :").mul(w.get(":, " + k));
      y = y == null ? term : y.add(term);
    }
    cache.putConv(i, ext.get(":, " + t + ":, :").transpose(0, 2, 1)); // last L rows, [B, H, L]
    return Nn.linear(parts.get(1).mul(y), p.get(pre + "out_proj.weight"), null); // C ⊙ conv
  }

  /**
   * The additive causal mask of a chunk of {@code t} queries after {@code past} cached positions,
   * [1, 1, group·t, past + t] with −1e9 where query t (absolute past + t) would see a later key, rows
   * repeated for the {@code group} query heads that share a key head; null for one query (it sees all).
   */
  private NDArray causalMask(NDManager m, long past, long t) {
    if (t == 1) {
      return null;
    }
    int group = cfg.numAttentionHeads() / cfg.numKeyValueHeads();
    int cols = (int) (past + t);
    float[] v = new float[(int) (group * t * cols)];
    for (int g = 0; g < group; g++) {
      for (int r = 0; r < t; r++) {
        int row = (int) ((g * t + r) * cols);
        java.util.Arrays.fill(v, row + (int) (past + r + 1), row + cols, -1e9f);
      }
    }
    return m.create(v, new Shape(1, 1, group * t, cols));
  }

  /**
   * GQA: the {@code group} query heads of one key head are stacked along the query axis, so keys and
   * values are read once per key head instead of being repeated per query head.
   */
  private NDArray attention(Params p, int i, NDArray a, NDArray[] rope, NDArray mask, DecoderCache cache) {
    String pre = "model.layers." + i + ".self_attn.";
    Shape s = a.getShape();
    long b = s.get(0);
    long t = s.get(1);
    int nh = cfg.numAttentionHeads();
    int nkv = cfg.numKeyValueHeads();
    int hd = cfg.headDim();
    int group = nh / nkv;
    NDArray q = normRope(Nn.linear(a, p.get(pre + "q_proj.weight"), null).reshape(b, t, nh, hd),
        p.get(pre + "q_layernorm.weight"), rope).mul((float) (1 / Math.sqrt(hd))); // [B, S, nH, hd], scaled
    NDArray k = normRope(Nn.linear(a, p.get(pre + "k_proj.weight"), null).reshape(b, t, nkv, hd),
        p.get(pre + "k_layernorm.weight"), rope).transpose(0, 2, 1, 3); // [B, nKV, S, hd]
    NDArray v = Nn.linear(a, p.get(pre + "v_proj.weight"), null).reshape(b, t, nkv, hd).transpose(0, 2, 1, 3);
    if (cache.keys(i) != null) {
      k = cache.keys(i).concat(k, 2);
      v = cache.values(i).concat(v, 2);
    }
    cache.putKv(i, k, v);
    // Query head h reads key head h / group: [B, S, nKV, group, hd] → [B, nKV, group·S, hd].
    NDArray qg = q.reshape(b, t, nkv, group, hd).transpose(0, 2, 3, 1, 4).reshape(b, nkv, group * t, hd);
    NDArray scores = qg.matMul(k.transpose(0, 1, 3, 2)); // [B, nKV, group·S, past + S]
    NDArray probs = (mask == null ? scores : scores.add(mask)).softmax(-1);
    NDArray out = probs.matMul(v) // [B, nKV, group·S, hd]
        .reshape(b, nkv, group, t, hd).transpose(0, 3, 1, 2, 4).reshape(b, t, (long) nh * hd);
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
