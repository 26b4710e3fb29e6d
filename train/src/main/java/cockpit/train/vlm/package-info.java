/**
 * The VLM training loop: the model joined as the runtime joins it (image rows spliced into the token
 * embeddings), answer-token loss, the curriculum, seeded batches, AdamW with checkpoints and exact
 * resume, validation by greedy constrained decoding, and the training command.
 */
package cockpit.train.vlm;
