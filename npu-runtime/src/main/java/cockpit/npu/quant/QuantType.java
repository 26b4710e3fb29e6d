package cockpit.npu.quant;

import cockpit.npu.onnx.DType;

/**
 * An integer quantization type: its ONNX element type, the full range {@code QuantizeLinear}
 * saturates to, and the range used for symmetric parameters (ONNX Runtime's {@code
 * get_qmin_qmax_for_qType}: signed symmetric types drop the lowest value, e.g. int8 ±127).
 */
public enum QuantType {
  INT4(DType.INT4, -8, 7, true),
  UINT4(DType.UINT4, 0, 15, false),
  INT8(DType.INT8, -128, 127, true),
  UINT8(DType.UINT8, 0, 255, false),
  INT16(DType.INT16, -32768, 32767, true),
  UINT16(DType.UINT16, 0, 65535, false),
  INT32(DType.INT32, Integer.MIN_VALUE, Integer.MAX_VALUE, true);

  private final DType dtype;
  private final int min;
  private final int max;
  private final boolean signed;

  QuantType(DType dtype, int min, int max, boolean signed) {
    this.dtype = dtype;
    this.min = min;
    this.max = max;
    this.signed = signed;
  }

  public DType dtype() {
    return dtype;
  }

  /** Lowest representable value (saturation bound). */
  public int min() {
    return min;
  }

  /** Highest representable value (saturation bound). */
  public int max() {
    return max;
  }

  public boolean signed() {
    return signed;
  }

  /** The qmin used when computing parameters: {@code -max} for signed symmetric, else {@link #min}. */
  public int paramMin(boolean symmetric) {
    return symmetric && signed ? -max : min;
  }

  /** Parses {@code int8}, {@code uint16}, … (case-insensitive). */
  public static QuantType parse(String s) {
    for (QuantType t : values()) {
      if (t.name().equalsIgnoreCase(s.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown quantization type '" + s + "' (int4, uint4, int8, uint8, int16, "
        + "uint16)");
  }
}
