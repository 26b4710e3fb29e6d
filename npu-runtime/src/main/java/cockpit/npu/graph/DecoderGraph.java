package cockpit.npu.graph;

import static cockpit.npu.onnx.GraphBuilder.MS_DOMAIN;

import cockpit.npu.model.TextConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.Attr;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.TensorData;
import cockpit.npu.onnx.Value;
import java.util.List;

/**
 * Builds the LFM2 hybrid decoder (or the all-attention baseline: any {@code layer_types}) as an
 * ONNX graph from weights under the Hugging Face LFM2 names. The activations are kept 2-D
 * {@code [B·S, H]} so every projection is one {@code Gemm(transB=1)} over the weight as stored
 * ({@code [out, in]}): no transposed copies, and the same layout MatMulNBits wants later.
 *
 * <p>Input embeddings come from outside (the runtime gathers rows of {@code embed_tokens}, and
 * image features replace image-token rows); the lm_head is tied to {@code embed_tokens}.
 */
public final class DecoderGraph {
  private final TextConfig cfg;
  private final Weights w;
  private final DecoderFlavour flavour;
  private final int chunk;
  private final int capacity;
  private final GraphBuilder g;
  private final int h;
  private final int hd;
  private Value batch;
  private Value seq;
  private Value cos;
  private Value sin;
  private Value bias;

  private DecoderGraph(TextConfig cfg, Weights w, DecoderFlavour flavour, int chunk, int capacity, String name) {
    this.cfg = cfg;
    this.w = w;
    this.flavour = flavour;
    this.chunk = chunk;
    this.capacity = capacity;
    this.g = new GraphBuilder(name);
    this.h = cfg.hiddenSize();
    this.hd = cfg.headDim();
  }

  /** The interop-convention graph (dynamic batch, sequence and past length). */
  public static GraphBuilder interop(TextConfig cfg, Weights w) {
    DecoderGraph d = new DecoderGraph(cfg, w, DecoderFlavour.INTEROP, -1,
        Math.min(cfg.maxPositionEmbeddings(), 8192), "lfm2_decoder_interop");
    return d.build();
  }

  /**
   * The static-shape NPU graph ({@link DecoderFlavour#NPU}): batch 1, {@code chunk} tokens, a KV
   * cache of {@code capacity} positions as input, the chunk's new KV rows as {@code present.*}
   * outputs, {@code attention_bias [1, 1, chunk, capacity + chunk]} as input.
   */
  public static GraphBuilder npu(TextConfig cfg, Weights w, int chunk, int capacity) {
    if (chunk <= 0 || capacity <= 0 || chunk > capacity) {
      throw new IllegalArgumentException("chunk " + chunk + " must be in 1.." + capacity);
    }
    return new DecoderGraph(cfg, w, DecoderFlavour.NPU, chunk, capacity, "lfm2_decoder_npu_" + chunk).build();
  }

  /**
   * A fixed-capacity graph: batch 1, {@code chunk} tokens per run (1 for decode), KV buffers of
   * {@code capacity} positions.
   */
  public static GraphBuilder fixed(TextConfig cfg, Weights w, int chunk, int capacity) {
    if (chunk <= 0 || capacity <= 0 || chunk > capacity) {
      throw new IllegalArgumentException("chunk " + chunk + " must be in 1.." + capacity);
    }
    DecoderGraph d = new DecoderGraph(cfg, w, DecoderFlavour.FIXED, chunk, capacity,
        "lfm2_decoder_fixed_" + chunk);
    return d.build();
  }

