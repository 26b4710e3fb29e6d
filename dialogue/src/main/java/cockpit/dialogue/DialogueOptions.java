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
 * @param maxPendingTurns utterances of one session accepted and not yet answered (the running one
 *     included); one more is refused as BUSY
 * @param maxImagesPerTurn images one utterance may attach (cameras and its own images together)
 */
public record DialogueOptions(int maxSessions, long memoryBudgetBytes, Duration idleExpiry, boolean snapshotEachTurn,
    Path snapshotDir, int maxUtteranceChars, SamplingOptions sampling, String systemPrompt, int maxPendingTurns,
    int maxImagesPerTurn) {
  /** Default of {@link #maxPendingTurns}: a barge-in or two while a reply streams, not a flood. */
  public static final int DEFAULT_MAX_PENDING_TURNS = 4;
  /** Default of {@link #maxImagesPerTurn}. */
  public static final int DEFAULT_MAX_IMAGES_PER_TURN = 2;

  public DialogueOptions {
    Objects.requireNonNull(idleExpiry, "idleExpiry");
    Objects.requireNonNull(snapshotDir, "snapshotDir");
    Objects.requireNonNull(sampling, "sampling");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    if (maxSessions <= 0 || memoryBudgetBytes <= 0 || maxUtteranceChars <= 0 || maxPendingTurns <= 0
        || maxImagesPerTurn < 0) {
      throw new IllegalArgumentException("max sessions, memory budget, max utterance length and max pending turns"
          + " must be positive, max images per turn not negative");
    }
  }

  /** With the default pending-turn and image limits. */
  public DialogueOptions(int maxSessions, long memoryBudgetBytes, Duration idleExpiry, boolean snapshotEachTurn,
      Path snapshotDir, int maxUtteranceChars, SamplingOptions sampling, String systemPrompt) {
    this(maxSessions, memoryBudgetBytes, idleExpiry, snapshotEachTurn, snapshotDir, maxUtteranceChars, sampling,
        systemPrompt, DEFAULT_MAX_PENDING_TURNS, DEFAULT_MAX_IMAGES_PER_TURN);
  }

  public static DialogueOptions defaults(Path snapshotDir) {
    return new DialogueOptions(8, 2L << 30, Duration.ofMinutes(30), true, snapshotDir, 2000,
        SamplingOptions.greedy().withMaxNewTokens(256), "You are the in-car assistant. Answer briefly.");
  }

  public DialogueOptions withLimits(int sessions, long budgetBytes) {
    return new DialogueOptions(sessions, budgetBytes, idleExpiry, snapshotEachTurn, snapshotDir, maxUtteranceChars,
        sampling, systemPrompt, maxPendingTurns, maxImagesPerTurn);
  }

  public DialogueOptions withSampling(SamplingOptions s) {
    return new DialogueOptions(maxSessions, memoryBudgetBytes, idleExpiry, snapshotEachTurn, snapshotDir,
        maxUtteranceChars, s, systemPrompt, maxPendingTurns, maxImagesPerTurn);
  }

  public DialogueOptions withIdleExpiry(Duration d) {
    return new DialogueOptions(maxSessions, memoryBudgetBytes, d, snapshotEachTurn, snapshotDir, maxUtteranceChars,
        sampling, systemPrompt, maxPendingTurns, maxImagesPerTurn);
  }

  public DialogueOptions withTurnLimits(int pendingTurns, int imagesPerTurn) {
    return new DialogueOptions(maxSessions, memoryBudgetBytes, idleExpiry, snapshotEachTurn, snapshotDir,
        maxUtteranceChars, sampling, systemPrompt, pendingTurns, imagesPerTurn);
  }
}
