package cockpit.npu.quant;

import cockpit.npu.onnx.Attr;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.TensorData;
import cockpit.npu.onnx.Value;
import cockpit.npu.onnx.proto.AttributeProto;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Symmetric 4-bit blockwise weights for ONNX Runtime's {@code com.microsoft.MatMulNBits}, packed
 * exactly as MLAS's {@code BlockwiseQuantizer} does (onnxruntime mlas/lib/q4_dq.cpp): the weight
 * W [N, K] (our Hugging Face [out, in] layout, so no transpose) is cut along K into blocks of
 * {@code blockSize}; per block, with v the value of largest magnitude, scale = −v/8 (v maps to
 * −8), q = clamp(roundf(w · (1/scale) + 8), 0, 15); B is uint8 [N, k_blocks, blockSize/2], low
 * nibble first; scales float [N, k_blocks]; no zero points (implicit 8). K is zero-padded to a
 * whole block.
 *
 * @param bytes packed B, {@code n · kBlocks · blockSize/2} bytes
 * @param scales {@code n · kBlocks} block scales (may be negative, by the −v/8 convention)
 */
public record MatMulNBits(int n, int k, int blockSize, byte[] bytes, float[] scales) {
  public static final int BITS = 4;
  private static final int MID = 8;

  public MatMulNBits {
    if (blockSize < 16 || Integer.bitCount(blockSize) != 1) {
      throw new IllegalArgumentException("MatMulNBits block size " + blockSize + " must be a power of two ≥ 16");
    }
    if (n <= 0 || k <= 0) {
      throw new IllegalArgumentException("MatMulNBits needs N, K > 0, got N " + n + ", K " + k);
    }
    int kb = (k + blockSize - 1) / blockSize;
    if (bytes.length != n * kb * blockSize / 2 || scales.length != n * kb) {
      throw new IllegalArgumentException("packed sizes do not fit N " + n + ", K " + k + ", block " + blockSize);
    }
  }

  public int kBlocks() {
    return (k + blockSize - 1) / blockSize;
  }

  /** Quantizes and packs W [n, k] (row-major float). */
  public static MatMulNBits pack(float[] w, int n, int k, int blockSize) {
    if (w.length != n * k) {
      throw new IllegalArgumentException(w.length + " weights do not fill [" + n + ", " + k + "]");
    }
    int kb = (k + blockSize - 1) / blockSize;
    int blob = blockSize / 2;
    byte[] out = new byte[n * kb * blob];
    float[] scales = new float[n * kb];
    for (int r = 0; r < n; r++) {
      for (int b = 0; b < kb; b++) {
        int start = b * blockSize;
        int end = Math.min(k, start + blockSize);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int c = start; c < end; c++) {
          min = Math.min(min, w[r * k + c]);
          max = Math.max(max, w[r * k + c]);
        }
        float v = Math.abs(max) > Math.abs(min) ? max : min;
        float scale = -v / MID;
        scales[r * kb + b] = scale;
        float recip = scale != 0 ? 1.0f / scale : 0.0f;
        for (int c = start; c < start + blockSize; c++) {
          float x = c < end ? w[r * k + c] : 0f;
          int q = (int) Math.max(0, Math.min(15, roundf(x * recip + MID)));
          int at = (r * kb + b) * blob + (c - start) / 2;
          out[at] = (byte) ((c - start) % 2 == 0 ? q : (out[at] & 0x0F) | (q << 4));
        }
      }
    }
    return new MatMulNBits(n, k, blockSize, out, scales);
  }

  /** C's roundf: halves away from zero (Java's Math.round goes up on −x.5). */
  private static float roundf(float x) {
    return Math.signum(x) * (float) Math.floor(Math.abs(x) + 0.5f);
  }

  /** The weight the kernel computes with, [n, k]: (q − 8) · scale. */
  public float[] dequantize() {
    int kb = kBlocks();
    float[] w = new float[n * k];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < k; c++) {
        int b = c / blockSize;
        int in = c % blockSize;
        int packed = bytes[(r * kb + b) * (blockSize / 2) + in / 2] & 0xFF;
        int q = in % 2 == 0 ? packed & 0x0F : packed >>> 4;
        w[r * k + c] = (q - MID) * scales[r * kb + b];
      }
    }
    return w;
  }

  public TensorData bTensor() {
    return new TensorData(DType.UINT8, new long[] {n, kBlocks(), blockSize / 2}, ByteBuffer.wrap(bytes));
  }

  public TensorData scalesTensor() {
    return TensorData.floats(new long[] {n, kBlocks()}, scales);
  }

  /** Stored bytes: packed weights plus fp32 scales. */
  public long storedBytes() {
    return bytes.length + 4L * scales.length;
  }

  /**
   * Adds {@code A [.., K] → [.., N]} as a MatMulNBits node whose B and scales are initializers
   * {@code name.q4} and {@code name.scales} (reused when already present, e.g. by a sibling graph).
   *
   * @param accuracyLevel 0 (unset: fp32 compute on the dequantized block) or 4 (int8 activations)
   */
  public Value addNode(GraphBuilder g, Value a, String name, int accuracyLevel) {
    Value b = g.initializers().containsKey(name + ".q4") ? new Value(name + ".q4") : g.initializer(name + ".q4",
        bTensor());
    Value s = g.initializers().containsKey(name + ".scales") ? new Value(name + ".scales")
        : g.initializer(name + ".scales", scalesTensor());
    List<AttributeProto> attrs = new ArrayList<>(List.of(Attr.i("K", k), Attr.i("N", n), Attr.i("bits", BITS),
        Attr.i("block_size", blockSize)));
    if (accuracyLevel != 0) {
      attrs.add(Attr.i("accuracy_level", accuracyLevel));
    }
    return g.node(GraphBuilder.MS_DOMAIN, "MatMulNBits", attrs, new Value[] {a, b, s}, 1)[0];
  }
}
