package cockpit.dialogue;

import cockpit.dialogue.snapshot.Snapshot;
import java.util.List;
import java.util.Objects;

/**
 * What a session holds at one moment (SessionManager#inspect; on the bus, the transcript queryable).
 * Immutable.
 *
 * @param transcript every message since the session started or was reset
 * @param firstInContext index of the first message still in the model's context (earlier ones were
 *     dropped by compaction)
 * @param prompt the exact text in the decoder state: the system block and the messages still in context,
 *     special tokens included, images as {@code <|image_start|><image>…<|image_end|>}
 * @param contextTokens tokens in the decoder state
 * @param contextLines the context facts as the session last saw them, one line each
 */
public record SessionInspection(String sessionId, String systemPrompt, List<Snapshot.Turn> transcript,
    int firstInContext, String prompt, int contextTokens, List<String> contextLines) {
  public SessionInspection {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    transcript = List.copyOf(transcript);
    Objects.requireNonNull(prompt, "prompt");
    contextLines = List.copyOf(contextLines);
  }
}
