package cockpit.npu.deploy;

import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.proto.GraphProto;
import cockpit.npu.onnx.proto.ModelProto;
import cockpit.npu.onnx.proto.NodeProto;
import cockpit.npu.onnx.proto.TensorProto;
import cockpit.npu.onnx.proto.TensorShapeProto;
import cockpit.npu.onnx.proto.ValueInfoProto;
import cockpit.npu.quant.ValueTypes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Static check of an ONNX graph against what ONNX Runtime's QNN EP can place on the HTP: dynamic
 * dimensions (QNN needs static shapes; nodes fed by them fall back), operators outside the HTP list
 * ({@code htp-ops.txt}, with its source; contrib-domain ops are never in it), float islands (nodes
 * not wrapped in DQ→op→Q), and the predicted NPU/CPU partition. {@code Identity} is not counted: ORT's
 * basic optimizations remove it before partitioning. Reads only the graph, not the weights.
 */
public final class CompatibilityChecker {
  static final String RESOURCE = "htp-ops.txt";
  private static final Set<String> IGNORED = Set.of("Identity");
  private static final Set<String> QDQ = Set.of("QuantizeLinear", "DequantizeLinear");
  private static final Set<String> DATA_MOVEMENT = Set.of("Reshape", "Transpose", "Squeeze", "Unsqueeze", "Slice",
      "Gather", "Split", "Flatten", "MaxPool", "Resize", "Expand", "Concat");
  private final Set<String> ops;

  public CompatibilityChecker(Set<String> htpOps) {
    this.ops = Set.copyOf(htpOps);
  }

  /** The checker over the op list shipped in the resources. */
  public static CompatibilityChecker htp() {
    try (InputStream in = CompatibilityChecker.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the npu-runtime jar");
      }
      Set<String> s = new HashSet<>();
      new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(s::add);
      return new CompatibilityChecker(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Set<String> ops() {
    return ops;
  }

  /** Checks the model file (external weights are not read). */
  public CompatibilityReport check(Path onnx) throws IOException {
    try (InputStream in = Files.newInputStream(onnx)) {
      return check(ModelProto.parseFrom(in).getGraph());
    }
  }

  public CompatibilityReport check(GraphProto g) {
    Map<String, DType> initTypes = new HashMap<>();
    for (TensorProto t : g.getInitializerList()) {
      initTypes.put(t.getName(), DType.ofOnnxId(t.getDataType()));
    }
    Map<String, DType> types = ValueTypes.infer(g.getInputList(), initTypes, g.getNodeList());
    List<String> dynamic = new ArrayList<>();
    Set<String> tainted = new HashSet<>();
    for (ValueInfoProto v : g.getInputList()) {
      if (dynamicDims(v, "input", dynamic)) {
        tainted.add(v.getName());
      }
    }
    for (ValueInfoProto v : g.getOutputList()) {
      dynamicDims(v, "output", dynamic);
    }
    Map<String, List<NodeProto>> consumers = new HashMap<>();
    for (NodeProto n : g.getNodeList()) {
      n.getInputList().forEach(i -> consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n));
    }
    Set<String> onGrid = new HashSet<>();
    Map<String, Integer> unsupported = new TreeMap<>();
    List<String> islands = new ArrayList<>();
    int npu = 0;
    int cpu = 0;
    int partitions = 0;
    boolean inNpuRun = false;
    int counted = 0;
    for (NodeProto n : g.getNodeList()) {
      String op = n.getOpType();
      boolean fromDynamic = n.getInputList().stream().anyMatch(tainted::contains);
      if (fromDynamic) {
        tainted.addAll(n.getOutputList());
      }
      if (IGNORED.contains(op)) {
        if (n.getInputCount() > 0 && onGrid.contains(n.getInput(0))) {
          onGrid.addAll(n.getOutputList());
        }
        continue;
      }
      counted++;
      boolean supported = n.getDomain().isEmpty() && ops.contains(op);
      if (!supported) {
        unsupported.merge(n.getDomain().isEmpty() ? op : n.getDomain() + "." + op, 1, Integer::sum);
      }
      if (supported && !fromDynamic) {
        npu++;
        partitions += inNpuRun ? 0 : 1;
        inNpuRun = true;
      } else {
        cpu++;
        inNpuRun = false;
      }
      if (op.equals("DequantizeLinear")) {
        onGrid.addAll(n.getOutputList());
      } else if (DATA_MOVEMENT.contains(op) && n.getInputCount() > 0 && onGrid.contains(n.getInput(0))) {
        onGrid.addAll(n.getOutputList());
      } else if (!QDQ.contains(op) && isFloatIsland(n, types, onGrid, consumers)) {
        islands.add(op + " " + n.getName());
      }
    }
    return new CompatibilityReport(g.getName(), counted, dynamic, unsupported, islands, npu, cpu, partitions);
  }

  private static boolean isFloatIsland(NodeProto n, Map<String, DType> types, Set<String> onGrid,
      Map<String, List<NodeProto>> consumers) {
    for (String in : n.getInputList()) {
      if (!in.isEmpty() && types.get(in) == DType.FLOAT && !onGrid.contains(in)) {
        return true;
      }
    }
    for (String out : n.getOutputList()) {
      if (types.get(out) == DType.FLOAT && consumers.getOrDefault(out, List.of()).stream()
          .anyMatch(c -> !c.getOpType().equals("QuantizeLinear"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean dynamicDims(ValueInfoProto v, String kind, List<String> out) {
    boolean dynamic = false;
    if (!v.getType().getTensorType().hasShape()) {
      out.add(kind + " " + v.getName() + ": unknown shape");
      return true;
    }
    List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
    for (int i = 0; i < dims.size(); i++) {
      TensorShapeProto.Dimension d = dims.get(i);
      if (!d.hasDimValue()) {
        out.add(kind + " " + v.getName() + " dim " + i + (d.hasDimParam() ? " '" + d.getDimParam() + "'" : " unknown"));
        dynamic = true;
      }
    }
    return dynamic;
  }
}
