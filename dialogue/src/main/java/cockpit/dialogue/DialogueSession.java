package cockpit.dialogue;

import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.Snapshot;
import cockpit.lm.CancelHandle;
import cockpit.lm.DecoderState;
import cockpit.lm.generate.SamplingOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One conversation: its system prompt and sampling options, its decoder state while resident (null
 * when evicted to its snapshot), and the transcript. Turns run one at a time, chained on {@link
 * #tail}; the fields are touched only by the turn running now (on an inference thread) or under
 * the manager's lock.
 */
final class DialogueSession {
  final SessionId id;
  String systemPrompt;
  SamplingOptions sampling;
  DecoderState state;
  final List<Snapshot.Turn> transcript = new ArrayList<>();
  /** Index into the transcript of the first turn still in the state (after compactions). */
  int firstInContext;
  /** The state holds turns its snapshot lacks (no snapshot per turn, or the last save failed). */
  boolean snapshotStale;
  CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
  volatile CancelHandle running;
  volatile Instant lastUsed;
  volatile boolean restoring;

  DialogueSession(SessionId id, String systemPrompt, SamplingOptions sampling, Instant now) {
    this.id = id;
    this.systemPrompt = systemPrompt;
    this.sampling = sampling;
    this.lastUsed = now;
  }

  boolean resident() {
    return state != null;
  }
}
