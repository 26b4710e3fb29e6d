/**
 * The training data generator: seeded perception examples from sim's sampler and renderer (frame
 * letterboxed by perception's preprocessor, the runtime's prompt ids, the ideal answer from the ground
 * truth in the task's schema), the train / validation / held-out splits, and the tokenizer corpus.
 */
package cockpit.train.data;
