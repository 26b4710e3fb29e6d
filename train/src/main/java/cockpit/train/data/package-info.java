/**
 * The training data generator: seeded perception examples from sim's sampler and renderer (frame
 * letterboxed by perception's preprocessor, the ideal answer from the ground truth in the task's
 * schema, prompt and answer ids through perception's {@code TaskFormat}), the train / validation /
 * held-out splits, and the tokenizer corpus.
 */
package cockpit.train.data;
