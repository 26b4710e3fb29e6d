package cockpit.npu.onnx;

import cockpit.npu.onnx.proto.AttributeProto;
import cockpit.npu.onnx.proto.GraphProto;
import cockpit.npu.onnx.proto.NodeProto;
import cockpit.npu.onnx.proto.TensorShapeProto;
import cockpit.npu.onnx.proto.TypeProto;
import cockpit.npu.onnx.proto.ValueInfoProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Builds one ONNX graph: typed inputs and outputs, initializers (kept as {@link TensorData}, written
 * later by {@link ModelWriter}), and nodes. Not thread-safe; one builder per graph.
 *
 * <pre>{@code
 * GraphBuilder g = new GraphBuilder("decoder");
 * Value x = g.input("x", DType.FLOAT, "batch", 64);
 * Value w = g.initializer("w", TensorData.floats(new long[] {64, 64}, weights));
 * g.output(g.op("MatMul", x, w), "y", DType.FLOAT, "batch", 64);
 * }</pre>
 */
public final class GraphBuilder {
  public static final String MS_DOMAIN = "com.microsoft";

  private final String name;
  private final List<ValueInfoProto> inputs = new ArrayList<>();
  private final List<ValueInfoProto> outputs = new ArrayList<>();
  private final List<NodeProto> nodes = new ArrayList<>();
  private final Map<String, TensorData> initializers = new LinkedHashMap<>();
  private final Set<String> names = new HashSet<>();
  private final Map<String, Value> constants = new LinkedHashMap<>();
  private int counter;

  public GraphBuilder(String name) {
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Declares a graph input; each dim is a Long/Integer (fixed) or a String (symbolic). */
  public Value input(String inputName, DType type, Object... dims) {
    claim(inputName);
    inputs.add(valueInfo(inputName, type, dims));
    return new Value(inputName);
  }

  /** Exposes {@code v} as graph output {@code outputName} (adds an Identity when the names differ). */
  public Value output(Value v, String outputName, DType type, Object... dims) {
    Value out = v;
    if (!v.name().equals(outputName)) {
      claim(outputName);
      nodes.add(NodeProto.newBuilder().setOpType("Identity").setName("out_" + outputName).addInput(v.name())
          .addOutput(outputName).build());
      out = new Value(outputName);
    }
    outputs.add(valueInfo(outputName, type, dims));
    return out;
  }

  /** Adds a named initializer. */
  public Value initializer(String initName, TensorData data) {
    claim(initName);
    return addInitializer(initName, data);
  }

  private Value addInitializer(String initName, TensorData data) {
    initializers.put(initName, data);
    return new Value(initName);
  }

  /** A constant int64 vector (deduplicated), for shapes, axes and indices. */
  public Value ints(long... values) {
    String key = "i64:" + java.util.Arrays.toString(values);
    return constants.computeIfAbsent(key, k -> addInitializer(fresh("c_i64"),
        TensorData.longs(new long[] {values.length}, values)));
  }

  /** A constant int64 scalar (deduplicated). */
  public Value scalarInt(long value) {
    return constants.computeIfAbsent("i64s:" + value, k -> addInitializer(fresh("c_i64s"),
        TensorData.longs(new long[0], value)));
  }

  /** A constant float scalar (deduplicated). */
  public Value scalar(float value) {
    return constants.computeIfAbsent("f32:" + Float.floatToIntBits(value), k -> addInitializer(fresh("c_f32"),
        TensorData.floats(new long[0], value)));
  }

  /** A standard-domain node with one output. */
  public Value op(String opType, Value... in) {
    return node("", opType, List.of(), in, 1)[0];
  }

  /** A standard-domain node with one output and attributes. */
  public Value op(String opType, List<AttributeProto> attrs, Value... in) {
    return node("", opType, attrs, in, 1)[0];
  }

  /** A node in {@code domain} ("" standard, {@link #MS_DOMAIN} contrib) with {@code outputs} outputs. */
  public Value[] node(String domain, String opType, List<AttributeProto> attrs, Value[] in, int outputCount) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(fresh(opType));
    if (!domain.isEmpty()) {
      n.setDomain(domain);
    }
    for (Value v : in) {
      n.addInput(v.name());
    }
    Value[] out = new Value[outputCount];
    for (int i = 0; i < outputCount; i++) {
      out[i] = new Value(fresh(opType.toLowerCase(java.util.Locale.ROOT) + "_o" + i));
      n.addOutput(out[i].name());
    }
    n.addAllAttribute(attrs);
    nodes.add(n.build());
    return out;
  }

