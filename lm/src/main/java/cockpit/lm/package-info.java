/**
 * Running the language model on a conversation: {@link cockpit.lm.LanguageModel} (a model directory
 * opened on a {@link cockpit.lm.Backend}, with tokenizer, chat format, decoder and
 * {@link cockpit.lm.ModelInfo}), the backend-neutral {@link cockpit.lm.Decoder},
 * {@link cockpit.lm.DecoderState} and {@link cockpit.lm.VisionEncoder} interfaces (no ONNX Runtime type
 * in any signature), the {@link cockpit.lm.CancelHandle}, {@link cockpit.lm.ImageEmbeddings} for image
 * turns, and the decode loop {@link cockpit.lm.Generation}. Every resource shares one lifetime,
 * {@link cockpit.lm.NativeResource}: freed once, never under a call in flight. Each public type states
 * its thread-safety in its Javadoc.
 */
package cockpit.lm;
