package cockpit.npu.deploy;

/**
 * An NPU as the cost model sees it: peak int8 throughput, memory bandwidth, and how much of each
 * a real W8A16/W4A16 graph reaches. Defaults ({@link #sa8295p}) with their sources:
 *
 * <ul>
 *   <li>{@code int8Tops} 30 — Snapdragon SA8295P "30 TOPS" (dapalm.com, most quoted; e-com-net says
 *       40~50; unverified, anchors.md §4). TOPS are int8; there is no int4 compute.
 *   <li>{@code bandwidthGbs} 67 — derived: 8 × 16-bit LPDDR4X at ≈ 4186 MT/s = 128 bit × 4186 MT/s / 8
 *       (e-com-net.com/article/1714844676231606272.htm; anchors.md §4; memory type unverified).
 *   <li>{@code a16Factor} 0.5 — assumption: 16-bit activations run the HMX at half the int8 MAC rate
 *       (8×16 vs 8×8 multipliers); weights of 4 bits are unpacked to 8 and do not speed compute.
 *   <li>{@code computeEfficiency} 0.3, {@code bandwidthEfficiency} 0.5 — assumptions: fraction of peak
 *       reached by a whole graph (layout changes, small ops, DMA overlap). anchors.md §4 derives that
 *       AutoNeural's 44 tok/s is ≈ 45 % of the bandwidth ceiling, which is where 0.5 comes from.
 * </ul>
 */
public record NpuSpec(String name, double int8Tops, double bandwidthGbs, double a16Factor, double computeEfficiency,
    double bandwidthEfficiency) {
  public NpuSpec {
    if (!(int8Tops > 0) || !(bandwidthGbs > 0)) {
      throw new IllegalArgumentException("TOPS and bandwidth must be positive, got " + int8Tops + ", " + bandwidthGbs);
    }
    for (double f : new double[] {a16Factor, computeEfficiency, bandwidthEfficiency}) {
      if (!(f > 0 && f <= 1)) {
        throw new IllegalArgumentException("factors and efficiencies must be in (0, 1], got " + f);
      }
    }
  }

  /** The SA8295P-class defaults above. */
  public static NpuSpec sa8295p() {
    return new NpuSpec("SA8295P-class (Hexagon V68)", 30, 67, 0.5, 0.3, 0.5);
  }

  /** Effective operations per second for W·A16 graphs. */
  public double effectiveOps() {
    return int8Tops * 1e12 * a16Factor * computeEfficiency;
  }

  /** Effective bytes per second. */
  public double effectiveBytes() {
    return bandwidthGbs * 1e9 * bandwidthEfficiency;
  }

  /** Roofline time of a step that does {@code flops} and moves {@code bytes}: the slower of the two. */
  public double seconds(double flops, double bytes) {
    return Math.max(flops / effectiveOps(), bytes / effectiveBytes());
  }
}
