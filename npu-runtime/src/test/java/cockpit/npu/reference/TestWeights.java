package cockpit.npu.reference;

import cockpit.npu.model.BlockSpec;
import cockpit.npu.model.TextConfig;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.TensorData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random weights for every tensor MODEL.md lists, enumerated from the config here (independent
 * of the official generator): norm weights 1 + 0.02·N, layer scale 0.1 + 0.02·N, biases 0.02·N,
 * embeddings N, position embeddings 0.02·N, other weights N / sqrt(fan_in). The maps are mutable so
 * a test can replace a tensor.
 */
final class TestWeights {
  private final long seed;
  private final Map<String, TensorData> map = new LinkedHashMap<>();

  private TestWeights(long seed) {
    this.seed = seed;
  }

  static Map<String, TensorData> text(TextConfig t, long seed) {
    TestWeights w = new TestWeights(seed);
    int h = t.hiddenSize();
    int f = t.ffnDim();
    int hd = t.headDim();
    w.put("model.embed_tokens.weight", t.vocabSize(), h);
    w.put("model.embedding_norm.weight", h);
    for (int i = 0; i < t.numHiddenLayers(); i++) {
      String p = "model.layers." + i + ".";
      w.put(p + "operator_norm.weight", h);
      w.put(p + "ffn_norm.weight", h);
      w.put(p + "feed_forward.w1.weight", f, h);
      w.put(p + "feed_forward.w3.weight", f, h);
      w.put(p + "feed_forward.w2.weight", h, f);
      if (t.isAttention(i)) {
        w.put(p + "self_attn.q_proj.weight", t.numAttentionHeads() * hd, h);
        w.put(p + "self_attn.k_proj.weight", t.numKeyValueHeads() * hd, h);
        w.put(p + "self_attn.v_proj.weight", t.numKeyValueHeads() * hd, h);
        w.put(p + "self_attn.out_proj.weight", h, t.numAttentionHeads() * hd);
        w.put(p + "self_attn.q_layernorm.weight", hd);
        w.put(p + "self_attn.k_layernorm.weight", hd);
      } else {
        w.put(p + "conv.in_proj.weight", 3 * h, h);
        w.put(p + "conv.conv.weight", h, 1, t.convLCache());
        w.put(p + "conv.out_proj.weight", h, h);
      }
    }
    return w.map;
  }

  static Map<String, TensorData> mobileNet(VisionConfig.MobileNet v, int textHidden, long seed) {
    TestWeights w = new TestWeights(seed);
    int c0 = v.stemChannels();
    w.put("vision.stem.conv.weight", c0, 3, 3, 3);
    w.put("vision.stem.conv.bias", c0);
    w.put("vision.stem.norm.weight", c0);
    int in = c0;
    for (int s = 0; s < v.stages().size(); s++) {
      for (int b = 0; b < v.stages().get(s).size(); b++) {
        BlockSpec spec = v.stages().get(s).get(b);
        String p = "vision.blocks." + s + "." + b + ".";
        int mid = spec.midChannels(in);
        int out = spec.outChannels();
        if (spec.kind() == BlockSpec.Kind.ER) {
          w.put(p + "conv_exp.weight", mid, in, spec.kernel(), spec.kernel());
          w.put(p + "bn1.weight", mid);
          w.put(p + "conv_pwl.weight", out, mid, 1, 1);
          w.put(p + "bn2.weight", out);
        } else {
          if (spec.startKernel() > 0) {
            w.put(p + "dw_start.conv.weight", in, 1, spec.startKernel(), spec.startKernel());
            w.put(p + "dw_start.bn.weight", in);
          }
          w.put(p + "pw_exp.conv.weight", mid, in, 1, 1);
          w.put(p + "pw_exp.bn.weight", mid);
          if (spec.kernel() > 0) {
            w.put(p + "dw_mid.conv.weight", mid, 1, spec.kernel(), spec.kernel());
            w.put(p + "dw_mid.bn.weight", mid);
          }
          w.put(p + "pw_proj.conv.weight", out, mid, 1, 1);
          w.put(p + "pw_proj.bn.weight", out);
          w.put(p + "layer_scale.gamma", out);
        }
        in = out;
      }
    }
    List<Integer> ch = v.stageChannels();
    w.put("vision.msfa.ffn.pw_exp.conv.weight", v.msfaHidden(), ch.get(ch.size() - 2) + ch.get(ch.size() - 1), 1, 1);
    w.put("vision.msfa.ffn.pw_exp.bn.weight", v.msfaHidden());
    w.put("vision.msfa.ffn.pw_proj.conv.weight", v.msfaOut(), v.msfaHidden(), 1, 1);
    w.put("vision.msfa.ffn.pw_proj.bn.weight", v.msfaOut());
    w.put("vision.msfa.norm.weight", v.msfaOut());
    w.connector(v, textHidden);
    return w.map;
  }

