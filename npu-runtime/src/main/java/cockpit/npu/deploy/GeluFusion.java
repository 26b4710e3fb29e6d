package cockpit.npu.deploy;

import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.proto.NodeProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses the exact-GELU pattern {@code GraphOps.geluErf} writes — {@code Mul(Mul(x, ½), Add(Erf(Mul(x,
 * 1/√2)), 1))} — into one opset-20 {@code Gelu} node, as ONNX Runtime's {@code qnn_preprocess_model}
 * does: the HTP op list has Gelu but not Erf. Run on the float graph before calibration.
 */
public final class GeluFusion {
  private GeluFusion() {}

  /** Rewrites {@code g} in place; returns how many GELUs were fused. */
  public static int apply(GraphBuilder g) {
    Map<String, NodeProto> producer = new HashMap<>();
    Map<String, Integer> uses = new HashMap<>();
    for (NodeProto n : g.nodes()) {
      n.getOutputList().forEach(o -> producer.put(o, n));
      n.getInputList().forEach(i -> uses.merge(i, 1, Integer::sum));
    }
    Set<NodeProto> dead = new HashSet<>();
    Map<NodeProto, NodeProto> replace = new HashMap<>();
    for (NodeProto erf : g.nodes()) {
      if (!erf.getOpType().equals("Erf")) {
        continue;
      }
      NodeProto scaled = producer.get(erf.getInput(0));
      if (scaled == null || !scaled.getOpType().equals("Mul") || !isScalar(g, scaled.getInput(1), 1 / Math.sqrt(2))) {
        continue;
      }
      String x = scaled.getInput(0);
      NodeProto add = consumer(g, erf.getOutput(0), "Add");
      NodeProto mul = add == null ? null : consumer(g, add.getOutput(0), "Mul");
      if (add == null || mul == null || !isScalar(g, other(add, erf.getOutput(0)), 1)) {
        continue;
      }
      NodeProto half = producer.get(other(mul, add.getOutput(0)));
      if (half == null || !half.getOpType().equals("Mul") || !half.getInput(0).equals(x)
          || !isScalar(g, half.getInput(1), 0.5)) {
        continue;
      }
      // An intermediate used elsewhere must survive: leave such a pattern alone.
      if (List.of(scaled, erf, add, half).stream().anyMatch(n -> uses.getOrDefault(n.getOutput(0), 0) != 1)) {
        continue;
      }
      dead.addAll(List.of(scaled, erf, add, half));
      replace.put(mul, NodeProto.newBuilder().setOpType("Gelu").setName(mul.getName() + "_gelu").addInput(x)
          .addOutput(mul.getOutput(0)).build());
    }
    List<NodeProto> out = new ArrayList<>();
    for (NodeProto n : g.nodes()) {
      if (!dead.contains(n)) {
        out.add(replace.getOrDefault(n, n));
      }
    }
    g.replaceNodes(out);
    return replace.size();
  }

  private static NodeProto consumer(GraphBuilder g, String value, String op) {
    return g.nodes().stream().filter(n -> n.getOpType().equals(op) && n.getInputList().contains(value)).findFirst()
        .orElse(null);
  }

  private static String other(NodeProto binary, String one) {
    return binary.getInput(0).equals(one) ? binary.getInput(1) : binary.getInput(0);
  }

  private static boolean isScalar(GraphBuilder g, String name, double value) {
    var t = g.initializers().get(name);
    return t != null && t.elements() == 1 && t.type() == cockpit.npu.onnx.DType.FLOAT
        && Math.abs(t.bytes().getFloat(0) - value) < 1e-6;
  }
}