  private GraphBuilder build() {
    DecoderWeights.check(cfg, w);
    boolean fixed = flavour != DecoderFlavour.INTEROP;
    boolean npu = flavour == DecoderFlavour.NPU;
    Value embeds = fixed ? g.input("inputs_embeds", DType.FLOAT, 1, chunk, h)
        : g.input("inputs_embeds", DType.FLOAT, "batch_size", "sequence_length", h);
    Value mask = fixed ? null : g.input("attention_mask", DType.INT64, "batch_size", "total_sequence_length");
    Value pos = fixed ? g.input("position_ids", DType.INT64, 1, chunk)
        : g.input("position_ids", DType.INT64, "batch_size", "sequence_length");
    Value validLen = fixed ? g.input("valid_length", DType.INT64, 1) : null;
    Value seqlensK = fixed && !npu ? g.input("seqlens_k", DType.INT32, 1) : null;
    Value totalLen = fixed && !npu ? g.input("total_sequence_length", DType.INT32) : null;
    bias = npu ? g.input("attention_bias", DType.FLOAT, 1, 1, chunk, capacity + chunk) : null;

    if (npu) {
      batch = g.ints(1);
      seq = g.ints(chunk);
    } else {
      Value shape = g.op("Shape", embeds);
      batch = g.op("Gather", List.of(Attr.i("axis", 0)), shape, g.ints(0));
      seq = g.op("Gather", List.of(Attr.i("axis", 0)), shape, g.ints(1));
    }
    ropeTables(pos);
    Value x = g.op("Reshape", embeds, g.ints(-1, h)); // [B·S, H]
    AttentionMask attn = fixed ? null : new AttentionMask(g, mask, seq);
    for (int i = 0; i < cfg.numHiddenLayers(); i++) {
      String p = "model.layers." + i + ".";
      Value a = rms(x, p + "operator_norm.weight", h);
      Value op = cfg.isAttention(i)
          ? attention(i, a, attn, seqlensK, totalLen)
          : conv(i, a, validLen);
      x = g.op("Add", x, op);
      Value f = rms(x, p + "ffn_norm.weight", h);
      x = g.op("Add", x, ffn(p + "feed_forward.", f));
    }
    if (fixed) {
      // Only the last real token's logits: [1, H] → [1, 1, V].
      x = g.op("Gather", List.of(Attr.i("axis", 0)), x, g.op("Sub", validLen, g.ints(1)));
    }
    Value logits = gemm(rms(x, "model.embedding_norm.weight", h), "model.embed_tokens.weight");
    if (fixed) {
      g.output(g.op("Reshape", logits, g.ints(1, 1, cfg.vocabSize())), "logits", DType.FLOAT, 1, 1,
          cfg.vocabSize());
    } else {
      Value outShape = g.op("Concat", List.of(Attr.i("axis", 0)), batch, seq, g.ints(cfg.vocabSize()));
      g.output(g.op("Reshape", logits, outShape), "logits", DType.FLOAT, "batch_size", "sequence_length",
          cfg.vocabSize());
    }
    return g;
  }

  /** y = x · Wᵀ for W stored [out, in]. */
  Value gemm(Value x, String weight) {
    return g.op("Gemm", List.of(Attr.i("transB", 1)), x, g.initializer(weight, w.get(weight)));
  }

  /** RMSNorm over the last axis of size {@code n}: w · x / sqrt(mean(x²) + eps), fp32. */
  Value rms(Value x, String weight, int n) {
    if (flavour == DecoderFlavour.NPU) { // Div instead of Reciprocal, which the HTP op list lacks
      return GraphOps.rmsNorm(g, x, weightValue(weight), (float) cfg.normEps(), -1);
    }
    Value ms = g.op("ReduceMean", List.of(Attr.i("keepdims", 1)), g.op("Mul", x, x), g.ints(-1));
    Value inv = g.op("Reciprocal", g.op("Sqrt", g.op("Add", ms, g.scalar((float) cfg.normEps()))));
    return g.op("Mul", g.op("Mul", x, inv), weightValue(weight));
  }

  private Value weightValue(String name) {
    return g.initializers().containsKey(name) ? new Value(name) : g.initializer(name, w.get(name));
  }

  private Value ffn(String p, Value f) {
    Value gate = gemm(f, p + "w1.weight");
    Value silu = g.op("Mul", gate, g.op("Sigmoid", gate));
    return gemm(g.op("Mul", silu, gemm(f, p + "w3.weight")), p + "w2.weight");
  }

