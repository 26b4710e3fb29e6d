package cockpit.npu.quant;

import cockpit.npu.onnx.Attr;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.TensorData;
import cockpit.npu.onnx.proto.NodeProto;
import cockpit.npu.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static QDQ quantization of a float graph (ONNX Runtime's QDQ format, opset 21), W8A16 by
 * default: Conv/MatMul/Gemm weights int8 symmetric per channel (Conv axis 0, MatMul axis 1, Gemm 0
 * with transB); their bias int32 with scale s_in·s_w; every other float constant int16 symmetric per
 * tensor; every float activation (graph inputs and compute-node outputs) a Q→DQ pair of the
 * activation type with its calibrated range. Data-movement ops (Reshape, Transpose, Slice, …)
 * keep their input's grid and get no pair, as ORT reuses the input's parameters. Fixed ranges
 * (Qualcomm's convention, ORT {@code get_qnn_qdq_config}): Sigmoid/HardSigmoid output scale
 * 1/65536 zp 0 (int16: 1/32768, 0), Tanh 1/32768 zp 32768 (int16: zp 0). Rewrites in place.
 */
public final class QdqQuantizer {
  /** Options: activation type (UINT16 or INT16 for A16, UINT8 for A8), weight type, calibration method. */
  public record Options(QuantType activations, QuantType weights, Calibration.Method method) {
    public Options {
      if (activations == QuantType.INT32 || weights == QuantType.INT32) {
        throw new IllegalArgumentException("int32 is for biases only");
      }
    }

    public static Options w8a16() {
      return new Options(QuantType.UINT16, QuantType.INT8, Calibration.Method.MINMAX);
    }
  }

  static final Set<String> PASSTHROUGH = Set.of("Reshape", "Transpose", "Squeeze", "Unsqueeze", "Slice", "Gather",
      "Split", "Flatten", "MaxPool", "Resize", "Identity", "Expand");
  private static final Set<String> WEIGHTED = Set.of("Conv", "MatMul", "Gemm");

  private final GraphBuilder g;
  private final Options options;
  private final Map<String, Calibration> ranges;
  private final Map<String, DType> types;
  private final Map<String, QuantParams> params = new HashMap<>();
  private final Map<String, String> dq = new HashMap<>();
  private final List<NodeProto> out = new ArrayList<>();

  private QdqQuantizer(GraphBuilder g, Map<String, Calibration> ranges, Options options) {
    this.g = g;
    this.ranges = ranges;
    this.options = options;
    this.types = ValueTypes.infer(g);
  }

  /** The tensors whose ranges {@link #quantize} needs: float graph inputs and compute-node outputs. */
  public static List<String> activations(GraphBuilder g) {
    Map<String, DType> t = ValueTypes.infer(g);
    List<String> names = new ArrayList<>();
    for (ValueInfoProto v : g.inputs()) {
      if (t.get(v.getName()) == DType.FLOAT) {
        names.add(v.getName());
      }
    }
    for (NodeProto n : g.nodes()) {
      if (!PASSTHROUGH.contains(n.getOpType())) {
        n.getOutputList().stream().filter(o -> t.get(o) == DType.FLOAT).forEach(names::add);
      }
    }
    return names;
  }

  /**
   * Quantizes {@code g} in place with the calibrated {@code ranges} (from {@link ActivationCollector}
   * over {@link #activations}); returns the Q→DQ pairs added, keyed by the float tensor name, each
   * mapped to its DequantizeLinear output (per-layer reports expose those).
   */
  public static Map<String, String> quantize(GraphBuilder g, Map<String, Calibration> ranges, Options options) {
    QdqQuantizer q = new QdqQuantizer(g, ranges, options);
    q.run();
    return Map.copyOf(q.dq);
  }

  private void run() {
    for (ValueInfoProto v : g.inputs()) {
      if (types.get(v.getName()) == DType.FLOAT) {
        pair(v.getName(), activationParams(v.getName(), null));
      }
    }
    Set<String> weightsDone = new java.util.HashSet<>();
    for (NodeProto n : g.nodes()) {
      NodeProto.Builder b = n.toBuilder().clearInput();
      for (int i = 0; i < n.getInputCount(); i++) {
        b.addInput(input(n, i, weightsDone));
      }
      out.add(b.build());
      String first = n.getInputCount() > 0 ? n.getInput(0) : "";
      for (String o : n.getOutputList()) {
        if (types.get(o) != DType.FLOAT) {
          continue;
        }
        if (PASSTHROUGH.contains(n.getOpType())) {
          if (params.containsKey(first)) {
            params.put(o, params.get(first));
          }
        } else {
          pair(o, activationParams(o, n.getOpType()));
        }
      }
    }
    g.replaceNodes(out);
    for (String w : weightsDone) {
      if (out.stream().noneMatch(n -> n.getInputList().contains(w))) {
        g.removeInitializer(w);
      }
    }
  }

  /** The value node {@code n} reads at input {@code i} after quantization. */
  private String input(NodeProto n, int i, Set<String> weightsDone) {
    String name = n.getInput(i);
    TensorData init = g.initializers().get(name);
    if (init == null || init.type() != DType.FLOAT) {
      return dq.getOrDefault(name, name);
    }
    if (PASSTHROUGH.contains(n.getOpType()) && i > 0) {
      return name; // shape-like operands (Resize scales, …) stay exact
    }
    weightsDone.add(name);
    boolean weighted = WEIGHTED.contains(n.getOpType());
    if (weighted && i == 1) {
      return constant(name, init, weightAxis(n, init), options.weights());
    }
    if (weighted && i == 2) {
      return bias(n, name, init);
    }
    return constant(name, init, -1, QuantType.INT16);
  }

  private int weightAxis(NodeProto n, TensorData w) {
    return switch (n.getOpType()) {
      case "Conv" -> 0;
      case "Gemm" -> n.getAttributeList().stream().anyMatch(a -> a.getName().equals("transB") && a.getI() == 1) ? 0 : 1;
      default -> w.dims().length == 2 ? 1 : -1;
    };
  }

  private QuantParams weightParams(NodeProto n) {
    TensorData w = g.initializers().get(n.getInput(1));
    return w == null || w.type() != DType.FLOAT ? null
        : Quantizer.weightParams(Quantizer.floats(w), w.dims(), weightAxis(n, w), options.weights(), true);
  }

  private String bias(NodeProto n, String name, TensorData b) {
    QuantParams in = params.get(n.getInput(0));
    QuantParams w = weightParams(n);
    if (in == null || w == null || in.perChannel()) {
      return constant(name, b, -1, QuantType.INT16);
    }
    QuantParams p = Quantizer.biasParams(in.scale(0), w);
    return dequantizeConstant(name + "_i32", Quantizer.quantize(Quantizer.floats(b), b.dims(), p), b.dims(), p);
  }

  private String constant(String name, TensorData t, int axis, QuantType type) {
    float[] v = Quantizer.floats(t);
    QuantParams p = Quantizer.weightParams(v, t.dims(), axis, type, true);
    return dequantizeConstant(name + "_q", Quantizer.quantize(v, t.dims(), p), t.dims(), p);
  }

  private String dequantizeConstant(String qName, int[] q, long[] dims, QuantParams p) {
    String dqOut = qName + "_dq";
    if (!g.initializers().containsKey(qName)) {
      g.initializer(qName, Quantizer.pack(q, dims, p.type()));
      g.initializer(qName + "_scale", Quantizer.scaleTensor(p));
      g.initializer(qName + "_zp", Quantizer.zeroPointTensor(p));
      out.add(dqNode(qName, qName + "_scale", qName + "_zp", dqOut, p));
    }
    return dqOut;
  }

  private QuantParams activationParams(String tensor, String opType) {
    QuantType a = options.activations();
    if ("Sigmoid".equals(opType) || "HardSigmoid".equals(opType)) {
      return QuantParams.fixed(a, 1f / (a.max() + 1), 0); // [0, 1): uint16 1/65536, int16 1/32768
    }
    if ("Tanh".equals(opType)) { // (−1, 1): uint16 1/32768 zp 32768, int16 1/32768 zp 0
      return QuantParams.fixed(a, (a.signed() ? 1f : 2f) / (a.max() + 1), a.signed() ? 0 : (a.max() + 1) / 2);
    }
    Calibration c = ranges.get(tensor);
    if (c == null) {
      throw new IllegalArgumentException("no calibration range for activation " + tensor + "; collect "
          + "QdqQuantizer.activations(graph) first");
    }
    double[] r = c.range(options.method(), a);
    return QuantParams.ofRange(r[0], r[1], a, false);
  }

  private void pair(String tensor, QuantParams p) {
    String s = tensor + "_act_scale";
    String z = tensor + "_act_zp";
    g.initializer(s, Quantizer.scaleTensor(p));
    g.initializer(z, Quantizer.zeroPointTensor(p));
    String q = g.freshName(tensor + "_q");
    String d = g.freshName(tensor + "_dq");
    out.add(NodeProto.newBuilder().setOpType("QuantizeLinear").setName(g.freshName("Q")).addInput(tensor).addInput(s)
        .addInput(z).addOutput(q).build());
    out.add(dqNode(q, s, z, d, p));
    params.put(tensor, p);
    dq.put(tensor, d);
  }

  private NodeProto dqNode(String in, String scale, String zp, String outName, QuantParams p) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType("DequantizeLinear").setName(g.freshName("DQ"))
        .addInput(in).addInput(scale).addInput(zp).addOutput(outName);
    if (p.perChannel()) {
      n.addAttribute(Attr.i("axis", p.axis()));
    }
    return n.build();
  }
}
