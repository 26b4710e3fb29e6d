package cockpit.dialogue;

import cockpit.dialogue.DialogueException.Kind;
import cockpit.dialogue.snapshot.LoadedSnapshot;
import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.Snapshot;
import cockpit.dialogue.snapshot.SnapshotCorruptException;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.CancelHandle;
import cockpit.lm.DecoderState;
import cockpit.lm.GenerationResult;
import cockpit.lm.LanguageModel;
import cockpit.lm.generate.SamplingOptions;
import cockpit.npu.runtime.InferenceExecutor;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * All conversations of the component. Creates sessions on first utterance or on OPEN, runs their
 * turns one at a time on the bounded inference executor (a new utterance cancels the turn running
 * on its session: barge-in), keeps at most {@code maxSessions} resident within the memory budget by
 * evicting the least recently used to disk snapshots, restores them on their next turn, snapshots
 * every completed turn, and evicts idle sessions. The snapshot directory is capped ({@link
 * cockpit.dialogue.snapshot.SnapshotLimits}): beyond its caps the snapshots of the sessions idle longest
 * (not resident, nothing queued) are deleted and those sessions forgotten; sessions known in memory are
 * capped the same way at {@code maxSessions} plus the file cap. Thread-safe.
 */
public final class SessionManager implements AutoCloseable {
  /** Where refusals and snapshot problems go (the verticle turns them into ErrorReports). */
  public interface Errors {
    void report(Kind kind, String sessionId, String message);
  }

  private final LanguageModel model;
  private final DialogueOptions options;
  private final SnapshotStore store;
  private final InferenceExecutor executor;
  private final Clock clock;
  private final Errors errors;
  private final Turns turns;
  private final Map<SessionId, DialogueSession> sessions = new LinkedHashMap<>(16, 0.75f, true);
  /** Each session as of its last completed turn, for {@link #inspectNow}. */
  private final SessionTranscripts transcripts;

  /** A plain chat: no cockpit context, no images. */
  public SessionManager(LanguageModel model, DialogueOptions options, SnapshotStore store, InferenceExecutor executor,
      Clock clock, Errors errors) {
    this(model, options, store, executor, clock, errors, Grounding.NONE);
  }

  /** Sessions told about the cockpit and able to attach images, as {@code grounding} provides. */
  public SessionManager(LanguageModel model, DialogueOptions options, SnapshotStore store, InferenceExecutor executor,
      Clock clock, Errors errors, Grounding grounding) {
    this.model = model;
    this.options = options;
    this.store = store;
    this.executor = executor;
    this.clock = clock;
    this.errors = errors;
    this.turns = new Turns(model, options, store, grounding, clock, errors);
    this.transcripts = new SessionTranscripts(model, options, store, turns, clock);
  }

  /** {@link #turn(TurnRequest, Consumer)} for a text-only utterance. */
  public CompletableFuture<GenerationResult> turn(String sessionId, String text, Consumer<String> onChunk) {
    return turn(TurnRequest.text(sessionId, text), onChunk);
  }

  /**
   * Queues a user turn. Completes with the result once the reply is finished; {@code onChunk}
   * receives the reply text as it streams (on the inference thread). A new utterance cancels the reply
   * running on its session (barge-in); at most {@code dialogue.max-pending-turns} utterances of one
   * session wait or run at once.
   *
   * @throws DialogueException for an invalid session id, empty or oversize text, too many images, a
   *     session being restored, or one with its maximum of pending utterances (BUSY)
   */
  public CompletableFuture<GenerationResult> turn(TurnRequest request, Consumer<String> onChunk) {
    return turn(request, onChunk, started -> { });
  }

  /**
   * As {@link #turn(TurnRequest, Consumer)}; {@code onPrefillStart} receives {@link System#nanoTime()}
   * when the turn's prefill starts (after its session's earlier turns, the inference queue and a restore),
   * on the inference thread, so the caller can tell queue wait from time to first token.
   */
  public CompletableFuture<GenerationResult> turn(TurnRequest request, Consumer<String> onChunk,
      java.util.function.LongConsumer onPrefillStart) {
    SessionId id = id(request.sessionId());
    String text = request.text();
    if (text.isBlank()) {
      throw new DialogueException(Kind.INVALID_ARGUMENT, "empty utterance for session " + id);
    }
    if (text.length() > options.maxUtteranceChars()) {
      throw new DialogueException(Kind.INVALID_ARGUMENT, "utterance of " + text.length() + " characters exceeds "
          + options.maxUtteranceChars() + " (dialogue.max-utterance-chars)");
    }
    if (request.imageCount() > options.maxImagesPerTurn()) {
      throw new DialogueException(Kind.INVALID_ARGUMENT, "utterance attaches " + request.imageCount()
          + " images, more than " + options.maxImagesPerTurn() + " (dialogue.max-images-per-turn)");
    }
    synchronized (this) {
      DialogueSession s = session(id);
      if (s.restoring) {
        throw new DialogueException(Kind.BUSY_RESTORING, "session " + id + " is being restored from its snapshot;"
            + " send the utterance again in a moment");
      }
      if (s.pending.get() >= options.maxPendingTurns()) {
        throw new DialogueException(Kind.BUSY, "session " + id + " already has " + s.pending.get()
            + " utterances waiting for their reply (dialogue.max-pending-turns); send again after a final reply");
      }
      s.pending.incrementAndGet();
      CancelHandle previous = s.running;
      if (previous != null) {
        previous.cancel(); // barge-in: the running reply ends as cancelled, then this turn runs
      }
      CompletableFuture<GenerationResult> result = s.tail.handle((r, e) -> null)
          .thenCompose(v -> executor.submit(InferenceExecutor.Priority.DIALOGUE,
              () -> runTurn(s, request, onChunk, onPrefillStart)));
      result.whenComplete((r, e) -> s.pending.decrementAndGet());
      s.tail = result;
      forgetBeyondCap();
      return result;
    }
  }

