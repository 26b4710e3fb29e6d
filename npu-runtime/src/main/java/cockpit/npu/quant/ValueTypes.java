package cockpit.npu.quant;

import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.proto.AttributeProto;
import cockpit.npu.onnx.proto.NodeProto;
import cockpit.npu.onnx.proto.ValueInfoProto;
import java.util.HashMap;
import java.util.Map;

/**
 * Element types of every value in a graph, propagated forward from inputs and initializers with
 * the few rules our graphs need (shape ops give int64, comparisons bool, Cast its target, Q/DQ
 * their integer/float sides; everything else the type of its first input). Used to tell which
 * tensors carry float activations.
 */
public final class ValueTypes {
  private ValueTypes() {}

  public static Map<String, DType> infer(GraphBuilder g) {
    Map<String, DType> inits = new HashMap<>();
    g.initializers().forEach((n, d) -> inits.put(n, d.type()));
    return infer(g.inputs(), inits, g.nodes());
  }

  /** The same over a parsed graph's inputs, initializer types and nodes. */
  public static Map<String, DType> infer(java.util.List<ValueInfoProto> inputs, Map<String, DType> initializers,
      java.util.List<NodeProto> nodes) {
    Map<String, DType> t = new HashMap<>(initializers);
    for (ValueInfoProto v : inputs) {
      t.put(v.getName(), DType.ofOnnxId(v.getType().getTensorType().getElemType()));
    }
    for (NodeProto n : nodes) {
      DType out = switch (n.getOpType()) {
        case "Shape", "Size", "NonZero", "ArgMax", "ArgMin", "Range" -> n.getOpType().equals("Range")
            ? t.getOrDefault(n.getInput(0), DType.INT64) : DType.INT64;
        case "Cast" -> DType.ofOnnxId((int) attr(n, "to"));
        case "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or", "Not", "IsNaN" -> DType.BOOL;
        case "QuantizeLinear" -> n.getInputCount() > 2 ? t.get(n.getInput(2)) : DType.UINT8;
        case "DequantizeLinear", "MatMulNBits", "GroupQueryAttention", "ConstantOfShape" -> DType.FLOAT;
        case "Where" -> t.get(n.getInput(1));
        default -> n.getInputCount() == 0 ? DType.FLOAT : t.get(n.getInput(0));
      };
      for (String o : n.getOutputList()) {
        if (!o.isEmpty()) {
          t.put(o, out);
        }
      }
    }
    return t;
  }

  private static long attr(NodeProto n, String name) {
    for (AttributeProto a : n.getAttributeList()) {
      if (a.getName().equals(name)) {
        return a.getI();
      }
    }
    throw new IllegalArgumentException(n.getOpType() + " node " + n.getName() + " lacks attribute " + name);
  }
}
