package cockpit.train.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import cockpit.npu.graph.VisionGraph;
import cockpit.npu.model.BlockSpec;
import cockpit.npu.model.VisionConfig;
import cockpit.train.torch.Nn;
import cockpit.train.torch.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The MobileNetV5-style encoder, MSFA and the norm-free MLP connector in DJL, with exactly the math
 * of {@link VisionGraph} (MODEL.md): stem conv (bias) + RMSNorm2d + GELU-tanh, ER/UIR blocks with
 * RMSNorm2d after every conv, layer scale and residuals, MSFA over the last two stages (nearest
 * upsample, concat, 1×1 expand + norm + GELU, 1×1 project + norm, average pool to the token grid,
 * norm), then {@code linear_2(gelu_erf(linear_1 x))}. Parameters are read from a {@link Params} under
 * the safetensors names, so the same weights feed this, the ONNX graph and the plain-Java reference.
 * Stateless apart from the config; thread-safe if the NDArrays are.
 */
public final class MobileNetVision {
  private final VisionConfig.MobileNet cfg;
  private final int textHidden;
  private final float eps;

  public MobileNetVision(VisionConfig.MobileNet cfg, int textHidden) {
    this.cfg = cfg;
    this.textHidden = textHidden;
    this.eps = (float) cfg.normEps();
  }

  /** Every parameter this forward reads, with its shape, in build order (the graph's own table). */
  public Map<String, long[]> shapes() {
    return VisionGraph.weightShapes(cfg, textHidden);
  }

  public VisionConfig.MobileNet config() {
    return cfg;
  }

  /** {@code image_features}: pixels [B, 3, S, S] in [0, 1] → [B·tokens, textHidden]. */
  public NDArray imageFeatures(Params p, NDArray pixels) {
    NDArray tokens = tokens(p, pixels); // [B, tokens, D]
    NDArray flat = tokens.reshape(-1, cfg.msfaOut());
    NDArray h = Nn.geluErf(Nn.linear(flat, p.get("connector.linear_1.weight"), p.get("connector.linear_1.bias")));
    return Nn.linear(h, p.get("connector.linear_2.weight"), p.get("connector.linear_2.bias"));
  }

  /** The encoder's tokens before the connector: [B, grid², msfaOut], row-major grid order. */
  public NDArray tokens(Params p, NDArray pixels) {
    NDArray grid = tokenGrid(p, pixels); // [B, D, g, g]
    long b = grid.getShape().get(0);
    return grid.reshape(b, cfg.msfaOut(), -1).transpose(0, 2, 1);
  }

  /** The MSFA output before flattening: [B, msfaOut, grid, grid]. */
  public NDArray tokenGrid(Params p, NDArray pixels) {
    Shape s = pixels.getShape();
    if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != cfg.imageSize() || s.get(3) != cfg.imageSize()) {
      throw new IllegalArgumentException("pixels " + s + " are not [B, 3, " + cfg.imageSize() + ", " + cfg.imageSize()
          + "]");
    }
    NDArray x = Nn.conv2dSame(pixels, p.get("vision.stem.conv.weight"), p.get("vision.stem.conv.bias"), 2, 1);
    x = Nn.geluTanh(Nn.rms2d(x, p.get("vision.stem.norm.weight"), eps));
    List<NDArray> stageOut = new ArrayList<>();
    int in = cfg.stemChannels();
    for (int si = 0; si < cfg.stages().size(); si++) {
      List<BlockSpec> stage = cfg.stages().get(si);
      for (int bi = 0; bi < stage.size(); bi++) {
        BlockSpec b = stage.get(bi);
        String pre = "vision.blocks." + si + "." + bi + ".";
        x = b.kind() == BlockSpec.Kind.ER ? edgeResidual(p, x, b, in, pre) : invertedResidual(p, x, b, in, pre);
        in = b.outChannels();
      }
      stageOut.add(x);
    }
    return msfa(p, stageOut.get(stageOut.size() - 2), stageOut.get(stageOut.size() - 1));
  }

  private NDArray edgeResidual(Params p, NDArray x, BlockSpec b, int in, String pre) {
    NDArray y = Nn.geluTanh(Nn.rms2d(Nn.conv2dSame(x, p.get(pre + "conv_exp.weight"), null, b.stride(), 1),
        p.get(pre + "bn1.weight"), eps));
    y = Nn.rms2d(Nn.conv2dSame(y, p.get(pre + "conv_pwl.weight"), null, 1, 1), p.get(pre + "bn2.weight"), eps);
    return b.stride() == 1 && in == b.outChannels() ? x.add(y) : y;
  }

  private NDArray invertedResidual(Params p, NDArray x, BlockSpec b, int in, String pre) {
    int mid = b.midChannels(in);
    NDArray y = x;
    if (b.startKernel() > 0) {
      int stride = b.kernel() == 0 ? b.stride() : 1; // the start dw conv strides only without a mid one
      y = Nn.rms2d(Nn.conv2dSame(y, p.get(pre + "dw_start.conv.weight"), null, stride, in),
          p.get(pre + "dw_start.bn.weight"), eps);
    }
    y = Nn.geluTanh(Nn.rms2d(Nn.conv2dSame(y, p.get(pre + "pw_exp.conv.weight"), null, 1, 1),
        p.get(pre + "pw_exp.bn.weight"), eps));
    if (b.kernel() > 0) {
      y = Nn.geluTanh(Nn.rms2d(Nn.conv2dSame(y, p.get(pre + "dw_mid.conv.weight"), null, b.stride(), mid),
          p.get(pre + "dw_mid.bn.weight"), eps));
    }
    y = Nn.rms2d(Nn.conv2dSame(y, p.get(pre + "pw_proj.conv.weight"), null, 1, 1), p.get(pre + "pw_proj.bn.weight"),
        eps);
    y = y.mul(p.get(pre + "layer_scale.gamma").reshape(1, -1, 1, 1));
    return b.stride() == 1 && in == b.outChannels() ? x.add(y) : y;
  }

  /** [B, c₋₂, r, r] and [B, c₋₁, r/f, r/f] → [B, msfaOut, grid, grid]. */
  private NDArray msfa(Params p, NDArray high, NDArray low) {
    long r = high.getShape().get(2);
    long f = r / low.getShape().get(2);
    // Nearest upsampling by f = each pixel repeated f×f (the graph's Resize asymmetric/floor).
    NDArray up = f == 1 ? low : low.repeat(2, f).repeat(3, f);
    NDArray x = NDArrays.concat(new ai.djl.ndarray.NDList(high, up), 1);
    x = Nn.geluTanh(Nn.rms2d(Nn.conv2dSame(x, p.get("vision.msfa.ffn.pw_exp.conv.weight"), null, 1, 1),
        p.get("vision.msfa.ffn.pw_exp.bn.weight"), eps));
    x = Nn.rms2d(Nn.conv2dSame(x, p.get("vision.msfa.ffn.pw_proj.conv.weight"), null, 1, 1),
        p.get("vision.msfa.ffn.pw_proj.bn.weight"), eps);
    long k = r / cfg.tokenGrid();
    if (k > 1) {
      x = Pool.avgPool2d(x, new Shape(k, k), new Shape(k, k), new Shape(0, 0), false, true);
    }
    return Nn.rms2d(x, p.get("vision.msfa.norm.weight"), eps);
  }
}