  private DialogueSession session(SessionId id) {
    return sessions.computeIfAbsent(id, k -> new DialogueSession(k, options.systemPrompt(), options.sampling(),
        clock.instant()));
  }

  private GenerationResult runTurn(DialogueSession s, TurnRequest request, Consumer<String> onChunk,
      java.util.function.LongConsumer onPrefillStart) throws Exception {
    CancelHandle cancel = new CancelHandle();
    s.running = cancel;
    try {
      GenerationResult r;
      synchronized (s) {
        ensureResident(s);
        onPrefillStart.accept(System.nanoTime());
        r = turns.run(s, request, cancel, onChunk);
        s.lastUsed = clock.instant();
        publish(s);
      }
      trimSnapshots();
      return r;
    } finally {
      s.running = null;
      cancel.close();
    }
  }

  /**
   * What a session holds, once the turns queued before this call have finished: its transcript, the exact
   * prompt text its state holds, the context lines it was told. An evicted session is restored for it.
   *
   * @throws DialogueException UNKNOWN_SESSION when there is no such session and no snapshot of it
   */
  public CompletableFuture<SessionInspection> inspect(String sessionId) {
    SessionId id = id(sessionId);
    synchronized (this) {
      DialogueSession s = sessions.get(id);
      if (s == null && !store.fileOf(id).toFile().exists()) {
        throw new DialogueException(Kind.UNKNOWN_SESSION, "no session " + id);
      }
      DialogueSession session = s == null ? session(id) : s;
      CompletableFuture<SessionInspection> done = session.tail.handle((r, e) -> null).thenCompose(v -> executor
          .submit(InferenceExecutor.Priority.DIALOGUE, () -> {
            synchronized (session) {
              ensureResident(session);
              publish(session);
              return transcripts.inspectNow(id).orElseThrow();
            }
          }));
      session.tail = done;
      return done;
    }
  }

  /**
   * What a session holds as of its last completed turn, at once (a turn in flight is not waited for):
   * from memory, else read from its snapshot (blocking I/O: not on an event loop).
   *
   * @return empty when there is no such session in memory or on disk
   * @throws IOException when the snapshot cannot be read (also when it is corrupt or of another model)
   */
  public Optional<SessionInspection> inspectNow(String sessionId) throws IOException {
    return transcripts.inspectNow(id(sessionId));
  }

  /** Makes what {@code s} holds now the answer of {@link #inspectNow}. Called with the session's monitor held. */
  private void publish(DialogueSession s) {
    transcripts.publish(s);
  }

  /** Applies SessionControl OPEN/RESET: (re)starts the session with a system prompt and options. */
  public CompletableFuture<Void> open(String sessionId, String systemPrompt, SamplingOptions sampling, boolean reset) {
    return open(sessionId, systemPrompt, sampling, reset, null);
  }

  /**
   * As {@link #open(String, String, SamplingOptions, boolean)}, also setting the seat of the session's user
   * (the context's {@code seat:} line when an utterance does not name its own); null keeps it.
   */
  public CompletableFuture<Void> open(String sessionId, String systemPrompt, SamplingOptions sampling, boolean reset,
      cockpit.lm.context.CabinFacts.Seat seat) {
    SessionId id = id(sessionId);
    synchronized (this) {
      DialogueSession s = session(id);
      if (!reset && s.resident() && systemPrompt.isEmpty()) {
        if (seat != null) {
          s.seat = seat; // read by the next turn, which is chained after this call on the same lock
        }
        return CompletableFuture.completedFuture(null);
      }
      CompletableFuture<Void> done = s.tail.handle((r, e) -> null).thenCompose(v -> executor.submit(
          InferenceExecutor.Priority.DIALOGUE, () -> {
            synchronized (s) {
              s.systemPrompt = systemPrompt.isEmpty() ? options.systemPrompt() : systemPrompt;
              s.sampling = sampling == null ? options.sampling() : sampling;
              s.clearConversation();
              if (seat != null) {
                s.seat = seat;
              }
              store.delete(s.id);
              if (s.state != null) {
                s.state.close();
                s.state = null;
              }
              publish(s);
              return null;
            }
          }));
      s.tail = done;
      forgetBeyondCap();
      return done;
    }
  }

