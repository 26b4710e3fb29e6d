package cockpit.npu.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.GraphOps.ConvSpec;
import cockpit.npu.graph.VisionTestSupport.Tensor;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.onnx.TensorData;
import cockpit.npu.onnx.Value;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GraphOps (used by the vision graphs) against a few lines of plain Java each, through ONNX Runtime. */
class VisionGraphOpsTest {
  @TempDir
  Path dir;

  @Test
  void rmsNormOverNchwChannelsMatchesPlainJava() throws Exception {
    int n = 2;
    int c = 5;
    int hw = 12;
    float[] x = random(n * c * hw, 1, 2f);
    float[] w = random(c, 2, 1f);
    Tensor got = unary(new long[] {n, c, 3, 4}, x, (g, in) -> GraphOps.rmsNorm(g, in,
        GraphOps.channelParam(g, "norm.weight", TensorData.floats(new long[] {c}, w), 2), 1e-6f, 1));
    float[] want = new float[x.length];
    for (int b = 0; b < n; b++) {
      for (int p = 0; p < hw; p++) {
        double ms = 0;
        for (int ch = 0; ch < c; ch++) {
          ms += x[(b * c + ch) * hw + p] * x[(b * c + ch) * hw + p];
        }
        double inv = 1 / Math.sqrt(ms / c + 1e-6);
        for (int ch = 0; ch < c; ch++) {
          want[(b * c + ch) * hw + p] = (float) (w[ch] * x[(b * c + ch) * hw + p] * inv);
        }
      }
    }
    assertArrayEquals(want, got.values(), 1e-5f);
  }

  @Test
  void rmsNormOverTheLastAxisMatchesPlainJava() throws Exception {
    float[] x = random(3 * 16, 3, 3f);
    float[] w = random(16, 4, 1f);
    Tensor got = unary(new long[] {3, 16}, x, (g, in) -> GraphOps.rmsNorm(g, in,
        GraphOps.param(g, "w", TensorData.floats(new long[] {16}, w)), 1e-5f, -1));
    float[] want = new float[x.length];
    for (int r = 0; r < 3; r++) {
      double ms = 0;
      for (int i = 0; i < 16; i++) {
        ms += x[r * 16 + i] * x[r * 16 + i];
      }
      for (int i = 0; i < 16; i++) {
        want[r * 16 + i] = (float) (w[i] * x[r * 16 + i] / Math.sqrt(ms / 16 + 1e-5));
      }
    }
    assertArrayEquals(want, got.values(), 1e-5f);
  }

