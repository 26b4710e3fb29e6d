package cockpit.npu.graph;

/**
 * Decoder state I/O conventions (MODEL.md "Decoder ONNX graphs").
 *
 * <ul>
 *   <li>{@link #INTEROP}: the public LFM2 ONNX convention, dynamic shapes, growing KV.
 *   <li>{@link #FIXED}: static shapes, KV buffers of the full context updated in place by
 *       GroupQueryAttention (past and present bound to one tensor), fixed-size prefill chunks.
 *   <li>{@link #NPU}: static shapes with attention decomposed into standard ops ({@link
 *       StaticAttention}): the fixed-capacity cache is an input, only the chunk's new KV rows are
 *       outputs, the causal mask an input; no contrib ops, no Shape ops (QNN/HTP-friendly).
 * </ul>
 */
public enum DecoderFlavour {
  INTEROP, FIXED, NPU
}
