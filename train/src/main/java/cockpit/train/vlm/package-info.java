/**
 * The VLM training loop: the model joined as the runtime joins it (image rows spliced into the token
 * embeddings), answer-token loss, the curriculum, seeded batches, AdamW with checkpoints and exact
 * resume, validation loss, the training command ({@link cockpit.train.vlm.VlmTraining}) and the
 * evaluation ({@link cockpit.train.vlm.VlmEval}: greedy constrained answers judged field by field).
 */
package cockpit.train.vlm;
