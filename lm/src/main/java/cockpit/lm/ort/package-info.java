/**
 * The ONNX Runtime backend: {@link cockpit.lm.ort.OrtDecoder} and {@link cockpit.lm.ort.OrtDecoderState}
 * over npu-runtime's fixed-capacity decoder session, {@link cockpit.lm.ort.OrtVisionEncoder} over
 * {@code vision_encoder.onnx}. ORT's exceptions become {@link cockpit.lm.InferenceException}; its run
 * options hang on the {@link cockpit.lm.CancelHandle} as a hook.
 */
package cockpit.lm.ort;