  static Map<String, TensorData> vit(VisionConfig.Vit v, int textHidden, long seed) {
    TestWeights w = new TestWeights(seed);
    int d = v.width();
    w.put("vit.patch_embed.weight", d, 3, v.patch(), v.patch());
    w.put("vit.patch_embed.bias", d);
    w.put("vit.pos_embed", v.tokens(), d);
    for (int l = 0; l < v.layers(); l++) {
      String p = "vit.layers." + l + ".";
      for (String norm : List.of("norm1", "norm2")) {
        w.put(p + norm + ".weight", d);
        w.put(p + norm + ".bias", d);
      }
      w.put(p + "attn.qkv.weight", 3 * d, d);
      w.put(p + "attn.qkv.bias", 3 * d);
      w.put(p + "attn.proj.weight", d, d);
      w.put(p + "attn.proj.bias", d);
      w.put(p + "mlp.fc1.weight", v.mlpDim(), d);
      w.put(p + "mlp.fc1.bias", v.mlpDim());
      w.put(p + "mlp.fc2.weight", d, v.mlpDim());
      w.put(p + "mlp.fc2.bias", d);
    }
    w.put("vit.norm.weight", d);
    w.put("vit.norm.bias", d);
    w.connector(v, textHidden);
    return w.map;
  }

  static Weights weights(Map<String, TensorData> map) {
    return Weights.of(map);
  }

  static TensorData zeros(long... dims) {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return TensorData.floats(dims, new float[(int) n]);
  }

  private void connector(VisionConfig v, int textHidden) {
    int p = v.projectorHiddenSize();
    put("connector.linear_1.weight", p, v.featureDim());
    put("connector.linear_1.bias", p);
    put("connector.linear_2.weight", textHidden, p);
    put("connector.linear_2.bias", textHidden);
  }

  private void put(String name, int... dims) {
    long[] shape = new long[dims.length];
    int n = 1;
    int fanIn = 1;
    for (int i = 0; i < dims.length; i++) {
      shape[i] = dims[i];
      n *= dims[i];
      fanIn *= i == 0 ? 1 : dims[i];
    }
    SplittableRandom r = new SplittableRandom(seed ^ (name.hashCode() * 0x9E3779B97F4A7C15L));
    double base = 0;
    double sigma;
    if (name.endsWith(".bias")) {
      sigma = 0.02;
    } else if (name.endsWith("layer_scale.gamma")) {
      base = 0.1;
      sigma = 0.02;
    } else if (name.contains("norm") || name.contains("bn")) {
      base = 1;
      sigma = 0.02;
    } else if (name.equals("model.embed_tokens.weight")) {
      sigma = 1;
    } else if (name.equals("vit.pos_embed")) {
      sigma = 0.02;
    } else {
      sigma = 1 / Math.sqrt(fanIn);
    }
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (base + sigma * r.nextGaussian());
    }
    map.put(name, TensorData.floats(shape, values));
  }
}
