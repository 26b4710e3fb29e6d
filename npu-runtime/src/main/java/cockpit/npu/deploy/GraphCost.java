package cockpit.npu.deploy;

import cockpit.npu.model.BlockSpec;
import cockpit.npu.model.TextConfig;
import cockpit.npu.model.VisionConfig;
import java.util.List;

/**
 * FLOPs (2 per multiply-add, Conv/MatMul/Gemm only — what dominates) and weight parameters of the
 * model's graphs, counted from the config the graphs are built from (the same walk as
 * {@code VisionGraph}/{@code DecoderGraph}); {@code GraphCostTest} checks them against FLOPs
 * measured on the built ONNX graphs. Stateless.
 */
public final class GraphCost {
  private GraphCost() {}

  /** FLOPs and parameters of one vision encode at {@code imageSize}² (connector included). */
  public record Vision(double flops, long params) {}

  /** Decoder projection parameters (all layers) and the lm_head's. */
  public record Decoder(long layerParams, long lmHeadParams) {}

  public static Vision vision(VisionConfig v, int textHidden, int imageSize) {
    double f;
    long p;
    if (v instanceof VisionConfig.MobileNet m) {
      double[] fp = mobileNet(m, imageSize);
      f = fp[0];
      p = (long) fp[1];
    } else {
      VisionConfig.Vit t = (VisionConfig.Vit) v;
      long n = (long) t.tokenGrid() * t.tokenGrid();
      int patch = imageSize / t.tokenGrid();
      long d = t.width();
      long embed = 3L * patch * patch * d;
      long layer = 4 * d * d + 2 * d * t.mlpDim();
      f = 2.0 * n * embed + t.layers() * (2.0 * n * layer + 2.0 * 2 * n * n * d);
      p = embed + t.layers() * layer;
    }
    long tokens = (long) v.tokenGrid() * v.tokenGrid();
    long c1 = (long) v.projectorHiddenSize() * v.featureDim();
    long c2 = (long) textHidden * v.projectorHiddenSize();
    return new Vision(f + 2.0 * tokens * (c1 + c2), p + c1 + c2);
  }

  /** {FLOPs, params}: stem, ER/UIR blocks with "same" padding, MSFA 1×1 convs. */
  private static double[] mobileNet(VisionConfig.MobileNet m, int size) {
    double[] acc = new double[2];
    int res = (size + 1) / 2;
    conv(acc, 3, m.stemChannels(), 3, 1, res);
    int in = m.stemChannels();
    int[] stageRes = new int[m.stages().size()];
    for (int s = 0; s < m.stages().size(); s++) {
      for (BlockSpec b : m.stages().get(s)) {
        int mid = b.midChannels(in);
        int out = (res + b.stride() - 1) / b.stride();
        if (b.kind() == BlockSpec.Kind.ER) {
          conv(acc, in, mid, b.kernel(), 1, out);
          conv(acc, mid, b.outChannels(), 1, 1, out);
        } else {
          int afterStart = b.startKernel() > 0 && b.kernel() == 0 ? out : res;
          if (b.startKernel() > 0) {
            conv(acc, in, in, b.startKernel(), in, afterStart);
          }
          conv(acc, in, mid, 1, 1, afterStart);
          if (b.kernel() > 0) {
            conv(acc, mid, mid, b.kernel(), mid, out);
          }
          conv(acc, mid, b.outChannels(), 1, 1, out);
        }
        res = out;
        in = b.outChannels();
      }
      stageRes[s] = res;
    }
    List<Integer> ch = m.stageChannels();
    int n = ch.size();
    int fused = ch.get(n - 2) + ch.get(n - 1);
    conv(acc, fused, m.msfaHidden(), 1, 1, stageRes[n - 2]);
    conv(acc, m.msfaHidden(), m.msfaOut(), 1, 1, stageRes[n - 2]);
    return acc;
  }

  private static void conv(double[] acc, int in, int out, int k, int group, int outRes) {
    double weights = (double) out * (in / group) * k * k;
    acc[0] += 2 * weights * outRes * outRes;
    acc[1] += weights;
  }

  public static Decoder decoder(TextConfig c) {
    long h = c.hiddenSize();
    long hd = c.headDim();
    long attn = (long) c.numAttentionHeads() * hd * h * 2 + 2L * c.numKeyValueHeads() * hd * h;
    long conv = 3 * h * h + h * h;
    long ffn = 3 * h * c.ffnDim();
    long layers = c.attentionLayers().size() * attn + c.convLayers().size() * conv + c.numHiddenLayers() * ffn;
    return new Decoder(layers, (long) c.vocabSize() * h);
  }

  /**
   * FLOPs of {@code tokens} new tokens after {@code past} earlier ones: projections, lm_head for the
   * last token only (as the fixed graphs compute), attention scores and weighted sums.
   */
  public static double decoderFlops(TextConfig c, int tokens, int past) {
    Decoder d = decoder(c);
    double attention = 0;
    for (int t = 0; t < tokens; t++) {
      attention += 2.0 * 2 * (past + t + 1) * c.numAttentionHeads() * c.headDim();
    }
    return 2.0 * tokens * d.layerParams() + 2.0 * d.lmHeadParams() + c.attentionLayers().size() * attention;
  }
}
