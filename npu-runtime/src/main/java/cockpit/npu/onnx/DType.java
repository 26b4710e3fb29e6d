package cockpit.npu.onnx;

/** ONNX tensor element types the project uses, with their TensorProto ids and storage bits. */
public enum DType {
  FLOAT(1, 32), UINT8(2, 8), INT8(3, 8), UINT16(4, 16), INT16(5, 16), INT32(6, 32), INT64(7, 64), BOOL(9, 8),
  FLOAT16(10, 16), UINT4(21, 4), INT4(22, 4);

  private final int onnxId;
  private final int bits;

  DType(int onnxId, int bits) {
    this.onnxId = onnxId;
    this.bits = bits;
  }

  /** The type with TensorProto id {@code id}. */
  public static DType ofOnnxId(int id) {
    for (DType t : values()) {
      if (t.onnxId == id) {
        return t;
      }
    }
    throw new IllegalArgumentException("ONNX element type " + id + " is not one the project uses");
  }

  public int onnxId() {
    return onnxId;
  }

  public int bits() {
    return bits;
  }

  /** Bytes needed for {@code elements} values (4-bit types pack two per byte, rounded up). */
  public long bytes(long elements) {
    return (elements * bits + 7) / 8;
  }
}
