package cockpit.npu.model;

import cockpit.npu.onnx.DType;

/**
 * Element types of the safetensors format that this project reads and writes, with their header
 * names ({@code "F32"}, …), element sizes, and the ONNX type the bytes are handed out as by
 * {@link SafetensorsWeights#get}: {@code F16} and {@code BF16} are widened to {@link DType#FLOAT}.
 */
public enum SafetensorsDType {
  F32(4, DType.FLOAT), F16(2, DType.FLOAT16), BF16(2, null), I64(8, DType.INT64), I32(4, DType.INT32),
  I16(2, DType.INT16), U16(2, DType.UINT16), U8(1, DType.UINT8), I8(1, DType.INT8), BOOL(1, DType.BOOL);

  private final int size;
  private final DType onnx;

  SafetensorsDType(int size, DType onnx) {
    this.size = size;
    this.onnx = onnx;
  }

  /** Bytes per element. */
  public int size() {
    return size;
  }

  /** Whether {@link SafetensorsWeights#get} converts this type to fp32. */
  public boolean widensToFloat() {
    return this == F16 || this == BF16;
  }

  /** The ONNX type of the stored bytes, or null where ONNX has none in {@link DType} (BF16). */
  public DType onnx() {
    return onnx;
  }

  /** The type named in a header, or an IllegalArgumentException listing the supported ones. */
  public static SafetensorsDType parse(String name) {
    for (SafetensorsDType t : values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("dtype \"" + name + "\" is not supported (supported: "
        + java.util.Arrays.toString(values()) + ")");
  }

  /** The safetensors type that stores {@code type}'s bytes unchanged. */
  public static SafetensorsDType of(DType type) {
    for (SafetensorsDType t : values()) {
      if (t.onnx == type) {
        return t;
      }
    }
    throw new IllegalArgumentException("ONNX type " + type + " has no safetensors dtype");
  }
}
