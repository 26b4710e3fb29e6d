/**
 * The project's own byte-level BPE tokenizer: {@link cockpit.train.tokenizer.BpeTrainer} learns merges
 * from a corpus, {@link cockpit.train.tokenizer.Bpe} holds the vocabulary (LFM2's special tokens at
 * their released ids, 256 byte tokens, learned tokens) and encodes with the Hugging Face BPE
 * semantics, {@link cockpit.train.tokenizer.TokenizerTraining} writes the Hugging Face files through
 * {@code cockpit.npu.model.TokenizerFiles}. Tests hold our encoder against the tokenizers library.
 */
package cockpit.train.tokenizer;
