/**
 * The plain-Java backend: npu-runtime's reference forwards (the test oracle of the ONNX graphs) behind
 * the same interfaces, {@link cockpit.lm.reference.JavaDecoder}, {@link cockpit.lm.reference.JavaDecoderState}
 * and {@link cockpit.lm.reference.JavaVisionEncoder}. No ONNX Runtime: the dialogue and perception tests
 * run on it, and it runs the tiny and small models anywhere Java does.
 */
package cockpit.lm.reference;
