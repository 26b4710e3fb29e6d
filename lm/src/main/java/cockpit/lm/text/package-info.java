/**
 * Text in and out of the decoder: {@link cockpit.lm.text.Tokenizer} (a Hugging Face
 * {@code tokenizer.json} through DJL's native tokenizers, with injection-safe encoding of user
 * text), {@link cockpit.lm.text.StreamDecoder} (token-by-token detokenization that never
 * splits a character) and {@link cockpit.lm.text.ChatFormat} (LFM2's ChatML turns as token
 * ids, and the same text as the model's Jinja chat template renders).
 */
package cockpit.lm.text;
