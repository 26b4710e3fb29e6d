package cockpit.npu.reference;

import cockpit.npu.model.TextConfig;
import cockpit.npu.model.Weights;
import java.util.List;

/**
 * The LFM2 hybrid decoder in plain loops, exactly as MODEL.md writes it: the test oracle for the
 * decoder ONNX graphs. Works for any {@code layer_types}, so also for the all-attention baseline.
 * Copies every weight into the heap at construction (checking its shape against the config), so it
 * is meant for tiny and small models. Immutable after construction and safe to share between
 * threads; the per-sequence state lives in {@link ReferenceState}.
 */
public final class ReferenceDecoder {
  private final TextConfig text;
  private final float[] embed; // [V, H]
  private final float[] lmHead; // [V, H], the same array as embed when tied
  private final float[] finalNorm; // [H]
  private final Layer[] layers;

  /** Per-layer weights; {@code conv} or {@code attention} is null depending on the layer type. */
  private record Layer(float[] operatorNorm, float[] ffnNorm, float[] w1, float[] w3, float[] w2, Conv conv,
      Attention attention) {}

  private record Conv(float[] inProj, float[] kernel, float[] outProj) {} // [3H, H], [H, 1, L], [H, H]

  private record Attention(float[] q, float[] k, float[] v, float[] out, float[] qNorm, float[] kNorm) {}

  /** Loads and shape-checks every weight named in MODEL.md for {@code text}. */
  public ReferenceDecoder(TextConfig text, Weights weights) {
    this.text = text;
    int h = text.hiddenSize();
    int v = text.vocabSize();
    int f = text.ffnDim();
    int hd = text.headDim();
    embed = Ops.load(weights, "model.embed_tokens.weight", v, h);
    lmHead = text.tieWordEmbeddings() ? embed : Ops.load(weights, "lm_head.weight", v, h);
    finalNorm = Ops.load(weights, "model.embedding_norm.weight", h);
    layers = new Layer[text.numHiddenLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "model.layers." + i + ".";
      Conv conv = null;
      Attention attention = null;
      if (text.isAttention(i)) {
        String a = p + "self_attn.";
        int q = text.numAttentionHeads() * hd;
        int kv = text.numKeyValueHeads() * hd;
        attention = new Attention(Ops.load(weights, a + "q_proj.weight", q, h),
            Ops.load(weights, a + "k_proj.weight", kv, h), Ops.load(weights, a + "v_proj.weight", kv, h),
            Ops.load(weights, a + "out_proj.weight", h, q), Ops.load(weights, a + "q_layernorm.weight", hd),
            Ops.load(weights, a + "k_layernorm.weight", hd));
      } else {
        conv = new Conv(Ops.load(weights, p + "conv.in_proj.weight", 3L * h, h),
            Ops.load(weights, p + "conv.conv.weight", h, 1, text.convLCache()),
            Ops.load(weights, p + "conv.out_proj.weight", h, h));
      }
      layers[i] = new Layer(Ops.load(weights, p + "operator_norm.weight", h),
          Ops.load(weights, p + "ffn_norm.weight", h), Ops.load(weights, p + "feed_forward.w1.weight", f, h),
          Ops.load(weights, p + "feed_forward.w3.weight", f, h), Ops.load(weights, p + "feed_forward.w2.weight", h, f),
          conv, attention);
    }
  }

  public TextConfig text() {
    return text;
  }

  /** A fresh state for a new sequence. */
  public ReferenceState newState() {
    return new ReferenceState(text);
  }

  /** Copy of row {@code tokenId} of {@code embed_tokens} (no scaling), [H]. */
  public float[] embed(int tokenId) {
    if (tokenId < 0 || tokenId >= text.vocabSize()) {
      throw new IllegalArgumentException("token id " + tokenId + " is outside vocab_size " + text.vocabSize());
    }
    int h = text.hiddenSize();
    float[] row = new float[h];
    System.arraycopy(embed, tokenId * h, row, 0, h);
    return row;
  }

  /**
   * Runs {@code embeds} [T][H] at positions {@code state.position() ..} and returns the logits of
   * every token, [T][V]; advances {@code state} by T (conv columns, KV rows, position).
   */
  public float[][] forward(float[][] embeds, ReferenceState state) {
    int h = text.hiddenSize();
    int n = embeds.length;
    for (float[] e : embeds) {
      if (e.length != h) {
        throw new IllegalArgumentException("embedding of width " + e.length + ", hidden_size is " + h);
      }
    }
    double eps = text.normEps();
    float[][] x = new float[n][];
    for (int t = 0; t < n; t++) {
      x[t] = embeds[t].clone();
    }
    for (int i = 0; i < layers.length; i++) {
      Layer layer = layers[i];
      float[][] a = new float[n][];
      for (int t = 0; t < n; t++) {
        a[t] = Ops.rms(x[t], layer.operatorNorm, eps);
      }
      float[][] op = layer.attention != null ? attention(i, layer.attention, a, state) : conv(i, layer.conv, a, state);
      for (int t = 0; t < n; t++) {
        add(x[t], op[t]);
        add(x[t], ffn(layer, Ops.rms(x[t], layer.ffnNorm, eps)));
      }
    }
    state.advance(n);
    float[][] logits = new float[n][];
    for (int t = 0; t < n; t++) {
      logits[t] = Ops.linear(lmHead, Ops.rms(x[t], finalNorm, eps), text.vocabSize());
    }
    return logits;
  }

