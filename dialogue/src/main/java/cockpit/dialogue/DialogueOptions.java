package cockpit.dialogue;

import cockpit.lm.generate.SamplingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Dialogue configuration.
 *
 * @param maxSessions sessions resident in memory; more evict the least recently used to disk
 * @param memoryBudgetBytes bytes of decoder state resident sessions may hold in total
 * @param idleExpiry a session idle this long is evicted to disk (its snapshot stays)
 * @param snapshotEachTurn snapshot after every completed turn (survives kill -9)
 * @param snapshotDir where snapshots live
 * @param maxUtteranceChars longer utterances are refused with an error reply
 * @param sampling defaults for every session (a SessionControl may override per session)
 * @param systemPrompt default system prompt of new sessions
 */
public record DialogueOptions(int maxSessions, long memoryBudgetBytes, Duration idleExpiry, boolean snapshotEachTurn,
    Path snapshotDir, int maxUtteranceChars, SamplingOptions sampling, String systemPrompt) {
  public DialogueOptions {
    Objects.requireNonNull(idleExpiry, "idleExpiry");
    Objects.requireNonNull(snapshotDir, "snapshotDir");
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    if (maxSessions <= 0 || memoryBudgetBytes <= 0 || maxUtteranceChars <= 0) {
      throw new IllegalArgumentException("max sessions, memory budget and max utterance length must be positive");
    }
  }

  public static DialogueOptions defaults(Path snapshotDir) {
    return new DialogueOptions(8, 2L << 30, Duration.ofMinutes(30), true, snapshotDir, 2000,
        SamplingOptions.greedy().withMaxNewTokens(256), "You are the in-car assistant. Answer briefly.");
  }

  public DialogueOptions withLimits(int sessions, long budgetBytes) {
    return new DialogueOptions(sessions, budgetBytes, idleExpiry, snapshotEachTurn, snapshotDir, maxUtteranceChars,
        sampling, systemPrompt);
  }

  public DialogueOptions withSampling(SamplingOptions s) {
    return new DialogueOptions(maxSessions, memoryBudgetBytes, idleExpiry, snapshotEachTurn, snapshotDir,
        maxUtteranceChars, s, systemPrompt);
  }

  public DialogueOptions withIdleExpiry(Duration d) {
    return new DialogueOptions(maxSessions, memoryBudgetBytes, d, snapshotEachTurn, snapshotDir, maxUtteranceChars,
        sampling, systemPrompt);
  }
}
