package cockpit.npu.graph;

import cockpit.npu.graph.GraphOps.ConvSpec;
import cockpit.npu.model.BlockSpec;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.Attr;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.ExternalData;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.onnx.TensorData;
import cockpit.npu.onnx.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the vision encoder graph (MODEL.md): {@code pixel_values} f32 [batch, 3, S, S] →
 * {@code image_features} f32 [batch·256, H]. This class holds the MobileNetV5-style encoder (stem,
 * ER/UIR stages, MSFA) and the connector both encoders share; {@link VitGraph} holds the ViT
 * baseline. Every weight shape is checked before the first node is built. Builders are single-use
 * and not thread-safe; the static entry points are.
 */
public final class VisionGraph {
  public static final String INPUT = "pixel_values";
  public static final String OUTPUT = "image_features";
  public static final String FILE = cockpit.npu.model.ModelDirectory.VISION_ENCODER_ONNX;
  public static final String VIT_FILE = "vision_encoder_vit.onnx";

  private final VisionConfig.MobileNet cfg;
  private final Weights w;
  private final GraphBuilder g;
  private final float eps;
  private int res;

  private VisionGraph(VisionConfig.MobileNet cfg, Weights w) {
    this.cfg = cfg;
    this.w = w;
    this.g = new GraphBuilder("vision_encoder_mobilenet");
    this.eps = (float) cfg.normEps();
  }

  /** The encoder of {@code model} (MobileNet or ViT) with its connector to the text hidden size. */
  public static GraphBuilder build(ModelConfig model, Weights w) {
    if (!model.hasVision()) {
      throw new IllegalArgumentException("model " + model.profile() + " has no vision encoder");
    }
    return build(model.vision(), model.text().hiddenSize(), w);
  }

  public static GraphBuilder build(VisionConfig vision, int textHidden, Weights w) {
    return switch (vision) {
      case VisionConfig.MobileNet m -> build(m, textHidden, w);
      case VisionConfig.Vit v -> VitGraph.build(v, textHidden, w);
    };
  }

  /** The MobileNetV5-style encoder + MSFA + connector. */
  public static GraphBuilder build(VisionConfig.MobileNet cfg, int textHidden, Weights w) {
    check(weightShapes(cfg, textHidden), w);
    return new VisionGraph(cfg, w).build(textHidden);
  }

  /**
   * Writes {@code onnxDir/vision_encoder.onnx} (ViT: {@code vision_encoder_vit.onnx}) with its
   * weights in {@code <file>.data} beside it; returns the model path.
   */
  public static Path writeVisionEncoder(ModelConfig model, Weights w, Path onnxDir) throws IOException {
    GraphBuilder graph = build(model, w);
    String file = model.vision() instanceof VisionConfig.Vit ? VIT_FILE : FILE;
    Files.createDirectories(onnxDir);
    Path onnx = onnxDir.resolve(file);
    Map<String, String> meta = Map.of("profile", model.profile(), "seed", Long.toString(model.seed()),
        "encoder", model.vision() instanceof VisionConfig.Vit ? "vit" : "mobilenetv5",
        "image_size", Integer.toString(model.vision().imageSize()),
        "tokens", Integer.toString(model.vision().tokens()));
    try (ExternalData ext = new ExternalData(onnxDir.resolve(file + ".data"))) {
      ModelWriter.write(graph, onnx, ext, meta);
    }
    return onnx;
  }