  /** Gated short conv with its [B, H, 3] state (MODEL.md). */
  private Value conv(int i, Value a, Value validLen) {
    String p = "model.layers." + i + ".conv.";
    boolean fixed = flavour != DecoderFlavour.INTEROP;
    int l = cfg.convLCache();
    Value past = fixed ? g.input("past_conv." + i, DType.FLOAT, 1, h, l)
        : g.input("past_conv." + i, DType.FLOAT, "batch_size", h, l);
    Value in = gemm(a, p + "in_proj.weight"); // [B·S, 3H]
    Value bsc = g.op("Reshape", in, g.op("Concat", List.of(Attr.i("axis", 0)), batch, seq, g.ints(3L * h)));
    Value t = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1)), bsc); // [B, 3H, S]
    Value[] parts = g.node("", "Split", List.of(Attr.i("axis", 1)), new Value[] {t, g.ints(h, h, h)}, 3);
    Value bx = g.op("Mul", parts[0], parts[2]); // B ⊙ x, [B, H, S]
    Value cat = g.op("Concat", List.of(Attr.i("axis", 2)), past, bx); // [B, H, L + S]
    Value conv = g.op("Conv", List.of(Attr.i("group", h), Attr.ints("kernel_shape", l)), cat,
        g.initializer(p + "conv.weight", w.get(p + "conv.weight"))); // [B, H, S + 1]
    Value last = g.op("Slice", conv, g.ints(1), g.ints(Long.MAX_VALUE), g.ints(2)); // [B, H, S]
    // State after the last real token: the L columns of cat ending there.
    Value start = fixed ? validLen : g.ints(-l);
    Value end = fixed ? g.op("Add", validLen, g.ints(l)) : g.ints(Long.MAX_VALUE);
    g.output(g.op("Slice", cat, start, end, g.ints(2)), "present_conv." + i, DType.FLOAT,
        fixed ? 1 : "batch_size", h, l);
    Value y = g.op("Mul", parts[1], last); // C ⊙ conv
    Value back = g.op("Reshape", g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1)), y), g.ints(-1, h));
    return gemm(back, p + "out_proj.weight");
  }

  private Value attention(int i, Value a, AttentionMask mask, Value seqlensK, Value totalLen) {
    String p = "model.layers." + i + ".self_attn.";
    int nh = cfg.numAttentionHeads();
    int nkv = cfg.numKeyValueHeads();
    Value q = headsNormRope(gemm(a, p + "q_proj.weight"), nh, p + "q_layernorm.weight"); // [B, S, nH, hd]
    Value k = headsNormRope(gemm(a, p + "k_proj.weight"), nkv, p + "k_layernorm.weight");
    Value v = g.op("Reshape", gemm(a, p + "v_proj.weight"), bsShape(nkv, hd));
    String pastK = "past_key_values." + i + ".key";
    String pastV = "past_key_values." + i + ".value";
    Value out;
    if (flavour == DecoderFlavour.NPU) {
      out = StaticAttention.attend(g, i, q, k, v, bias, nh, nkv, hd, chunk, capacity);
    } else if (flavour == DecoderFlavour.FIXED) {
      Value pk = g.input(pastK, DType.FLOAT, 1, nkv, capacity, hd);
      Value pv = g.input(pastV, DType.FLOAT, 1, nkv, capacity, hd);
      Value qf = g.op("Reshape", q, g.ints(1, chunk, (long) nh * hd));
      Value kf = g.op("Reshape", k, g.ints(1, chunk, (long) nkv * hd));
      Value vf = g.op("Reshape", v, g.ints(1, chunk, (long) nkv * hd));
      String attnOut = "attn_out_" + i;
      g.nodeInto(MS_DOMAIN, "GroupQueryAttention", List.of(Attr.i("num_heads", nh), Attr.i("kv_num_heads", nkv)),
          new Value[] {qf, kf, vf, pk, pv, seqlensK, totalLen}, attnOut, "present." + i + ".key",
          "present." + i + ".value");
      g.declareOutput("present." + i + ".key", DType.FLOAT, 1, nkv, capacity, hd);
      g.declareOutput("present." + i + ".value", DType.FLOAT, 1, nkv, capacity, hd);
      out = g.op("Reshape", new Value(attnOut), g.ints(-1, (long) nh * hd));
    } else {
      Value pk = g.input(pastK, DType.FLOAT, "batch_size", nkv, "past_sequence_length", hd);
      Value pv = g.input(pastV, DType.FLOAT, "batch_size", nkv, "past_sequence_length", hd);
      out = mask.attend(q, k, v, pk, pv, i, cfg, batch, seq);
    }
    return gemm(out, p + "out_proj.weight");
  }

  /** [B·S, n·hd] → per-head RMSNorm → RoPE → [B, S, n, hd]. */
  private Value headsNormRope(Value x, int n, String normWeight) {
    Value heads = g.op("Reshape", x, bsShape(n, hd));
    Value normed = rms(heads, normWeight, hd);
    Value half1 = g.op("Slice", normed, g.ints(0), g.ints(hd / 2), g.ints(3));
    Value half2 = g.op("Slice", normed, g.ints(hd / 2), g.ints(hd), g.ints(3));
    Value rotated = g.op("Concat", List.of(Attr.i("axis", 3)), g.op("Neg", half2), half1);
    return g.op("Add", g.op("Mul", normed, cos), g.op("Mul", rotated, sin));
  }

  private Value bsShape(long a, long b) {
    return g.op("Concat", List.of(Attr.i("axis", 0)), batch, seq, g.ints(a, b));
  }

  /** cos/sin [B, S, 1, hd] for the positions, from tables computed in double precision. */
  private void ropeTables(Value pos) {
    int rows = capacity;
    float[] c = new float[rows * hd];
    float[] s = new float[rows * hd];
    for (int p = 0; p < rows; p++) {
      for (int j = 0; j < hd / 2; j++) {
        double invFreq = Math.pow(cfg.ropeTheta(), -2.0 * j / hd);
        double angle = p * invFreq;
        c[p * hd + j] = c[p * hd + j + hd / 2] = (float) Math.cos(angle);
        s[p * hd + j] = s[p * hd + j + hd / 2] = (float) Math.sin(angle);
      }
    }
    Value cosTable = g.initializer("rope.cos." + rows, TensorData.floats(new long[] {rows, hd}, c));
    Value sinTable = g.initializer("rope.sin." + rows, TensorData.floats(new long[] {rows, hd}, s));
    cos = g.op("Unsqueeze", g.op("Gather", List.of(Attr.i("axis", 0)), cosTable, pos), g.ints(2));
    sin = g.op("Unsqueeze", g.op("Gather", List.of(Attr.i("axis", 0)), sinTable, pos), g.ints(2));
  }
}
