/**
 * VLM cockpit tasks: {@link cockpit.perception.task.PerceptionTask} (question, JSON schema, cameras, duty
 * cycle), {@link cockpit.perception.task.TaskFormat} (the token layout of a task turn, shared with the
 * trainer), {@link cockpit.perception.task.TaskRunner} (image → visual tokens in the prompt →
 * schema-constrained JSON with a token trace → {@code DetectionSet}),
 * {@link cockpit.perception.task.AnswerConfidence} (token probabilities → confidence per answer item) and
 * {@link cockpit.perception.task.DetectionMapper}.
 */
package cockpit.perception.task;