  /** Every weight the MobileNet encoder and connector read, in build order, with its shape. */
  public static Map<String, long[]> weightShapes(VisionConfig.MobileNet cfg, int textHidden) {
    Map<String, long[]> s = new LinkedHashMap<>();
    int c0 = cfg.stemChannels();
    s.put("vision.stem.conv.weight", new long[] {c0, 3, 3, 3});
    s.put("vision.stem.conv.bias", new long[] {c0});
    s.put("vision.stem.norm.weight", new long[] {c0});
    int in = c0;
    for (int si = 0; si < cfg.stages().size(); si++) {
      List<BlockSpec> stage = cfg.stages().get(si);
      for (int bi = 0; bi < stage.size(); bi++) {
        BlockSpec b = stage.get(bi);
        String p = "vision.blocks." + si + "." + bi + ".";
        int mid = b.midChannels(in);
        int out = b.outChannels();
        if (b.kind() == BlockSpec.Kind.ER) {
          s.put(p + "conv_exp.weight", new long[] {mid, in, b.kernel(), b.kernel()});
          s.put(p + "bn1.weight", new long[] {mid});
          s.put(p + "conv_pwl.weight", new long[] {out, mid, 1, 1});
          s.put(p + "bn2.weight", new long[] {out});
        } else {
          if (b.startKernel() > 0) {
            s.put(p + "dw_start.conv.weight", new long[] {in, 1, b.startKernel(), b.startKernel()});
            s.put(p + "dw_start.bn.weight", new long[] {in});
          }
          s.put(p + "pw_exp.conv.weight", new long[] {mid, in, 1, 1});
          s.put(p + "pw_exp.bn.weight", new long[] {mid});
          if (b.kernel() > 0) {
            s.put(p + "dw_mid.conv.weight", new long[] {mid, 1, b.kernel(), b.kernel()});
            s.put(p + "dw_mid.bn.weight", new long[] {mid});
          }
          s.put(p + "pw_proj.conv.weight", new long[] {out, mid, 1, 1});
          s.put(p + "pw_proj.bn.weight", new long[] {out});
          s.put(p + "layer_scale.gamma", new long[] {out});
        }
        in = out;
      }
    }
    List<Integer> ch = cfg.stageChannels();
    int fusedIn = ch.get(ch.size() - 2) + ch.get(ch.size() - 1);
    s.put("vision.msfa.ffn.pw_exp.conv.weight", new long[] {cfg.msfaHidden(), fusedIn, 1, 1});
    s.put("vision.msfa.ffn.pw_exp.bn.weight", new long[] {cfg.msfaHidden()});
    s.put("vision.msfa.ffn.pw_proj.conv.weight", new long[] {cfg.msfaOut(), cfg.msfaHidden(), 1, 1});
    s.put("vision.msfa.ffn.pw_proj.bn.weight", new long[] {cfg.msfaOut()});
    s.put("vision.msfa.norm.weight", new long[] {cfg.msfaOut()});
    s.putAll(connectorShapes(cfg, textHidden));
    return s;
  }

  static Map<String, long[]> connectorShapes(VisionConfig v, int textHidden) {
    Map<String, long[]> s = new LinkedHashMap<>();
    int p = v.projectorHiddenSize();
    s.put("connector.linear_1.weight", new long[] {p, v.featureDim()});
    s.put("connector.linear_1.bias", new long[] {p});
    s.put("connector.linear_2.weight", new long[] {textHidden, p});
    s.put("connector.linear_2.bias", new long[] {textHidden});
    return s;
  }

  /** Fails on the first missing, misshapen or non-float weight, naming it. */
  static void check(Map<String, long[]> shapes, Weights w) {
    shapes.forEach((name, dims) -> GraphOps.requireFloat(name, w.expect(name, dims)));
  }

  /**
   * The connector on encoder tokens [batch·256, D]: {@code linear_2(gelu_erf(linear_1 x))}, exposed as
   * the graph output.
   */
  static void connector(GraphBuilder g, Value tokens, Weights w, int textHidden) {
    Value h = GraphOps.geluErf(g, GraphOps.linear(g, tokens, w, "connector.linear_1"));
    g.output(GraphOps.linear(g, h, w, "connector.linear_2"), OUTPUT, DType.FLOAT, "tokens", textHidden);
  }

  private GraphBuilder build(int textHidden) {
    int s = cfg.imageSize();
    Value x = g.input(INPUT, DType.FLOAT, "batch", 3, s, s);
    res = s;
    x = conv(x, "vision.stem.conv.weight", 3, 2, 1, "vision.stem.conv.bias");
    x = GraphOps.geluTanh(g, rms2d(x, "vision.stem.norm.weight"));
    int in = cfg.stemChannels();
    List<Value> stageOut = new ArrayList<>();
    List<Integer> stageRes = new ArrayList<>();
    for (int si = 0; si < cfg.stages().size(); si++) {
      List<BlockSpec> stage = cfg.stages().get(si);
      for (int bi = 0; bi < stage.size(); bi++) {
        BlockSpec b = stage.get(bi);
        String p = "vision.blocks." + si + "." + bi + ".";
        x = b.kind() == BlockSpec.Kind.ER ? edgeResidual(x, b, in, p) : universalInvertedResidual(x, b, in, p);
        in = b.outChannels();
      }
      stageOut.add(x);
      stageRes.add(res);
    }
    int n = stageOut.size();
    Value tokens = msfa(stageOut.get(n - 2), stageRes.get(n - 2), stageOut.get(n - 1), stageRes.get(n - 1));
    connector(g, tokens, w, textHidden);
    return g;
  }

  /** ER: k×k expansion conv (stride s) + rms2d + GELU, 1×1 projection + rms2d, residual if shapes match. */
  private Value edgeResidual(Value x, BlockSpec b, int in, String p) {
    Value y = GraphOps.geluTanh(g, rms2d(conv(x, p + "conv_exp.weight", b.kernel(), b.stride(), 1, null),
        p + "bn1.weight"));
    y = rms2d(conv(y, p + "conv_pwl.weight", 1, 1, 1, null), p + "bn2.weight");
    return b.stride() == 1 && in == b.outChannels() ? g.op("Add", x, y) : y;
  }

