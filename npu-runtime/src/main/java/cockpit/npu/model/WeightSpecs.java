package cockpit.npu.model;

import java.util.ArrayList;
import java.util.List;

/** Enumerates every weight a config needs, in a stable order (MODEL.md tables, top to bottom). */
final class WeightSpecs {
  private WeightSpecs() {}

  static List<TensorSpec> all(ModelConfig c) {
    List<TensorSpec> out = new ArrayList<>(text(c.text()));
    switch (c.vision()) {
      case null -> {
        return List.copyOf(out);
      }
      case VisionConfig.MobileNet m -> mobileNet(m, out);
      case VisionConfig.Vit v -> vit(v, out);
    }
    int p = c.vision().projectorHiddenSize();
    int h = c.text().hiddenSize();
    out.add(TensorSpec.of("connector.linear_1.weight", p, c.vision().featureDim()));
    out.add(TensorSpec.of("connector.linear_1.bias", p));
    out.add(TensorSpec.of("connector.linear_2.weight", h, p));
    out.add(TensorSpec.of("connector.linear_2.bias", h));
    return List.copyOf(out);
  }

  static List<TensorSpec> text(TextConfig t) {
    List<TensorSpec> out = new ArrayList<>();
    long h = t.hiddenSize();
    long f = t.ffnDim();
    long q = (long) t.numAttentionHeads() * t.headDim();
    long kv = (long) t.numKeyValueHeads() * t.headDim();
    out.add(TensorSpec.of("model.embed_tokens.weight", t.vocabSize(), h));
    for (int i = 0; i < t.numHiddenLayers(); i++) {
      String l = "model.layers." + i + ".";
      out.add(TensorSpec.of(l + "operator_norm.weight", h));
      if (t.isAttention(i)) {
        out.add(TensorSpec.of(l + "self_attn.q_proj.weight", q, h));
        out.add(TensorSpec.of(l + "self_attn.k_proj.weight", kv, h));
        out.add(TensorSpec.of(l + "self_attn.v_proj.weight", kv, h));
        out.add(TensorSpec.of(l + "self_attn.out_proj.weight", h, q));
        out.add(TensorSpec.of(l + "self_attn.q_layernorm.weight", t.headDim()));
        out.add(TensorSpec.of(l + "self_attn.k_layernorm.weight", t.headDim()));
      } else {
        out.add(TensorSpec.of(l + "conv.in_proj.weight", 3 * h, h));
        out.add(TensorSpec.of(l + "conv.conv.weight", h, 1, t.convLCache()));
        out.add(TensorSpec.of(l + "conv.out_proj.weight", h, h));
      }
      out.add(TensorSpec.of(l + "ffn_norm.weight", h));
      out.add(TensorSpec.of(l + "feed_forward.w1.weight", f, h));
      out.add(TensorSpec.of(l + "feed_forward.w3.weight", f, h));
      out.add(TensorSpec.of(l + "feed_forward.w2.weight", h, f));
    }
    out.add(TensorSpec.of("model.embedding_norm.weight", h));
    if (!t.tieWordEmbeddings()) {
      out.add(TensorSpec.of("lm_head.weight", t.vocabSize(), h));
    }
    return out;
  }

  private static void mobileNet(VisionConfig.MobileNet m, List<TensorSpec> out) {
    int c0 = m.stemChannels();
    out.add(TensorSpec.of("vision.stem.conv.weight", c0, 3, 3, 3));
    out.add(TensorSpec.of("vision.stem.conv.bias", c0));
    out.add(TensorSpec.of("vision.stem.norm.weight", c0));
    int in = c0;
    for (int s = 0; s < m.stages().size(); s++) {
      for (int b = 0; b < m.stages().get(s).size(); b++) {
        BlockSpec spec = m.stages().get(s).get(b);
        block("vision.blocks." + s + "." + b + ".", spec, in, out);
        in = spec.outChannels();
      }
    }
    List<Integer> ch = m.stageChannels();
    int fused = ch.get(ch.size() - 2) + ch.get(ch.size() - 1);
    pointwise("vision.msfa.ffn.pw_exp.", m.msfaHidden(), fused, out);
    pointwise("vision.msfa.ffn.pw_proj.", m.msfaOut(), m.msfaHidden(), out);
    out.add(TensorSpec.of("vision.msfa.norm.weight", m.msfaOut()));
  }

  private static void block(String p, BlockSpec b, int in, List<TensorSpec> out) {
    int mid = b.midChannels(in);
    int o = b.outChannels();
    switch (b.kind()) {
      case ER -> {
        out.add(TensorSpec.of(p + "conv_exp.weight", mid, in, b.kernel(), b.kernel()));
        out.add(TensorSpec.of(p + "bn1.weight", mid));
        out.add(TensorSpec.of(p + "conv_pwl.weight", o, mid, 1, 1));
        out.add(TensorSpec.of(p + "bn2.weight", o));
      }
      case UIR -> {
        if (b.startKernel() > 0) {
          out.add(TensorSpec.of(p + "dw_start.conv.weight", in, 1, b.startKernel(), b.startKernel()));
          out.add(TensorSpec.of(p + "dw_start.bn.weight", in));
        }
        pointwise(p + "pw_exp.", mid, in, out);
        if (b.kernel() > 0) {
          out.add(TensorSpec.of(p + "dw_mid.conv.weight", mid, 1, b.kernel(), b.kernel()));
          out.add(TensorSpec.of(p + "dw_mid.bn.weight", mid));
        }
        pointwise(p + "pw_proj.", o, mid, out);
        out.add(TensorSpec.of(p + "layer_scale.gamma", o));
      }
    }
  }

  private static void pointwise(String p, int o, int in, List<TensorSpec> out) {
    out.add(TensorSpec.of(p + "conv.weight", o, in, 1, 1));
    out.add(TensorSpec.of(p + "bn.weight", o));
  }

  private static void vit(VisionConfig.Vit v, List<TensorSpec> out) {
    long w = v.width();
    long m = v.mlpDim();
    out.add(TensorSpec.of("vit.patch_embed.weight", w, 3, v.patch(), v.patch()));
    out.add(TensorSpec.of("vit.patch_embed.bias", w));
    out.add(TensorSpec.of("vit.pos_embed", v.tokens(), w));
    for (int l = 0; l < v.layers(); l++) {
      String p = "vit.layers." + l + ".";
      out.add(TensorSpec.of(p + "norm1.weight", w));
      out.add(TensorSpec.of(p + "norm1.bias", w));
      out.add(TensorSpec.of(p + "attn.qkv.weight", 3 * w, w));
      out.add(TensorSpec.of(p + "attn.qkv.bias", 3 * w));
      out.add(TensorSpec.of(p + "attn.proj.weight", w, w));
      out.add(TensorSpec.of(p + "attn.proj.bias", w));
      out.add(TensorSpec.of(p + "norm2.weight", w));
      out.add(TensorSpec.of(p + "norm2.bias", w));
      out.add(TensorSpec.of(p + "mlp.fc1.weight", m, w));
      out.add(TensorSpec.of(p + "mlp.fc1.bias", m));
      out.add(TensorSpec.of(p + "mlp.fc2.weight", w, m));
      out.add(TensorSpec.of(p + "mlp.fc2.bias", w));
    }
    out.add(TensorSpec.of("vit.norm.weight", w));
    out.add(TensorSpec.of("vit.norm.bias", w));
  }
}
