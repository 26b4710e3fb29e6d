/**
 * VLM cockpit tasks: {@link cockpit.perception.task.PerceptionTask} (prompt, JSON schema, cameras, duty
 * cycle), {@link cockpit.perception.task.TaskRunner} (image → 256 visual tokens in the prompt →
 * schema-constrained JSON → {@code DetectionSet}) and {@link cockpit.perception.task.DetectionMapper}.
 */
package cockpit.perception.task;
