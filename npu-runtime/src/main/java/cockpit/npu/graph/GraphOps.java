package cockpit.npu.graph;

import cockpit.npu.model.Weights;
import cockpit.npu.onnx.Attr;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.TensorData;
import cockpit.npu.onnx.Value;
import cockpit.npu.onnx.proto.AttributeProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Layer helpers over a {@link GraphBuilder}, written only with standard ONNX ops (no contrib ops)
 * so the same graphs suit CPU, NPU execution providers and QDQ quantization. Initializers keep the
 * weight's own name wherever its bytes are used unchanged; a weight transposed at build time is
 * named {@link #transposedName}. Stateless; each call appends nodes to the builder it is given.
 */
public final class GraphOps {
  private GraphOps() {}

  /** Geometry of one 2-D convolution: stride, ONNX pads {@code [top, left, bottom, right]}, groups. */
  public record ConvSpec(int stride, long[] pads, int group) {
    public ConvSpec {
      if (stride <= 0 || group <= 0 || pads.length != 4 || Arrays.stream(pads).anyMatch(p -> p < 0)) {
        throw new IllegalArgumentException("conv: stride " + stride + ", group " + group + ", pads "
            + Arrays.toString(pads) + " (need 4 non-negative pads)");
      }
      pads = pads.clone();
    }

    /**
     * TF-style "same" padding for a square {@code size}² input: out = ceil(size/stride), total =
     * max((out−1)·stride + kernel − size, 0), the smaller half before (top/left).
     */
    public static ConvSpec same(int size, int kernel, int stride, int group) {
      int out = outSize(size, stride);
      int total = Math.max((out - 1) * stride + kernel - size, 0);
      int before = total / 2;
      int after = total - before;
      return new ConvSpec(stride, new long[] {before, before, after, after}, group);
    }

    /** Output size under "same" padding: ceil(size / stride). */
    public static int outSize(int size, int stride) {
      return (size + stride - 1) / stride;
    }

    @Override
    public long[] pads() {
      return pads.clone();
    }
  }

  /** {@code data} as an initializer named {@code name}, or the existing one of that name. */
  public static Value param(GraphBuilder g, String name, TensorData data) {
    return g.initializers().containsKey(name) ? new Value(name) : g.initializer(name, data);
  }

  /**
   * A per-channel vector [C] stored as [C, 1, …, 1] ({@code trailingOnes} ones) under its own
   * name, so it broadcasts over NCHW's channel axis without a Reshape node. Same bytes.
   */
  public static Value channelParam(GraphBuilder g, String name, TensorData data, int trailingOnes) {
    if (g.initializers().containsKey(name)) {
      return new Value(name);
    }
    long[] dims = new long[1 + trailingOnes];
    Arrays.fill(dims, 1);
    dims[0] = data.elements();
    return g.initializer(name, new TensorData(data.type(), dims, data.bytes()));
  }

  /** The initializer name of {@code weightName} transposed to [in, out]. */
  public static String transposedName(String weightName) {
    return weightName + ".T";
  }

  /** {@code x · Wᵀ (+ b)} with W and b read from {@code weights} as {@code prefix.weight}, {@code prefix.bias}. */
  public static Value linear(GraphBuilder g, Value x, Weights weights, String prefix) {
    String b = prefix + ".bias";
    return linear(g, x, prefix + ".weight", weights.get(prefix + ".weight"),
        weights.has(b) ? param(g, b, weights.get(b)) : null);
  }

  /**
   * {@code x [.., in] · Wᵀ + bias} for W stored [out, in] (Hugging Face layout). W is transposed
   * once here, into a [in, out] initializer named {@link #transposedName}, so the graph runs a
   * plain MatMul with no runtime Transpose.
   *
   * @param biasOrNull a [out] value, or null for none
   */
  public static Value linear(GraphBuilder g, Value x, String weightName, TensorData weight, Value biasOrNull) {
    String tName = transposedName(weightName);
    Value wt = g.initializers().containsKey(tName) ? new Value(tName) : g.initializer(tName, transpose2d(weight));
    Value y = g.op("MatMul", x, wt);
    return biasOrNull == null ? y : g.op("Add", y, biasOrNull);
  }

  /** A copy of a 2-D tensor [r, c] as [c, r]; reads {@code t} (which may be mapped) without changing it. */
  public static TensorData transpose2d(TensorData t) {
    long[] d = t.dims();
    if (d.length != 2 || t.type().bits() % 8 != 0) {
      throw new IllegalArgumentException("transpose2d needs a 2-D tensor of whole bytes, got " + t.type() + " "
          + Arrays.toString(d));
    }
    int rows = Math.toIntExact(d[0]);
    int cols = Math.toIntExact(d[1]);
    int es = t.type().bits() / 8;
    ByteBuffer src = t.bytes();
    ByteBuffer dst = ByteBuffer.allocate(Math.toIntExact((long) rows * cols * es)).order(ByteOrder.LITTLE_ENDIAN);
    if (es == 4) {
      // The common fp32 case on int views: bit-exact, and no per-element ByteBuffer call.
      IntBuffer in = src.asIntBuffer();
      IntBuffer out = dst.asIntBuffer();
      int[] row = new int[cols];
      for (int r = 0; r < rows; r++) {
        in.get(r * cols, row);
        for (int c = 0; c < cols; c++) {
          out.put(c * rows + r, row[c]);
        }
      }
    } else {
      byte[] row = new byte[cols * es];
      for (int r = 0; r < rows; r++) {
        src.get(r * cols * es, row);
        for (int c = 0; c < cols; c++) {
          dst.put((c * rows + r) * es, row, c * es, es);
        }
      }
    }
    return new TensorData(t.type(), new long[] {cols, rows}, dst);
  }

  /**
   * RMS normalization over {@code axis}: {@code x / sqrt(mean(x²) + eps) · weight}, decomposed into
   * Mul, ReduceMean (axes as an input, opset 18+), Add, Sqrt, Div, Mul.
   *
   * @param weightOrNull a value broadcasting against x (e.g. [C] for the last axis, [C, 1, 1] for
   *     NCHW's axis 1, see {@link #channelParam}), or null for none
   */
  public static Value rmsNorm(GraphBuilder g, Value x, Value weightOrNull, float eps, long axis) {
    Value meanSq = g.op("ReduceMean", List.of(Attr.i("keepdims", 1)), g.op("Mul", x, x), g.ints(axis));
    Value rms = g.op("Sqrt", g.op("Add", meanSq, g.scalar(eps)));
    Value y = g.op("Div", x, rms);
    return weightOrNull == null ? y : g.op("Mul", y, weightOrNull);
  }

  /** LayerNormalization (opset 17) over the last axis with scale and bias. */
  public static Value layerNorm(GraphBuilder g, Value x, Value scale, Value bias, float eps) {
    return g.op("LayerNormalization", List.of(Attr.i("axis", -1), Attr.f("epsilon", eps)), x, scale, bias);
  }

  /** GELU, tanh approximation: {@code 0.5x(1 + tanh(√(2/π)(x + 0.044715x³)))}. */
  public static Value geluTanh(GraphBuilder g, Value x) {
    Value x3 = g.op("Mul", g.op("Mul", x, x), x);
    Value inner = g.op("Mul", g.op("Add", x, g.op("Mul", x3, g.scalar(0.044715f))),
        g.scalar((float) Math.sqrt(2 / Math.PI)));
    Value onePlus = g.op("Add", g.op("Tanh", inner), g.scalar(1f));
    return g.op("Mul", g.op("Mul", x, g.scalar(0.5f)), onePlus);
  }

  /** GELU, exact: {@code 0.5x(1 + erf(x/√2))}. */
  public static Value geluErf(GraphBuilder g, Value x) {
    Value erf = g.op("Erf", g.op("Mul", x, g.scalar((float) (1 / Math.sqrt(2)))));
    return g.op("Mul", g.op("Mul", x, g.scalar(0.5f)), g.op("Add", erf, g.scalar(1f)));
  }

  /** SiLU: {@code x · sigmoid(x)}. */
  public static Value silu(GraphBuilder g, Value x) {
    return g.op("Mul", x, g.op("Sigmoid", x));
  }

  /**
   * A 2-D convolution over NCHW with weight [out, in/group, kh, kw] (any value, usually an
   * initializer under the weight's name).
   *
   * @param biasOrNull a [out] value, or null for none
   */
  public static Value conv2d(GraphBuilder g, Value x, Value weight, Value biasOrNull, ConvSpec spec) {
    List<AttributeProto> attrs = List.of(Attr.ints("strides", spec.stride(), spec.stride()),
        Attr.ints("pads", spec.pads()), Attr.i("group", spec.group()), Attr.ints("dilations", 1, 1));
    return biasOrNull == null ? g.op("Conv", attrs, x, weight) : g.op("Conv", attrs, x, weight, biasOrNull);
  }

  /** Checks that {@code t} is FLOAT (the graphs here are fp32; quantization happens afterwards). */
  static TensorData requireFloat(String name, TensorData t) {
    if (t.type() != DType.FLOAT) {
      throw new IllegalArgumentException("weight " + name + " is " + t.type() + ", expected FLOAT");
    }
    return t;
  }
}
