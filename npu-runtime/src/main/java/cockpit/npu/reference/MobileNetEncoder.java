package cockpit.npu.reference;

import cockpit.npu.model.BlockSpec;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * The MobileNetV5-style encoder of MODEL.md: stem, ER/UIR stages, MSFA over the last two stages.
 * Every conv is followed by RMSNorm2d, so a block is a list of conv+norm units, an optional layer
 * scale and an optional residual. Immutable after construction.
 */
final class MobileNetEncoder implements TokenEncoder {
  /** One conv and its RMSNorm2d: {@code in → out}, square kernel, TF-'same' padding. */
  private record Spec(int in, int out, int k, int stride, boolean depthwise, boolean gelu) {}

  private record Unit(Spec spec, float[] conv, float[] norm) {
    static Unit load(Weights w, String conv, String norm, Spec s) {
      long[] dims = {s.out, s.depthwise ? 1 : s.in, s.k, s.k};
      return new Unit(s, Ops.load(w, conv, dims), Ops.load(w, norm, s.out));
    }

    FeatureMap apply(FeatureMap x, double eps, float[] bias) {
      return x.conv(conv, spec.out, spec.k, spec.stride, spec.depthwise, bias).rms2d(norm, eps, spec.gelu);
    }
  }

  private record Block(List<Unit> units, float[] gamma, boolean residual) {
    FeatureMap apply(FeatureMap x, double eps) {
      FeatureMap y = x;
      for (Unit u : units) {
        y = u.apply(y, eps, null);
      }
      if (gamma != null) {
        y = y.scale(gamma);
      }
      return residual ? y.plus(x) : y;
    }
  }

  private final VisionConfig.MobileNet cfg;
  private final Unit stem;
  private final float[] stemBias;
  private final List<List<Block>> stages = new ArrayList<>();
  private final Unit msfaExp;
  private final Unit msfaProj;
  private final float[] msfaNorm;

  MobileNetEncoder(VisionConfig.MobileNet cfg, Weights w) {
    this.cfg = cfg;
    int c0 = cfg.stemChannels();
    stem = Unit.load(w, "vision.stem.conv.weight", "vision.stem.norm.weight", new Spec(3, c0, 3, 2, false, true));
    stemBias = Ops.load(w, "vision.stem.conv.bias", c0);
    int in = c0;
    for (int s = 0; s < cfg.stages().size(); s++) {
      List<Block> blocks = new ArrayList<>();
      for (int b = 0; b < cfg.stages().get(s).size(); b++) {
        BlockSpec spec = cfg.stages().get(s).get(b);
        String p = "vision.blocks." + s + "." + b + ".";
        blocks.add(spec.kind() == BlockSpec.Kind.ER ? edgeResidual(w, p, spec, in) : invertedResidual(w, p, spec, in));
        in = spec.outChannels();
      }
      stages.add(blocks);
    }
    List<Integer> ch = cfg.stageChannels();
    int fused = ch.get(ch.size() - 2) + ch.get(ch.size() - 1);
    msfaExp = Unit.load(w, "vision.msfa.ffn.pw_exp.conv.weight", "vision.msfa.ffn.pw_exp.bn.weight",
        new Spec(fused, cfg.msfaHidden(), 1, 1, false, true));
    msfaProj = Unit.load(w, "vision.msfa.ffn.pw_proj.conv.weight", "vision.msfa.ffn.pw_proj.bn.weight",
        new Spec(cfg.msfaHidden(), cfg.msfaOut(), 1, 1, false, false));
    msfaNorm = Ops.load(w, "vision.msfa.norm.weight", cfg.msfaOut());
  }

  private static Block edgeResidual(Weights w, String p, BlockSpec b, int in) {
    int mid = b.midChannels(in);
    int out = b.outChannels();
    List<Unit> units = List.of(
        Unit.load(w, p + "conv_exp.weight", p + "bn1.weight", new Spec(in, mid, b.kernel(), b.stride(), false, true)),
        Unit.load(w, p + "conv_pwl.weight", p + "bn2.weight", new Spec(mid, out, 1, 1, false, false)));
    return new Block(units, null, b.stride() == 1 && in == out);
  }

  private static Block invertedResidual(Weights w, String p, BlockSpec b, int in) {
    int mid = b.midChannels(in);
    int out = b.outChannels();
    List<Unit> units = new ArrayList<>();
    if (b.startKernel() > 0) {
      // the start depthwise conv carries the stride only when there is no mid depthwise conv
      int stride = b.kernel() == 0 ? b.stride() : 1;
      units.add(Unit.load(w, p + "dw_start.conv.weight", p + "dw_start.bn.weight",
          new Spec(in, in, b.startKernel(), stride, true, false)));
    }
    units.add(Unit.load(w, p + "pw_exp.conv.weight", p + "pw_exp.bn.weight", new Spec(in, mid, 1, 1, false, true)));
    if (b.kernel() > 0) {
      units.add(Unit.load(w, p + "dw_mid.conv.weight", p + "dw_mid.bn.weight",
          new Spec(mid, mid, b.kernel(), b.stride(), true, true)));
    }
    units.add(Unit.load(w, p + "pw_proj.conv.weight", p + "pw_proj.bn.weight", new Spec(mid, out, 1, 1, false, false)));
    return new Block(units, Ops.load(w, p + "layer_scale.gamma", out), b.stride() == 1 && in == out);
  }

  @Override
  public float[][] tokens(float[] pixels) {
    List<FeatureMap> outs = stageOutputs(pixels);
    FeatureMap hi = outs.get(outs.size() - 2); // [c₋₂, r, r]
    FeatureMap lo = outs.get(outs.size() - 1); // [c₋₁, r/2, r/2]
    if (hi.height() % lo.height() != 0 || hi.height() / lo.height() != hi.width() / lo.width()) {
      throw new IllegalStateException("MSFA inputs " + hi.height() + "² and " + lo.height() + "² do not nest");
    }
    double eps = cfg.normEps();
    FeatureMap fused = hi.concat(lo.upsample(hi.height() / lo.height()));
    FeatureMap f = msfaProj.apply(msfaExp.apply(fused, eps, null), eps, null);
    FeatureMap pooled = f.avgPool(f.height() / cfg.tokenGrid()); // [msfaOut, grid, grid]
    return pooled.rms2d(msfaNorm, eps, false).tokens();
  }

  /** The stem output then each stage's output, in order. */
  List<FeatureMap> stageOutputs(float[] pixels) {
    int s = cfg.imageSize();
    if (pixels.length != 3 * s * s) {
      throw new IllegalArgumentException("pixels hold " + pixels.length + " floats, expected [3, " + s + ", " + s + "]");
    }
    double eps = cfg.normEps();
    List<FeatureMap> outs = new ArrayList<>();
    FeatureMap x = stem.apply(new FeatureMap(3, s, s, pixels.clone()), eps, stemBias);
    outs.add(x);
    for (List<Block> stage : stages) {
      for (Block b : stage) {
        x = b.apply(x, eps);
      }
      outs.add(x);
    }
    return outs;
  }
}
