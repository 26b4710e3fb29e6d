"""Independent MatMulNBits packing reference: ONNX Runtime's own C++ quantizer (the one its
MatMulNBitsQuantizer tool calls), run on a weight written by the Java test.

usage: matmul_nbits_ref.py WEIGHT_F32LE N K BLOCK OUT
  WEIGHT_F32LE  W [N, K] float32 little-endian (our [out, in] layout)
  OUT           packed B uint8 [N, ceil(K/BLOCK), BLOCK/2], then scales float32 LE [N, ceil(K/BLOCK)]
"""
import sys

import numpy as np
from onnxruntime.capi._pybind_state import quantize_matmul_4bits


def main() -> None:
    src, n, k, block, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    w = np.fromfile(src, dtype="<f4").reshape(n, k)
    b = np.ascontiguousarray(w.T)  # the MatMul B operand [K, N], as matmul_nbits_quantizer.py passes it
    k_blocks = (k + block - 1) // block
    packed = np.zeros((n, k_blocks, block // 2), dtype="uint8")
    scales = np.zeros(n * k_blocks, dtype="float32")
    zero_points = np.zeros(n * ((k_blocks + 1) // 2), dtype="uint8")
    quantize_matmul_4bits(packed, b, scales, zero_points, block, n, k, True)
    with open(out, "wb") as f:
        f.write(packed.tobytes())
        f.write(scales.astype("<f4").tobytes())


if __name__ == "__main__":
    main()