  /** Cancels the running reply of a session, if any (SessionControl CANCEL). */
  public void cancel(String sessionId) {
    DialogueSession s = existing(id(sessionId));
    CancelHandle c = s.running;
    if (c != null) {
      c.cancel();
    }
  }

  /** Ends a session: cancels its reply, frees its state and deletes its snapshot (SessionControl CLOSE). */
  public CompletableFuture<Void> close(String sessionId) {
    SessionId id = id(sessionId);
    DialogueSession s;
    synchronized (this) {
      s = sessions.remove(id);
      transcripts.forget(id);
      if (s == null && !store.fileOf(id).toFile().exists()) {
        throw new DialogueException(Kind.UNKNOWN_SESSION, "no session " + id + " to close");
      }
    }
    if (s == null) {
      return CompletableFuture.runAsync(() -> deleteQuietly(id));
    }
    CancelHandle c = s.running;
    if (c != null) {
      c.cancel();
    }
    // Not through the inference executor: freeing needs no inference, and a refusal there (queue full) left
    // the state of a session already gone from the map allocated for good (issue #11 fault suite). Closing a
    // state is safe off the inference threads; the file I/O runs on the common pool, never an event loop.
    return s.tail.handle((r, e) -> null).thenRunAsync(() -> {
      synchronized (s) {
        if (s.state != null) {
          s.state.close();
          s.state = null;
        }
        deleteQuietly(id);
      }
    });
  }

  private void deleteQuietly(SessionId id) {
    try {
      store.delete(id);
    } catch (java.io.IOException e) {
      errors.report(Kind.INVALID_ARGUMENT, id.value(), "cannot delete snapshot: " + e.getMessage());
    }
  }

  private DialogueSession existing(SessionId id) {
    synchronized (this) {
      DialogueSession s = sessions.get(id);
      if (s == null) {
        throw new DialogueException(Kind.UNKNOWN_SESSION, "no session " + id);
      }
      return s;
    }
  }

  private static SessionId id(String raw) {
    try {
      return SessionId.tryFrom(raw);
    } catch (IllegalArgumentException e) {
      throw new DialogueException(Kind.INVALID_ARGUMENT, e.getMessage());
    }
  }

  /** Makes the session's state resident: restored from its snapshot, or a fresh conversation. */
  private void ensureResident(DialogueSession s) throws Exception {
    if (s.resident()) {
      return;
    }
    makeRoom(s);
    DecoderState st = model.decoder().newState();
    s.restoring = true;
    try {
      if (!restore(s, st)) {
        s.clearConversation();
        turns.start(st, s.systemPrompt);
      }
      s.state = st;
    } catch (Exception | Error e) {
      st.close();
      throw e;
    } finally {
      s.restoring = false;
    }
  }

  /** Loads the session's snapshot into {@code st}; false (reported when unusable) when there is none to use. */
  private boolean restore(DialogueSession s, DecoderState st) throws Exception {
    byte[][] features = new byte[1][];
    Optional<LoadedSnapshot> snap;
    try {
      snap = store.load(s.id, model.fingerprint(), ch -> features[0] = SessionSnapshots.read(ch, st));
    } catch (SnapshotCorruptException e) {
      errors.report(Kind.SNAPSHOT_CORRUPT, s.id.value(), "snapshot unusable (" + e.getMessage()
          + "); the session starts fresh");
      return false;
    }
    if (snap.isEmpty()) {
      return false;
    }
    try {
      SessionSnapshots.restore(s, snap.get().snapshot(), features[0], model.decoder().config().hiddenSize());
      return true;
    } catch (IllegalArgumentException e) {
      errors.report(Kind.SNAPSHOT_CORRUPT, s.id.value(), "snapshot " + snap.get().file() + " unusable ("
          + e.getMessage() + "); the session starts fresh");
      return false;
    }
  }

