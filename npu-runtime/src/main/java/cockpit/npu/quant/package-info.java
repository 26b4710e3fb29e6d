/**
 * Quantization of the project's own ONNX graphs for integer NPU deployment: int4/int8/int16
 * quantize and dequantize with per-tensor or per-channel scales ({@link QuantParams}, {@link
 * Quantizer}), calibration of activation ranges ({@link Calibration}, {@link ActivationCollector}),
 * MatMulNBits packing and the W4A16 decoder ({@link MatMulNBits}, {@link W4A16Decoder}), W8A16 QDQ
 * vision encoders ({@link QdqQuantizer}) and the float-vs-quantized error metrics ({@link
 * ErrorStats}). Conventions follow ONNX Runtime's quantization tooling (see {@code
 * ../shared/reference/onnxruntime.md} §7–8). Everything here is stateless or single-use and not
 * thread-safe; nothing prints.
 */
package cockpit.npu.quant;