  private float[] ffn(Layer layer, float[] a) {
    int f = text.ffnDim();
    float[] gate = Ops.linear(layer.w1, a, f);
    float[] up = Ops.linear(layer.w3, a, f);
    float[] m = new float[f];
    for (int j = 0; j < f; j++) {
      m[j] = (float) (Ops.silu(gate[j]) * up[j]);
    }
    return Ops.linear(layer.w2, m, text.hiddenSize());
  }

  /** LFM2 short conv over the chunk; the state supplies the columns before it and receives the last L. */
  private float[][] conv(int layer, Conv w, float[][] a, ReferenceState state) {
    int h = text.hiddenSize();
    int len = text.convLCache();
    int n = a.length;
    float[][] past = state.convRef(layer); // [H][L]
    float[][] bx = new float[n][h];
    float[][] gate = new float[n][h];
    for (int t = 0; t < n; t++) {
      float[] bcx = Ops.linear(w.inProj, a[t], 3 * h); // rows B, C, x
      for (int c = 0; c < h; c++) {
        bx[t][c] = bcx[c] * bcx[2 * h + c];
        gate[t][c] = bcx[h + c];
      }
    }
    // column j of concat(past, bx) along time: j < L from the state, else bx[j − L]
    float[][] out = new float[n][];
    for (int t = 0; t < n; t++) {
      float[] y = new float[h];
      for (int c = 0; c < h; c++) {
        double s = 0;
        for (int k = 0; k < len; k++) {
          int j = t + 1 + k;
          s += (double) w.kernel[c * len + k] * (j < len ? past[c][j] : bx[j - len][c]);
        }
        y[c] = (float) (gate[t][c] * s);
      }
      out[t] = Ops.linear(w.outProj, y, h);
    }
    float[][] next = new float[h][len];
    for (int c = 0; c < h; c++) {
      for (int k = 0; k < len; k++) {
        int j = n + k;
        next[c][k] = j < len ? past[c][j] : bx[j - len][c];
      }
    }
    for (int c = 0; c < h; c++) {
      System.arraycopy(next[c], 0, past[c], 0, len);
    }
    return out;
  }

  /** GQA with q/k RMSNorm and RoPE; appends the chunk's K/V rows to the state, then attends causally. */
  private float[][] attention(int layer, Attention w, float[][] a, ReferenceState state) {
    int hd = text.headDim();
    int nh = text.numAttentionHeads();
    int nkv = text.numKeyValueHeads();
    int group = nh / nkv;
    double eps = text.normEps();
    double theta = text.ropeTheta();
    int p0 = state.position();
    List<float[][]> keys = state.keysRef(layer);
    List<float[][]> values = state.valuesRef(layer);
    if (keys.size() != p0) {
      throw new IllegalStateException("layer " + layer + " holds " + keys.size() + " KV rows at position " + p0);
    }
    int n = a.length;
    float[][][] qs = new float[n][nh][];
    for (int t = 0; t < n; t++) {
      float[] q = Ops.linear(w.q, a[t], nh * hd);
      float[] k = Ops.linear(w.k, a[t], nkv * hd);
      float[] v = Ops.linear(w.v, a[t], nkv * hd);
      for (int head = 0; head < nh; head++) {
        qs[t][head] = Ops.rms(q, head * hd, hd, w.qNorm, eps);
        Ops.rope(qs[t][head], 0, hd, p0 + t, theta);
      }
      float[][] kRow = new float[nkv][];
      float[][] vRow = new float[nkv][hd];
      for (int g = 0; g < nkv; g++) {
        kRow[g] = Ops.rms(k, g * hd, hd, w.kNorm, eps);
        Ops.rope(kRow[g], 0, hd, p0 + t, theta);
        System.arraycopy(v, g * hd, vRow[g], 0, hd);
      }
      keys.add(kRow);
      values.add(vRow);
    }
    double scale = 1 / Math.sqrt(hd);
    float[][] out = new float[n][];
    double[] scores = new double[p0 + n];
    for (int t = 0; t < n; t++) {
      int visible = p0 + t + 1;
      float[] heads = new float[nh * hd]; // concat of heads
      for (int head = 0; head < nh; head++) {
        int g = head / group;
        float[] q = qs[t][head];
        for (int p = 0; p < visible; p++) {
          float[] k = keys.get(p)[g];
          double s = 0;
          for (int d = 0; d < hd; d++) {
            s += (double) q[d] * k[d];
          }
          scores[p] = s * scale;
        }
        Ops.softmax(scores, visible);
        for (int d = 0; d < hd; d++) {
          double s = 0;
          for (int p = 0; p < visible; p++) {
            s += scores[p] * values.get(p)[g][d];
          }
          heads[head * hd + d] = (float) s;
        }
      }
      out[t] = Ops.linear(w.out, heads, text.hiddenSize());
    }
    return out;
  }

  private static void add(float[] acc, float[] d) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += d[i];
    }
  }
}
