package cockpit.dialogue;

import cockpit.dialogue.snapshot.Snapshot;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.CancelHandle;
import cockpit.lm.Decoder;
import cockpit.lm.DecoderState;
import cockpit.lm.FinishReason;
import cockpit.lm.Generation;
import cockpit.lm.GenerationRequest;
import cockpit.lm.GenerationResult;
import cockpit.lm.LanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One user turn on a resident session: prefill only the new turn's tokens on top of the carried
 * state, generate, record the transcript, snapshot. When the turn would not fit the context, the
 * session is compacted first — the documented, deterministic policy:
 *
 * <ol>
 *   <li>keep the system prompt;
 *   <li>keep the most recent whole turns (user + assistant) whose tokens fit in half the context;
 *   <li>re-prefill exactly those from an empty state, then the new turn.
 * </ol>
 * The reply then carries {@code context_compacted}. A snapshot that cannot be written (disk full) is
 * reported and the reply still stands; the session's previous snapshot stays. Called with the session's
 * monitor held.
 */
final class Turns {
  private final LanguageModel model;
  private final DialogueOptions options;
  private final SnapshotStore store;
  private final Generation generation;
  private final SessionManager.Errors errors;

  Turns(LanguageModel model, DialogueOptions options, SnapshotStore store, SessionManager.Errors errors) {
    this.model = model;
    this.options = options;
    this.store = store;
    this.errors = errors;
    this.generation = new Generation(model);
  }

  /** A fresh conversation: {@code <|startoftext|>} and the system block. */
  void start(DecoderState st, String systemPrompt) throws Exception {
    st.reset();
    feed(st, model.chat().start(systemPrompt));
  }

  GenerationResult run(DialogueSession s, String text, CancelHandle cancel, Consumer<String> onChunk)
      throws Exception {
    Generation.Timing timing = new Generation.Timing(System.nanoTime());
    DecoderState st = s.state;
    int[] user = model.chat().userTurn(text);
    int reserve = user.length + s.sampling.maxNewTokens() + model.chat().endAssistant().length;
    boolean compacted = false;
    if (st.position() + reserve > st.capacity()) {
      compact(s, reserve);
      compacted = true;
    }
    if (st.position() + reserve > st.capacity()) {
      throw new DialogueException(DialogueException.Kind.CONTEXT_FULL, "the system prompt and this turn ("
          + (st.position() + reserve) + " tokens with the reply budget) do not fit the context of " + st.capacity());
    }
    long p0 = System.nanoTime();
    float[] logits;
    try {
      logits = model.decoder().prefill(st, model.decoder().embed(user), user.length, cancel);
    } catch (Exception e) {
      recover(s);
      if (cancel.cancelled()) { // barge-in while the turn was still being read: nothing said, nothing kept
        return new GenerationResult(FinishReason.CANCELLED, "", null, user.length, 0, 0,
            (System.nanoTime() - p0) / 1e6, 0, s.state == null ? 0 : s.state.position(), compacted);
      }
      throw e;
    }
    timing.prefill((System.nanoTime() - p0) / 1e6, user.length, compacted);
    GenerationResult r = generation.run(st, logits, new GenerationRequest(s.sampling, null), cancel, onChunk, timing);
    s.transcript.add(new Snapshot.Turn("user", text, user.length));
    s.transcript.add(new Snapshot.Turn("assistant", r.text(), r.completionTokens()
        + model.chat().endAssistant().length));
    if (options.snapshotEachTurn()) {
      snapshotOrReport(s);
    } else {
      s.snapshotStale = true;
    }
    return r;
  }

  /**
   * After a prefill that stopped part-way (cancelled or failed) the state holds some of the new turn's
   * chunks — conv state and KV are updated in place — while the transcript does not. With a snapshot per
   * turn the state is dropped and the next turn restores the last turn's snapshot (cheap, exact);
   * otherwise it is rebuilt at once from the transcript by the compaction policy.
   */
  private void recover(DialogueSession s) throws Exception {
    if (options.snapshotEachTurn() && !s.transcript.isEmpty()) {
      s.state.close();
      s.state = null;
    } else {
      compact(s, 0);
    }
  }

  private void compact(DialogueSession s, int reserve) throws Exception {
    DecoderState st = s.state;
    int budget = st.capacity() / 2;
    int first = s.transcript.size();
    int used = 0;
    for (int i = s.transcript.size() - 2; i >= s.firstInContext; i -= 2) {
      int pair = s.transcript.get(i).tokens() + s.transcript.get(i + 1).tokens();
      if (used + pair > budget) {
        break;
      }
      used += pair;
      first = i;
    }
    start(st, s.systemPrompt);
    List<int[]> parts = new ArrayList<>();
    for (int i = first; i + 1 < s.transcript.size(); i += 2) {
      parts.add(model.chat().userTurn(s.transcript.get(i).text()));
      parts.add(model.tokenizer().encodeUntrusted(s.transcript.get(i + 1).text()));
      parts.add(model.chat().endAssistant());
    }
    for (int[] p : parts) {
      if (p.length > 0 && st.position() + p.length + reserve <= st.capacity()) {
        feed(st, p);
      }
    }
    s.firstInContext = first;
  }

  private void feed(DecoderState st, int[] tokens) throws Exception {
    Decoder d = model.decoder();
    d.prefill(st, d.embed(tokens), tokens.length, null);
  }

  /** The reply is already generated: a failed save must not cost it (issue #11, disk full). */
  private void snapshotOrReport(DialogueSession s) {
    try {
      snapshot(s);
    } catch (Exception e) {
      s.snapshotStale = true;
      errors.report(DialogueException.Kind.SNAPSHOT_SAVE_FAILED, s.id.value(), "snapshot of session " + s.id
          + " not saved (" + e.getMessage() + "); the reply stands and the previous snapshot is kept, so a"
          + " restart resumes this session from its turn before this one");
    }
  }

  void snapshot(DialogueSession s) throws Exception {
    DecoderState st = s.state;
    Snapshot snap = new Snapshot(s.id, model.fingerprint(), s.systemPrompt,
        Map.of("first_in_context", Integer.toString(s.firstInContext)), List.copyOf(s.transcript), st.position(),
        st.serializedBytes());
    store.save(snap, st::writeTo);
    s.snapshotStale = false;
  }
}
