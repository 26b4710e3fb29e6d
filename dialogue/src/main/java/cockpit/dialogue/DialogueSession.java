package cockpit.dialogue;

import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.Snapshot;
import cockpit.lm.CancelHandle;
import cockpit.lm.DecoderState;
import cockpit.lm.context.CabinFacts;
import cockpit.lm.generate.SamplingOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One conversation: its system prompt and sampling options, its decoder state while resident (null
 * when evicted to its snapshot), the transcript, the image features still in context, and the context
 * facts it has been told. Turns run one at a time, chained on {@link #tail}; the fields are touched only
 * by the turn running now (on an inference thread, holding the session's monitor) or under the
 * manager's lock.
 */
final class DialogueSession {
  final SessionId id;
  String systemPrompt;
  SamplingOptions sampling;
  /** The seat of the session's user (SessionControl OPEN), null when not known. */
  volatile CabinFacts.Seat seat;
  DecoderState state;
  final List<Snapshot.Turn> transcript = new ArrayList<>();
  /** Index into the transcript of the first message still in the state (after compactions). */
  int firstInContext;
  /** The state holds turns its snapshot lacks (no snapshot per turn, or the last save failed). */
  boolean snapshotStale;
  /** Features [tokens · H] of the images of the messages from {@link #firstInContext} on, in order. */
  final List<float[]> features = new ArrayList<>();
  /** Context fact id → the line the session was last told (ContextFormat). */
  final Map<String, String> seen = new TreeMap<>();
  CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
  /** Utterances accepted and not yet answered (the running one included). */
  final AtomicInteger pending = new AtomicInteger();
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

  /** Forgets the conversation (RESET, or a snapshot that cannot be used); the state is left to the caller. */
  void clearConversation() {
    transcript.clear();
    firstInContext = 0;
    features.clear();
    seen.clear();
  }
}
