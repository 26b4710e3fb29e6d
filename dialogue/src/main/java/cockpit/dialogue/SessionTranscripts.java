package cockpit.dialogue;

import cockpit.dialogue.snapshot.LoadedSnapshot;
import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.Snapshot;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.LanguageModel;
import cockpit.lm.context.ContextFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each session as of its last completed turn, for inspection without waiting for a turn in flight: the
 * manager publishes a session's conversation after every turn (an immutable copy: a few references per
 * message), and the prompt text is decoded only when asked for. A session not published in this process
 * is read from its snapshot's header. Thread-safe.
 */
final class SessionTranscripts {
  private final LanguageModel model;
  private final DialogueOptions options;
  private final SnapshotStore store;
  private final Turns turns;
  private final Clock clock;
  private final Map<SessionId, Published> published = new ConcurrentHashMap<>();

  SessionTranscripts(LanguageModel model, DialogueOptions options, SnapshotStore store, Turns turns, Clock clock) {
    this.model = model;
    this.options = options;
    this.store = store;
    this.turns = turns;
    this.clock = clock;
  }

  /** A session's conversation as of its last completed turn; immutable. */
  private record Published(SessionId id, String systemPrompt, List<Snapshot.Turn> transcript, int firstInContext,
      List<String> contextLines) {
    static Published of(DialogueSession s) {
      return new Published(s.id, s.systemPrompt, List.copyOf(s.transcript), s.firstInContext,
          s.seen.keySet().stream().sorted(ContextFormat.ID_ORDER).map(s.seen::get).toList());
    }
  }

  /** Makes what {@code s} holds now the answer for it. Called with the session's monitor held. */
  void publish(DialogueSession s) {
    published.put(s.id, Published.of(s));
  }

  void forget(SessionId id) {
    published.remove(id);
  }

  /** See {@link SessionManager#inspectNow}. */
  Optional<SessionInspection> inspectNow(SessionId id) throws IOException {
    Published p = published.get(id);
    if (p == null) {
      Optional<LoadedSnapshot> snap = store.load(id, model.fingerprint(), SessionTranscripts::drain);
      if (snap.isEmpty()) {
        return Optional.empty();
      }
      Snapshot sn = snap.get().snapshot();
      DialogueSession s = new DialogueSession(id, sn.systemPrompt(), options.sampling(), clock.instant());
      SessionSnapshots.restore(s, sn, new byte[0], 0, false);
      p = Published.of(s);
    }
    int[] ids = turns.contextIds(p.systemPrompt(), p.transcript(), p.firstInContext());
    return Optional.of(new SessionInspection(p.id().value(), p.systemPrompt(), p.transcript(), p.firstInContext(),
        model.tokenizer().decode(ids, false), ids.length, p.contextLines()));
  }

  /** Reads and drops a payload (the header is all an inspection needs; the store still checks the CRC). */
  private static void drain(ReadableByteChannel in) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(1 << 16);
    while (in.read(b) >= 0) {
      b.clear();
    }
  }
}
