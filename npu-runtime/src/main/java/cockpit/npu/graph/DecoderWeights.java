package cockpit.npu.graph;

import cockpit.npu.model.TextConfig;
import cockpit.npu.model.Weights;

/** Checks that weights fit a text config before any graph is built, naming the first misfit. */
public final class DecoderWeights {
  private DecoderWeights() {}

  public static void check(TextConfig c, Weights w) {
    int h = c.hiddenSize();
    int f = c.ffnDim();
    int hd = c.headDim();
    w.checkShape("model.embed_tokens.weight", c.vocabSize(), h);
    w.checkShape("model.embedding_norm.weight", h);
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      String p = "model.layers." + i + ".";
      w.checkShape(p + "operator_norm.weight", h);
      w.checkShape(p + "ffn_norm.weight", h);
      w.checkShape(p + "feed_forward.w1.weight", f, h);
      w.checkShape(p + "feed_forward.w3.weight", f, h);
      w.checkShape(p + "feed_forward.w2.weight", h, f);
      if (c.isAttention(i)) {
        w.checkShape(p + "self_attn.q_proj.weight", (long) c.numAttentionHeads() * hd, h);
        w.checkShape(p + "self_attn.k_proj.weight", (long) c.numKeyValueHeads() * hd, h);
        w.checkShape(p + "self_attn.v_proj.weight", (long) c.numKeyValueHeads() * hd, h);
        w.checkShape(p + "self_attn.out_proj.weight", h, (long) c.numAttentionHeads() * hd);
        w.checkShape(p + "self_attn.q_layernorm.weight", hd);
        w.checkShape(p + "self_attn.k_layernorm.weight", hd);
      } else {
        w.checkShape(p + "conv.in_proj.weight", 3L * h, h);
        w.checkShape(p + "conv.conv.weight", h, 1, c.convLCache());
        w.checkShape(p + "conv.out_proj.weight", h, h);
      }
    }
  }
}
