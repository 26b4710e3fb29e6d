package cockpit.npu.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.TensorData;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Test helpers for the vision graphs: the tiny configs' weight tables written out by hand from
 * MODEL.md (independent of the builders' own enumeration), seeded random weights for a table, and
 * ONNX Runtime runs on float inputs.
 */
final class VisionTestSupport {
  /** Profile.TINY's MobileNet encoder + connector (text hidden 64): name → shape, from MODEL.md. */
  static final String TINY_MOBILENET = """
      vision.stem.conv.weight 8,3,3,3
      vision.stem.conv.bias 8
      vision.stem.norm.weight 8
      vision.blocks.0.0.conv_exp.weight 16,8,3,3
      vision.blocks.0.0.bn1.weight 16
      vision.blocks.0.0.conv_pwl.weight 16,16,1,1
      vision.blocks.0.0.bn2.weight 16
      vision.blocks.1.0.dw_start.conv.weight 16,1,3,3
      vision.blocks.1.0.dw_start.bn.weight 16
      vision.blocks.1.0.pw_exp.conv.weight 32,16,1,1
      vision.blocks.1.0.pw_exp.bn.weight 32
      vision.blocks.1.0.dw_mid.conv.weight 32,1,3,3
      vision.blocks.1.0.dw_mid.bn.weight 32
      vision.blocks.1.0.pw_proj.conv.weight 24,32,1,1
      vision.blocks.1.0.pw_proj.bn.weight 24
      vision.blocks.1.0.layer_scale.gamma 24
      vision.blocks.1.1.dw_start.conv.weight 24,1,3,3
      vision.blocks.1.1.dw_start.bn.weight 24
      vision.blocks.1.1.pw_exp.conv.weight 48,24,1,1
      vision.blocks.1.1.pw_exp.bn.weight 48
      vision.blocks.1.1.pw_proj.conv.weight 24,48,1,1
      vision.blocks.1.1.pw_proj.bn.weight 24
      vision.blocks.1.1.layer_scale.gamma 24
      vision.blocks.2.0.dw_start.conv.weight 24,1,3,3
      vision.blocks.2.0.dw_start.bn.weight 24
      vision.blocks.2.0.pw_exp.conv.weight 48,24,1,1
      vision.blocks.2.0.pw_exp.bn.weight 48
      vision.blocks.2.0.dw_mid.conv.weight 48,1,3,3
      vision.blocks.2.0.dw_mid.bn.weight 48
      vision.blocks.2.0.pw_proj.conv.weight 32,48,1,1
      vision.blocks.2.0.pw_proj.bn.weight 32
      vision.blocks.2.0.layer_scale.gamma 32
      vision.blocks.2.1.pw_exp.conv.weight 64,32,1,1
      vision.blocks.2.1.pw_exp.bn.weight 64
      vision.blocks.2.1.pw_proj.conv.weight 32,64,1,1
      vision.blocks.2.1.pw_proj.bn.weight 32
      vision.blocks.2.1.layer_scale.gamma 32
      vision.blocks.3.0.dw_start.conv.weight 32,1,3,3
      vision.blocks.3.0.dw_start.bn.weight 32
      vision.blocks.3.0.pw_exp.conv.weight 64,32,1,1
      vision.blocks.3.0.pw_exp.bn.weight 64
      vision.blocks.3.0.dw_mid.conv.weight 64,1,3,3
      vision.blocks.3.0.dw_mid.bn.weight 64
      vision.blocks.3.0.pw_proj.conv.weight 48,64,1,1
      vision.blocks.3.0.pw_proj.bn.weight 48
      vision.blocks.3.0.layer_scale.gamma 48
      vision.blocks.3.1.pw_exp.conv.weight 96,48,1,1
      vision.blocks.3.1.pw_exp.bn.weight 96
      vision.blocks.3.1.pw_proj.conv.weight 48,96,1,1
      vision.blocks.3.1.pw_proj.bn.weight 48
      vision.blocks.3.1.layer_scale.gamma 48
      vision.msfa.ffn.pw_exp.conv.weight 64,80,1,1
      vision.msfa.ffn.pw_exp.bn.weight 64
      vision.msfa.ffn.pw_proj.conv.weight 64,64,1,1
      vision.msfa.ffn.pw_proj.bn.weight 64
      vision.msfa.norm.weight 64
      connector.linear_1.weight 64,64
      connector.linear_1.bias 64
      connector.linear_2.weight 64,64
      connector.linear_2.bias 64
      """;

  /** Profile.TINY's ViT baseline (W 48, 2 layers, MLP 96, patch 16) + connector. */
  static final String TINY_VIT = """
      vit.patch_embed.weight 48,3,16,16
      vit.patch_embed.bias 48
      vit.pos_embed 256,48
      """ + vitLayer(0) + vitLayer(1) + """
      vit.norm.weight 48
      vit.norm.bias 48
      connector.linear_1.weight 64,48
      connector.linear_1.bias 64
      connector.linear_2.weight 64,64
      connector.linear_2.bias 64
      """;

  private VisionTestSupport() {}

  private static String vitLayer(int l) {
    return """
        vit.layers.L.norm1.weight 48
        vit.layers.L.norm1.bias 48
        vit.layers.L.attn.qkv.weight 144,48
        vit.layers.L.attn.qkv.bias 144
        vit.layers.L.attn.proj.weight 48,48
        vit.layers.L.attn.proj.bias 48
        vit.layers.L.norm2.weight 48
        vit.layers.L.norm2.bias 48
        vit.layers.L.mlp.fc1.weight 96,48
        vit.layers.L.mlp.fc1.bias 96
        vit.layers.L.mlp.fc2.weight 48,96
        vit.layers.L.mlp.fc2.bias 48
        """.replace(".L.", "." + l + ".");
  }

  /** Parses a "name d0,d1,…" table. */
  static Map<String, long[]> shapes(String table) {
    Map<String, long[]> m = new LinkedHashMap<>();
    for (String line : table.strip().split("\n")) {
      String[] f = line.strip().split(" ");
      m.put(f[0], Arrays.stream(f[1].split(",")).mapToLong(Long::parseLong).toArray());
    }
    return m;
  }

  /** "name [dims]" lines, sorted, for comparing two tables with a readable diff. */
  static String describe(Map<String, long[]> shapes) {
    return String.join("\n", shapes.entrySet().stream().map(e -> e.getKey() + " " + Arrays.toString(e.getValue()))
        .sorted().toList());
  }

  /**
   * Seeded weights for {@code shapes}, scaled as MODEL.md's generator does (norms 1 + 0.02·N, layer
   * scale 0.1 + 0.02·N, biases 0.02·N, pos_embed 0.02·N, others N/sqrt(fan_in)).
   */
  static Weights randomWeights(Map<String, long[]> shapes, long seed) {
    Map<String, TensorData> t = new LinkedHashMap<>();
    SplittableRandom r = new SplittableRandom(seed);
    shapes.forEach((name, dims) -> {
      long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
      float[] v = new float[(int) n];
      boolean norm = name.contains("norm") || name.contains("bn");
      double fanIn = n / (double) dims[0];
      for (int i = 0; i < v.length; i++) {
        double z = r.nextGaussian();
        v[i] = (float) (name.endsWith(".gamma") ? 0.1 + 0.02 * z
            : name.endsWith(".bias") || name.equals("vit.pos_embed") ? 0.02 * z
            : norm ? 1 + 0.02 * z : z / Math.sqrt(fanIn));
      }
      t.put(name, TensorData.floats(dims, v));
    });
    return Weights.of(t);
  }

  /** Uniform [0, 1) pixels for {@code batch} images of size². */
  static float[] pixels(int batch, int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[batch * 3 * size * size];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) r.nextDouble();
    }
    return p;
  }

  /** A float tensor, flattened row-major, with its shape: a run's input or output. */
  record Tensor(long[] shape, float[] values) {}

  /** Runs {@code model} on named float inputs and returns output 0. */
  static Tensor run(Path model, Map<String, Tensor> inputs) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
    try (OrtSession s = env.createSession(model.toString(), new OrtSession.SessionOptions())) {
      for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
        feeds.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().values()),
            e.getValue().shape()));
      }
      try (OrtSession.Result res = s.run(feeds)) {
        OnnxTensor out = (OnnxTensor) res.get(0);
        FloatBuffer fb = out.getFloatBuffer();
        float[] v = new float[fb.remaining()];
        fb.get(v);
        return new Tensor(out.getInfo().getShape(), v);
      }
    } finally {
      feeds.values().forEach(OnnxTensor::close);
    }
  }

  /** Runs a vision encoder on {@code batch} images of size². */
  static Tensor encode(Path model, float[] pixels, int batch, int size) throws OrtException {
    return run(model, Map.of(VisionGraph.INPUT, new Tensor(new long[] {batch, 3, size, size}, pixels)));
  }

  static float maxAbsDiff(float[] a, float[] b, int offsetB) {
    float m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[offsetB + i]));
    }
    return m;
  }
}
