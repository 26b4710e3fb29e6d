package cockpit.npu.deploy;

import java.util.List;
import java.util.Map;

/**
 * What {@link CompatibilityChecker} found in one graph.
 *
 * @param dynamicDims graph inputs/outputs with a symbolic or unknown dimension ("input x dim 0 'batch'")
 * @param unsupportedOps op (with domain if not standard) → node count, for ops outside the HTP list
 * @param floatIslands compute nodes running in float: a float input not from DequantizeLinear, or a
 *     float output not consumed by QuantizeLinear ("op name")
 * @param npuNodes nodes predicted on the NPU
 * @param cpuNodes nodes predicted on the CPU (unsupported, or fed by a dynamic input)
 * @param partitions maximal runs of consecutive NPU nodes (each is one QNN graph; more means more
 *     NPU↔CPU hand-offs)
 */
public record CompatibilityReport(String graph, int nodes, List<String> dynamicDims, Map<String, Integer> unsupportedOps,
    List<String> floatIslands, int npuNodes, int cpuNodes, int partitions) {
  public CompatibilityReport {
    dynamicDims = List.copyOf(dynamicDims);
    unsupportedOps = Map.copyOf(unsupportedOps);
    floatIslands = List.copyOf(floatIslands);
    if (npuNodes + cpuNodes > nodes || npuNodes < 0 || cpuNodes < 0) {
      throw new IllegalArgumentException("partition counts " + npuNodes + " + " + cpuNodes + " exceed " + nodes);
    }
  }

  /** Fully on the NPU: static, every op supported, fully quantized. */
  public boolean npuReady() {
    return dynamicDims.isEmpty() && unsupportedOps.isEmpty() && floatIslands.isEmpty() && cpuNodes == 0;
  }
}