  /** Same as {@link #node} but writing into caller-chosen output names (graph outputs, state). */
  public void nodeInto(String domain, String opType, List<AttributeProto> attrs, Value[] in, String... outNames) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(opType).setName(fresh(opType));
    if (!domain.isEmpty()) {
      n.setDomain(domain);
    }
    for (Value v : in) {
      n.addInput(v.name());
    }
    for (String o : outNames) {
      claim(o);
      n.addOutput(o);
    }
    n.addAllAttribute(attrs);
    nodes.add(n.build());
  }

  /** Declares the type of an output produced by {@link #nodeInto}. */
  public void declareOutput(String outputName, DType type, Object... dims) {
    outputs.add(valueInfo(outputName, type, dims));
  }

  public Map<String, TensorData> initializers() {
    return java.util.Collections.unmodifiableMap(initializers);
  }

  /** The graph without initializer data (the writer adds it, inline or external). */
  GraphProto toProtoWithoutInitializers() {
    return GraphProto.newBuilder().setName(name).addAllInput(inputs).addAllOutput(outputs).addAllNode(nodes)
        .build();
  }

  public int nodeCount() {
    return nodes.size();
  }

  /** An independent copy (same initializer data, which is immutable) named {@code newName}. */
  public GraphBuilder copy(String newName) {
    GraphBuilder c = new GraphBuilder(newName);
    c.inputs.addAll(inputs);
    c.outputs.addAll(outputs);
    c.nodes.addAll(nodes);
    c.initializers.putAll(initializers);
    c.names.addAll(names);
    c.constants.putAll(constants);
    c.counter = counter;
    return c;
  }

  /** The nodes so far, in order (read-only view), for graph rewriters such as the quantizer. */
  public List<NodeProto> nodes() {
    return java.util.Collections.unmodifiableList(nodes);
  }

  /** Replaces every node (a rewriter's result); names the new nodes use are claimed. */
  public void replaceNodes(List<NodeProto> newNodes) {
    for (NodeProto n : newNodes) {
      names.addAll(n.getOutputList());
    }
    nodes.clear();
    nodes.addAll(newNodes);
  }

  /** Drops an initializer no node reads any more (after a rewrite replaced it). */
  public void removeInitializer(String initName) {
    if (initializers.remove(initName) == null) {
      throw new IllegalArgumentException("graph " + name + " has no initializer " + initName);
    }
  }

  /** Graph inputs and outputs as declared (read-only views). */
  public List<ValueInfoProto> inputs() {
    return java.util.Collections.unmodifiableList(inputs);
  }

  public List<ValueInfoProto> outputs() {
    return java.util.Collections.unmodifiableList(outputs);
  }

  /**
   * Exposes an intermediate value as an extra graph output of element type {@code type} and
   * unknown shape (calibration and per-layer error reports read them).
   */
  public void exposeOutput(String valueName, DType type) {
    outputs.add(ValueInfoProto.newBuilder().setName(valueName).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(type.onnxId()))).build());
  }

  /**
   * Replaces symbolic dimensions of the graph inputs and outputs by fixed sizes ({@code "batch" → 1}),
   * the static shapes an NPU compiler needs; names not in {@code sizes} stay symbolic.
   */
  public void pinDims(Map<String, Long> sizes) {
    java.util.function.UnaryOperator<ValueInfoProto> pin = v -> {
      ValueInfoProto.Builder b = v.toBuilder();
      TensorShapeProto.Builder shape = b.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
      for (TensorShapeProto.Dimension.Builder d : shape.getDimBuilderList()) {
        if (d.hasDimParam() && sizes.containsKey(d.getDimParam())) {
          d.setDimValue(sizes.get(d.getDimParam()));
        }
      }
      return b.build();
    };
    inputs.replaceAll(pin);
    outputs.replaceAll(pin);
  }

  /** A fresh unique value name starting with {@code prefix}. */
  public String freshName(String prefix) {
    return fresh(prefix);
  }

  private String fresh(String prefix) {
    String n;
    do {
      n = prefix + "_" + (counter++);
    } while (names.contains(n));
    names.add(n);
    return n;
  }

  private void claim(String n) {
    if (!names.add(n)) {
      throw new IllegalArgumentException("graph " + name + " already has a value named " + n);
    }
  }

  private static ValueInfoProto valueInfo(String n, DType type, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (d instanceof Number num) {
        dim.setDimValue(num.longValue());
      } else if (d instanceof String s) {
        dim.setDimParam(s);
      } else {
        throw new IllegalArgumentException("dimension " + d + " of " + n + " is neither a number nor a name");
      }
      shape.addDim(dim);
    }
    return ValueInfoProto.newBuilder().setName(n).setType(TypeProto.newBuilder().setTensorType(
        TypeProto.Tensor.newBuilder().setElemType(type.onnxId()).setShape(shape))).build();
  }
}
