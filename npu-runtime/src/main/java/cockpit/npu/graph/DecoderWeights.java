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
    w.expect("model.embed_tokens.weight", c.vocabSize(), h);
    w.expect("model.embedding_norm.weight", h);
    for (int i = 0; i < c.numHiddenLayers(); i++) {
      String p = "model.layers." + i + ".";
      w.expect(p + "operator_norm.weight", h);
      w.expect(p + "ffn_norm.weight", h);
      w.expect(p + "feed_forward.w1.weight", f, h);
      w.expect(p + "feed_forward.w3.weight", f, h);
      w.expect(p + "feed_forward.w2.weight", h, f);
      if (c.isAttention(i)) {
        w.expect(p + "self_attn.q_proj.weight", (long) c.numAttentionHeads() * hd, h);
        w.expect(p + "self_attn.k_proj.weight", (long) c.numKeyValueHeads() * hd, h);
        w.expect(p + "self_attn.v_proj.weight", (long) c.numKeyValueHeads() * hd, h);
        w.expect(p + "self_attn.out_proj.weight", h, (long) c.numAttentionHeads() * hd);
        w.expect(p + "self_attn.q_layernorm.weight", hd);
        w.expect(p + "self_attn.k_layernorm.weight", hd);
      } else {
        w.expect(p + "conv.in_proj.weight", 3L * h, h);
        w.expect(p + "conv.conv.weight", h, 1, c.convLCache());
        w.expect(p + "conv.out_proj.weight", h, h);
      }
    }
  }
}