  /** Evicts least-recently-used idle sessions until one more fits the count and memory limits. */
  private void makeRoom(DialogueSession forSession) {
    long perSession = model.config().text().stateBytes(model.decoder().capacity());
    List<DialogueSession> victims = new ArrayList<>();
    synchronized (this) {
      int resident = 0;
      long bytes = 0;
      for (DialogueSession s : sessions.values()) {
        if (s.resident()) {
          resident++;
          bytes += perSession;
        }
      }
      for (DialogueSession s : sessions.values()) { // access order: least recent first
        if (resident < options.maxSessions() && bytes + perSession <= options.memoryBudgetBytes()) {
          break;
        }
        if (s != forSession && s.resident() && s.running == null) {
          victims.add(s);
          resident--;
          bytes -= perSession;
        }
      }
      if (resident >= options.maxSessions() || bytes + perSession > options.memoryBudgetBytes()) {
        throw new DialogueException(Kind.SESSION_LIMIT, "all " + resident + " resident sessions are busy;"
            + " dialogue.max-sessions / dialogue.memory-budget-bytes reached");
      }
    }
    victims.forEach(this::evict);
  }

  /**
   * Snapshots a resident, idle session (unless its snapshot is already current: rewriting it would also make
   * it look recently used to the snapshot caps) and frees its state.
   */
  private void evict(DialogueSession s) {
    synchronized (s) {
      if (s.state == null || s.running != null) {
        return;
      }
      try {
        if (s.snapshotStale || !store.fileOf(s.id).toFile().exists()) {
          turns.snapshot(s);
        }
      } catch (Exception e) {
        errors.report(Kind.SNAPSHOT_SAVE_FAILED, s.id.value(), "snapshot of session " + s.id
            + " on eviction failed (" + e.getMessage() + "); its last saved snapshot is what a later turn resumes");
      }
      s.state.close();
      s.state = null;
    }
    trimSnapshots();
  }

  /** Whether a known session is in use: resident, restoring, or with a turn or control queued or running. */
  private synchronized boolean inUse(SessionId id) {
    DialogueSession s = sessions.get(id);
    return s != null && inUse(s);
  }

  private static boolean inUse(DialogueSession s) {
    return s.resident() || s.restoring || s.running != null || !s.tail.isDone();
  }

  /**
   * Applies the snapshot caps (SnapshotLimits): the snapshots of the idlest sessions not in use are
   * deleted, and those sessions forgotten, so a later utterance to one starts a fresh conversation.
   */
  private void trimSnapshots() {
    synchronized (this) { // held over the deletions, so no turn of a chosen session can start meanwhile
      try {
        store.trim(this::inUse).forEach(sessions::remove);
      } catch (java.io.IOException e) {
        errors.report(Kind.SNAPSHOT_SAVE_FAILED, "", "cannot delete snapshots beyond the caps"
            + " (dialogue.snapshot-max-files / -max-bytes): " + e.getMessage());
      }
    }
  }

  /**
   * Bounds the sessions known in memory (a peer can name any number of ids) to {@code maxSessions} plus the
   * snapshot file cap: beyond it the least recently used sessions not in use are forgotten. Their snapshots
   * stay, so a later utterance restores them. Called with the manager's lock held.
   */
  private void forgetBeyondCap() {
    long cap = (long) options.maxSessions() + store.usage().limits().maxFiles();
    if (sessions.size() <= cap) {
      return;
    }
    var it = sessions.values().iterator(); // access order: least recent first; no get() while iterating
    while (sessions.size() > cap && it.hasNext()) {
      if (!inUse(it.next())) {
        it.remove();
      }
    }
  }

  /** Evicts sessions idle longer than the configured expiry (their snapshots stay). */
  public int expireIdle() {
    List<DialogueSession> idle = new ArrayList<>();
    synchronized (this) {
      var cutoff = clock.instant().minus(options.idleExpiry());
      for (DialogueSession s : sessions.values()) {
        if (s.resident() && s.running == null && s.lastUsed.isBefore(cutoff)) {
          idle.add(s);
        }
      }
    }
    idle.forEach(this::evict);
    return idle.size();
  }

  /** The sampling options sessions start with. */
  public SamplingOptions defaultSampling() {
    return options.sampling();
  }

  public synchronized int residentSessions() {
    return (int) sessions.values().stream().filter(DialogueSession::resident).count();
  }

  public synchronized int knownSessions() {
    return sessions.size();
  }

  /** The transcript of a session (copies), for status and tests. */
  public synchronized List<Snapshot.Turn> transcript(String sessionId) {
    return List.copyOf(existing(id(sessionId)).transcript);
  }

  /** Snapshots and frees every session (shutdown); waits for running turns up to {@code wait}. */
  @Override
  public void close() {
    List<DialogueSession> all;
    synchronized (this) {
      all = new ArrayList<>(sessions.values());
    }
    for (DialogueSession s : all) {
      CancelHandle c = s.running;
      if (c != null) {
        c.cancel();
      }
      try {
        s.tail.handle((r, e) -> null).get(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (Exception ignored) {
        // A turn that did not finish in time is abandoned; its last snapshot stands.
      }
      evict(s);
    }
  }
}