  /** UIR: [dw a×a + rms2d], 1×1 + rms2d + GELU, [dw k×k + rms2d + GELU], 1×1 + rms2d, layer scale, residual. */
  private Value universalInvertedResidual(Value x, BlockSpec b, int in, String p) {
    int mid = b.midChannels(in);
    Value y = x;
    if (b.startKernel() > 0) {
      // The start depthwise conv takes the block's stride only when there is no mid one.
      int stride = b.kernel() == 0 ? b.stride() : 1;
      y = rms2d(conv(y, p + "dw_start.conv.weight", b.startKernel(), stride, in, null), p + "dw_start.bn.weight");
    }
    y = GraphOps.geluTanh(g, rms2d(conv(y, p + "pw_exp.conv.weight", 1, 1, 1, null), p + "pw_exp.bn.weight"));
    if (b.kernel() > 0) {
      y = GraphOps.geluTanh(g, rms2d(conv(y, p + "dw_mid.conv.weight", b.kernel(), b.stride(), mid, null),
          p + "dw_mid.bn.weight"));
    }
    y = rms2d(conv(y, p + "pw_proj.conv.weight", 1, 1, 1, null), p + "pw_proj.bn.weight");
    y = g.op("Mul", y, GraphOps.channelParam(g, p + "layer_scale.gamma", w.get(p + "layer_scale.gamma"), 2));
    return b.stride() == 1 && in == b.outChannels() ? g.op("Add", x, y) : y;
  }

  /**
   * MSFA over the last two stages: nearest-upsample the last to the second-to-last's resolution,
   * concat [second-to-last, last], 1×1 expand + rms2d + GELU, 1×1 project + rms2d, average pool to
   * the token grid, rms2d; returns tokens [batch·256, msfaOut] in row-major (y·16 + x) order.
   */
  private Value msfa(Value high, int highRes, Value low, int lowRes) {
    if (highRes % lowRes != 0) {
      throw new IllegalArgumentException("MSFA: last stage at " + lowRes + "² does not upsample evenly to "
          + highRes + "²");
    }
    float f = (float) (highRes / lowRes);
    // Asymmetric + floor is PyTorch's "nearest" (src = floor(dst·in/out)): each pixel repeated f×f.
    Value up = f == 1 ? low : g.op("Resize", List.of(Attr.s("mode", "nearest"),
        Attr.s("coordinate_transformation_mode", "asymmetric"), Attr.s("nearest_mode", "floor")), low,
        Value.NONE, g.initializer("vision.msfa.upsample_scales",
            TensorData.floats(new long[] {4}, 1f, 1f, f, f)));
    Value x = g.op("Concat", List.of(Attr.i("axis", 1)), high, up);
    res = highRes;
    x = GraphOps.geluTanh(g, rms2d(conv(x, "vision.msfa.ffn.pw_exp.conv.weight", 1, 1, 1, null),
        "vision.msfa.ffn.pw_exp.bn.weight"));
    x = rms2d(conv(x, "vision.msfa.ffn.pw_proj.conv.weight", 1, 1, 1, null), "vision.msfa.ffn.pw_proj.bn.weight");
    int grid = cfg.tokenGrid();
    if (res % grid != 0) {
      throw new IllegalArgumentException("MSFA grid " + res + "² does not pool evenly to " + grid + "²");
    }
    int k = res / grid;
    if (k > 1) {
      x = g.op("AveragePool", List.of(Attr.ints("kernel_shape", k, k), Attr.ints("strides", k, k)), x);
    }
    x = rms2d(x, "vision.msfa.norm.weight"); // [batch, msfaOut, grid, grid]
    int c = cfg.msfaOut();
    Value seq = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1)), g.op("Reshape", x, g.ints(0, c, -1)));
    return g.op("Reshape", seq, g.ints(-1, c)); // [batch·grid², msfaOut]
  }

  /** A bias-free (unless {@code biasName}) conv with TF-"same" padding at the current resolution. */
  private Value conv(Value x, String weightName, int kernel, int stride, int group, String biasName) {
    ConvSpec spec = ConvSpec.same(res, kernel, stride, group);
    res = ConvSpec.outSize(res, stride);
    Value bias = biasName == null ? null : GraphOps.param(g, biasName, w.get(biasName));
    return GraphOps.conv2d(g, x, GraphOps.param(g, weightName, w.get(weightName)), bias, spec);
  }

  /** RMSNorm2d over channels (axis 1) with weight [C] broadcast as [C, 1, 1]. */
  private Value rms2d(Value x, String weightName) {
    return GraphOps.rmsNorm(g, x, GraphOps.channelParam(g, weightName, w.get(weightName), 2), eps, 1);
  }
}