  @Test
  void geluTanhAndGeluErfMatchTheirFormulas() throws Exception {
    float[] x = new float[161];
    for (int i = 0; i < x.length; i++) {
      x[i] = -4 + i * 0.05f;
    }
    float[] tanh = unary(new long[] {x.length}, x, GraphOps::geluTanh).values();
    float[] erf = unary(new long[] {x.length}, x, GraphOps::geluErf).values();
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      double t = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
      double e = 0.5 * v * (1 + erf(v / Math.sqrt(2)));
      assertEquals(t, tanh[i], 2e-6, "gelu_tanh(" + v + ")");
      assertEquals(e, erf[i], 2e-6, "gelu_erf(" + v + ")");
    }
    // The two approximations differ by a few 1e-4 somewhere in [-4, 4]: the test would notice a swap.
    double gap = 0;
    for (int i = 0; i < x.length; i++) {
      gap = Math.max(gap, Math.abs(tanh[i] - erf[i]));
    }
    assertTrue(gap > 1e-4, "gelu_tanh and gelu_erf differ by " + gap);
  }

  @Test
  void linearTransposesTheWeightOnceAndMatchesPlainJava() throws Exception {
    float[] x = random(2 * 3 * 5, 5, 1f);
    float[] w = random(4 * 5, 6, 1f); // [out 4, in 5]
    float[] bias = random(4, 7, 1f);
    TensorData wd = TensorData.floats(new long[] {4, 5}, w);
    GraphBuilder[] built = new GraphBuilder[1];
    Tensor got = unary(new long[] {2, 3, 5}, x, (g, in) -> {
      built[0] = g;
      Value b = GraphOps.param(g, "fc.bias", TensorData.floats(new long[] {4}, bias));
      Value once = GraphOps.linear(g, in, "fc.weight", wd, b);
      Value twice = GraphOps.linear(g, in, "fc.weight", wd, null);
      return g.op("Sub", g.op("Add", once, twice), twice);
    });
    assertArrayEquals(new long[] {5, 4}, built[0].initializers().get("fc.weight.T").dims());
    assertEquals(Set.of("fc.bias", "fc.weight.T"), built[0].initializers().keySet(),
        "the weight is transposed once and shared by both uses");
    float[] want = new float[2 * 3 * 4];
    for (int r = 0; r < 6; r++) {
      for (int o = 0; o < 4; o++) {
        double s = bias[o];
        for (int i = 0; i < 5; i++) {
          s += x[r * 5 + i] * w[o * 5 + i];
        }
        want[r * 4 + o] = (float) s;
      }
    }
    assertArrayEquals(want, got.values(), 1e-5f);
    assertArrayEquals(new long[] {2, 3, 4}, got.shape());
  }

  @Test
  void transpose2dCopiesAnyWholeByteTypeAndLeavesTheSourceAlone() {
    TensorData f = TensorData.floats(new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
    TensorData ft = GraphOps.transpose2d(f);
    assertArrayEquals(new long[] {3, 2}, ft.dims());
    float[] got = new float[6];
    ft.bytes().asFloatBuffer().get(got);
    assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, got);
    assertEquals(1f, f.bytes().getFloat(0), "the source is unchanged");

    TensorData l = GraphOps.transpose2d(TensorData.longs(new long[] {3, 2}, 1, 2, 3, 4, 5, 6));
    long[] longs = new long[6];
    l.bytes().asLongBuffer().get(longs);
    assertArrayEquals(new long[] {1, 3, 5, 2, 4, 6}, longs);
  }

  @Test
  void tfSamePaddingIsAsymmetricForStrideTwoOnEvenInputs() {
    assertArrayEquals(new long[] {0, 0, 1, 1}, ConvSpec.same(256, 3, 2, 1).pads());
    assertArrayEquals(new long[] {1, 1, 2, 2}, ConvSpec.same(256, 5, 2, 1).pads());
    assertArrayEquals(new long[] {1, 1, 1, 1}, ConvSpec.same(7, 3, 2, 1).pads());
    assertArrayEquals(new long[] {1, 1, 1, 1}, ConvSpec.same(32, 3, 1, 1).pads());
    assertArrayEquals(new long[] {2, 2, 2, 2}, ConvSpec.same(32, 5, 1, 1).pads());
    assertArrayEquals(new long[] {0, 0, 0, 0}, ConvSpec.same(32, 1, 1, 1).pads());
    assertEquals(4, ConvSpec.outSize(7, 2));
  }

  @Test
  void convWithTfSamePaddingMatchesPlainJava() throws Exception {
    checkConv(new ConvCase(8, 3, 4, 3, 2, 1, true));
    checkConv(new ConvCase(8, 4, 4, 5, 2, 4, false)); // depthwise, stride 2, pads (1, 2)
    checkConv(new ConvCase(7, 2, 3, 3, 2, 1, false)); // odd input
    checkConv(new ConvCase(6, 6, 6, 3, 1, 6, false)); // depthwise, stride 1
    checkConv(new ConvCase(6, 3, 5, 1, 1, 1, false)); // pointwise
  }

  @Test
  void layerNormMatchesPlainJava() throws Exception {
    float[] x = random(4 * 12, 8, 2f);
    float[] w = random(12, 9, 1f);
    float[] b = random(12, 10, 1f);
    Tensor got = unary(new long[] {4, 12}, x, (g, in) -> GraphOps.layerNorm(g, in,
        GraphOps.param(g, "ln.weight", TensorData.floats(new long[] {12}, w)),
        GraphOps.param(g, "ln.bias", TensorData.floats(new long[] {12}, b)), 1e-6f));
    for (int r = 0; r < 4; r++) {
      double mean = 0;
      double var = 0;
      for (int i = 0; i < 12; i++) {
        mean += x[r * 12 + i] / 12.0;
      }
      for (int i = 0; i < 12; i++) {
        var += (x[r * 12 + i] - mean) * (x[r * 12 + i] - mean) / 12.0;
      }
      for (int i = 0; i < 12; i++) {
        double want = (x[r * 12 + i] - mean) / Math.sqrt(var + 1e-6) * w[i] + b[i];
        assertEquals(want, got.values()[r * 12 + i], 1e-5);
      }
    }
  }

  /** A conv of [1, cin, n, n] with weight [cout, cin/group, k, k], stride s. */
  private record ConvCase(int n, int cin, int cout, int k, int s, int group, boolean withBias) {}

  /** Runs {@code c} with TF-same padding through ONNX Runtime and through plain loops. */
  private void checkConv(ConvCase c) throws Exception {
    int n = c.n();
    int cin = c.cin();
    int cout = c.cout();
    int k = c.k();
    int s = c.s();
    int group = c.group();
    boolean withBias = c.withBias();
    int cpg = cin / group;
    float[] x = random(cin * n * n, n * 31 + k, 1f);
    float[] w = random(cout * cpg * k * k, n * 37 + k, 1f);
    float[] bias = withBias ? random(cout, 5, 1f) : new float[cout];
    Tensor got = unary(new long[] {1, cin, n, n}, x, (g, in) -> GraphOps.conv2d(g, in,
        GraphOps.param(g, "w", TensorData.floats(new long[] {cout, cpg, k, k}, w)),
        withBias ? GraphOps.param(g, "b", TensorData.floats(new long[] {cout}, bias)) : null,
        ConvSpec.same(n, k, s, group)));
    int out = (n + s - 1) / s;
    int before = Math.max((out - 1) * s + k - n, 0) / 2;
    assertArrayEquals(new long[] {1, cout, out, out}, got.shape());
    float[] want = new float[cout * out * out];
    for (int oc = 0; oc < cout; oc++) {
      int g0 = oc / (cout / group) * cpg;
      for (int oy = 0; oy < out; oy++) {
        for (int ox = 0; ox < out; ox++) {
          double acc = bias[oc];
          for (int ic = 0; ic < cpg; ic++) {
            for (int ky = 0; ky < k; ky++) {
              for (int kx = 0; kx < k; kx++) {
                int iy = oy * s - before + ky;
                int ix = ox * s - before + kx;
                if (iy >= 0 && iy < n && ix >= 0 && ix < n) {
                  acc += x[((g0 + ic) * n + iy) * n + ix] * w[((oc * cpg + ic) * k + ky) * k + kx];
                }
              }
            }
          }
          want[(oc * out + oy) * out + ox] = (float) acc;
        }
      }
    }
    assertArrayEquals(want, got.values(), 1e-5f, "conv n" + n + " k" + k + " s" + s + " group " + group);
  }

  /** Builds a one-input graph with {@code body}, writes it with inline weights and runs it on x. */
  private Tensor unary(long[] shape, float[] x, BiFunction<GraphBuilder, Value, Value> body) throws Exception {
    GraphBuilder g = new GraphBuilder("op");
    Object[] dims = Arrays.stream(shape).boxed().toArray();
    Value out = body.apply(g, g.input("x", DType.FLOAT, dims));
    // Every op under test keeps the input's rank.
    g.output(out, "y", DType.FLOAT, IntStream.range(0, shape.length).mapToObj(i -> "d" + i).toArray());
    Path file = dir.resolve("op" + System.nanoTime() + ".onnx");
    ModelWriter.write(g, file, null, Map.of());
    return VisionTestSupport.run(file, Map.of("x", new Tensor(shape, x)));
  }

  private static float[] random(int n, long seed, float scale) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (scale * r.nextGaussian());
    }
    return v;
  }

  /** erf by its Maclaurin series; converges in double for |z| ≤ 3. */
  private static double erf(double z) {
    double sum = 0;
    double term = z;
    for (int n = 0; n < 200; n++) {
      sum += term / (2 * n + 1);
      term *= -z * z / (n + 1);
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }
}
