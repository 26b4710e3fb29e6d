package cockpit.npu.graph;

import cockpit.npu.graph.GraphOps.ConvSpec;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.Attr;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the ViT baseline encoder (MODEL.md, names under {@code vit.}) with the shared connector:
 * {@code pixel_values} f32 [batch, 3, S, S] → {@code image_features} f32 [batch·256, H]. Patch
 * embedding (p×p conv, stride p, bias) plus learned positions, pre-norm layers (LayerNorm,
 * multi-head softmax attention with biases, GELU-erf MLP), final LayerNorm. Attention is written
 * with MatMul/Softmax (no contrib ops). Stateless; thread-safe.
 */
public final class VitGraph {
  private VitGraph() {}

  public static GraphBuilder build(VisionConfig.Vit cfg, int textHidden, Weights w) {
    VisionGraph.check(weightShapes(cfg, textHidden), w);
    GraphBuilder g = new GraphBuilder("vision_encoder_vit");
    int s = cfg.imageSize();
    int width = cfg.width();
    Value pixels = g.input(VisionGraph.INPUT, DType.FLOAT, "batch", 3, s, s);
    Value patches = GraphOps.conv2d(g, pixels, param(g, w, "vit.patch_embed.weight"),
        param(g, w, "vit.patch_embed.bias"), new ConvSpec(cfg.patch(), new long[4], 1)); // [batch, W, 16, 16]
    Value x = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1)),
        g.op("Reshape", patches, g.ints(0, width, -1))); // [batch, 256, W], token = y·16 + x
    x = g.op("Add", x, param(g, w, "vit.pos_embed"));
    float eps = (float) cfg.normEps();
    for (int l = 0; l < cfg.layers(); l++) {
      String p = "vit.layers." + l + ".";
      x = g.op("Add", x, attention(g, w, cfg, layerNorm(g, w, x, p + "norm1", eps), p + "attn"));
      Value h = GraphOps.geluErf(g, GraphOps.linear(g, layerNorm(g, w, x, p + "norm2", eps), w, p + "mlp.fc1"));
      x = g.op("Add", x, GraphOps.linear(g, h, w, p + "mlp.fc2"));
    }
    x = layerNorm(g, w, x, "vit.norm", eps);
    VisionGraph.connector(g, g.op("Reshape", x, g.ints(-1, width)), w, textHidden);
    return g;
  }

  /** Every weight the ViT encoder and connector read, in build order, with its shape. */
  public static Map<String, long[]> weightShapes(VisionConfig.Vit cfg, int textHidden) {
    Map<String, long[]> s = new LinkedHashMap<>();
    int wd = cfg.width();
    int p = cfg.patch();
    s.put("vit.patch_embed.weight", new long[] {wd, 3, p, p});
    s.put("vit.patch_embed.bias", new long[] {wd});
    s.put("vit.pos_embed", new long[] {cfg.tokens(), wd});
    for (int l = 0; l < cfg.layers(); l++) {
      String n = "vit.layers." + l + ".";
      s.put(n + "norm1.weight", new long[] {wd});
      s.put(n + "norm1.bias", new long[] {wd});
      s.put(n + "attn.qkv.weight", new long[] {3L * wd, wd});
      s.put(n + "attn.qkv.bias", new long[] {3L * wd});
      s.put(n + "attn.proj.weight", new long[] {wd, wd});
      s.put(n + "attn.proj.bias", new long[] {wd});
      s.put(n + "norm2.weight", new long[] {wd});
      s.put(n + "norm2.bias", new long[] {wd});
      s.put(n + "mlp.fc1.weight", new long[] {cfg.mlpDim(), wd});
      s.put(n + "mlp.fc1.bias", new long[] {cfg.mlpDim()});
      s.put(n + "mlp.fc2.weight", new long[] {wd, cfg.mlpDim()});
      s.put(n + "mlp.fc2.bias", new long[] {wd});
    }
    s.put("vit.norm.weight", new long[] {wd});
    s.put("vit.norm.bias", new long[] {wd});
    s.putAll(VisionGraph.connectorShapes(cfg, textHidden));
    return s;
  }

  /** Full (non-causal) multi-head attention on x [batch, T, W]; qkv rows are q, k, v. */
  private static Value attention(GraphBuilder g, Weights w, VisionConfig.Vit cfg, Value x, String p) {
    int width = cfg.width();
    int heads = cfg.heads();
    int hd = width / heads;
    Value qkv = GraphOps.linear(g, x, w, p + ".qkv"); // [batch, T, 3W]
    Value[] parts = g.node("", "Split", List.of(Attr.i("axis", -1)), new Value[] {qkv, g.ints(width, width, width)}, 3);
    Value shape = g.ints(0, 0, heads, hd);
    // Scale q before the product: T·hd multiplies instead of T·T.
    Value q = g.op("Mul", g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)), g.op("Reshape", parts[0], shape)),
        g.scalar((float) (1 / Math.sqrt(hd)))); // [batch, heads, T, hd]
    Value kT = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 3, 1)), g.op("Reshape", parts[1], shape));
    Value v = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)), g.op("Reshape", parts[2], shape));
    Value probs = g.op("Softmax", List.of(Attr.i("axis", -1)), g.op("MatMul", q, kT)); // [batch, heads, T, T]
    Value ctx = g.op("Transpose", List.of(Attr.ints("perm", 0, 2, 1, 3)), g.op("MatMul", probs, v));
    return GraphOps.linear(g, g.op("Reshape", ctx, g.ints(0, 0, width)), w, p + ".proj");
  }

  private static Value layerNorm(GraphBuilder g, Weights w, Value x, String prefix, float eps) {
    return GraphOps.layerNorm(g, x, param(g, w, prefix + ".weight"), param(g, w, prefix + ".bias"), eps);
  }

  private static Value param(GraphBuilder g, Weights w, String name) {
    return GraphOps.param(g, name, w.get(name));
  }
}
