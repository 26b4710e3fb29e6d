/**
 * The text side of the trainer in DJL: {@link cockpit.train.text.Lfm2Decoder} is the LFM2 hybrid
 * decoder with the ONNX graph's exact math and LFM2's cache semantics ({@link cockpit.train.text.DecoderCache}).
 */
package cockpit.train.text;
