package cockpit.dialogue;

import cockpit.dialogue.snapshot.Snapshot;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.CancelHandle;
import cockpit.lm.DecoderState;
import cockpit.lm.FinishReason;
import cockpit.lm.Generation;
import cockpit.lm.GenerationRequest;
import cockpit.lm.GenerationResult;
import cockpit.lm.LanguageModel;
import cockpit.lm.context.CabinFacts;
import cockpit.lm.context.ContextFormat;
import cockpit.lm.text.Message;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One turn on a resident session: resolve the turn's images, prefill only the new tokens (the context
 * facts that changed, the user turn with its images, see {@link Prompt}) on top of the carried state,
 * generate, record the messages with their exact token ids, snapshot. When the turn would not fit the
 * context, the session is compacted first — the documented, deterministic policy:
 *
 * <ol>
 *   <li>keep the system prompt;
 *   <li>keep the most recent whole exchanges (context message, user turn with its images, reply) within
 *       {@link Compaction#keepBudget} (at most half the context, and so that a quarter stays free after
 *       the new turn with its reply budget);
 *   <li>re-prefill exactly their recorded token ids (image rows from the kept features) from an empty
 *       state — nothing is re-encoded from text;
 *   <li>forget which facts the session was told, so the new turn's context message restates all of them.
 * </ol>
 * Images of dropped exchanges are freed. The reply then carries {@code context_compacted}. A snapshot that cannot be written (disk full) is
 * reported and the reply still stands; the session's previous snapshot stays. Called with
 * the session's monitor held, on an inference thread.
 */
final class Turns {
  private final LanguageModel model;
  private final DialogueOptions options;
  private final SnapshotStore store;
  private final Generation generation;
  private final SessionManager.Errors errors;
  private final Grounding grounding;
  private final Clock clock;

  Turns(LanguageModel model, DialogueOptions options, SnapshotStore store, Grounding grounding, Clock clock,
      SessionManager.Errors errors) {
    this.model = model;
    this.options = options;
    this.store = store;
    this.errors = errors;
    this.generation = new Generation(model);
    this.grounding = grounding;
    this.clock = clock;
  }

  /** A fresh conversation: {@code <|startoftext|>} and the system block. */
  void start(DecoderState st, String systemPrompt) throws Exception {
    st.reset();
    int[] ids = model.chat().start(systemPrompt);
    model.decoder().prefill(st, model.decoder().embed(ids), ids.length, null);
  }

  GenerationResult run(DialogueSession s, TurnRequest in, CancelHandle cancel, Consumer<String> onChunk)
      throws Exception {
    Generation.Timing timing = new Generation.Timing(System.nanoTime());
    List<ImageSource.TurnImage> images;
    try {
      images = images(in, cancel);
    } catch (RuntimeException e) {
      if (cancel.cancelled()) { // barge-in while an attached image was being encoded: nothing fed, nothing kept
        return new GenerationResult(FinishReason.CANCELLED, "", null, 0, 0, 0, 0, 0, s.state.position(), false);
      }
      throw e;
    }
    CabinFacts facts = facts(s, in);
    DecoderState st = s.state;
    Prompt p = Prompt.of(model, facts, s.seen, in.text(), images);
    boolean compacted = false;
    if (st.position() + reserve(s, p) > st.capacity()) {
      Prompt full = Prompt.of(model, facts, Map.of(), in.text(), images); // compaction forgets what was told
      compact(s, reserve(s, full));
      compacted = true;
      p = full;
    }
    if (st.position() + reserve(s, p) > st.capacity()) {
      throw new DialogueException(DialogueException.Kind.CONTEXT_FULL, "the system prompt and this turn ("
          + (st.position() + reserve(s, p)) + " tokens with the reply budget) do not fit the context of "
          + st.capacity());
    }
    long p0 = System.nanoTime();
    float[] logits;
    try {
      logits = model.decoder().prefill(st, p.embeds(model), p.length(), cancel);
    } catch (Exception e) {
      recover(s);
      if (cancel.cancelled()) { // barge-in while the turn was still being read: nothing said, nothing kept
        return new GenerationResult(FinishReason.CANCELLED, "", null, p.length(), 0, 0,
            (System.nanoTime() - p0) / 1e6, 0, s.state == null ? 0 : s.state.position(), compacted);
      }
      throw e;
    }
    timing.prefill((System.nanoTime() - p0) / 1e6, p.length(), compacted);
    GenerationResult r = generation.run(st, logits, new GenerationRequest(s.sampling, null), cancel, onChunk, timing);
    record(s, in, p, r);
    if (options.snapshotEachTurn()) {
      snapshotOrReport(s);
    } else {
      s.snapshotStale = true;
    }
    return r;
  }

  private int reserve(DialogueSession s, Prompt p) {
    return p.length() + s.sampling.maxNewTokens() + model.chat().endAssistant().length;
  }

  private List<ImageSource.TurnImage> images(TurnRequest in, CancelHandle cancel) {
    List<ImageSource.TurnImage> out = new ArrayList<>();
    in.cameras().forEach(c -> out.add(grounding.images().camera(c, cancel)));
    in.images().forEach(f -> out.add(grounding.images().image(f, cancel)));
    return out;
  }

  private CabinFacts facts(DialogueSession s, TurnRequest in) {
    Instant now = clock.instant();
    CabinFacts.Seat seat = in.speaker() != null ? in.speaker() : s.seat;
    return grounding.context().facts(now, grounding.zone())
        .at(seat, grounding.timeLine() ? LocalDateTime.ofInstant(now, grounding.zone()) : null);
  }

  /** Appends the turn's messages with the ids the state holds for them, and what the session was told. */
  private void record(DialogueSession s, TurnRequest in, Prompt p, GenerationResult r) {
    if (p.context().length > 0) {
      s.transcript.add(Snapshot.Turn.of(ContextFormat.ROLE, ContextFormat.message(p.lines()), p.context(), List.of()));
    }
    s.transcript.add(Snapshot.Turn.of(Message.USER, in.text(), p.user(),
        p.transcriptImages(model.decoder().config().hiddenSize())));
    s.transcript.add(Snapshot.Turn.of(Message.ASSISTANT, r.text(), r.stateTokens(), List.of()));
    ContextFormat.remember(s.seen, p.lines());
    p.images().forEach(i -> s.features.add(i.features()));
  }

  /**
   * After a prefill that stopped part-way (cancelled or failed) the state holds some of the new turn's
   * chunks — conv state and KV are updated in place — while the transcript does not. With a snapshot per
   * turn the state is dropped and the next turn restores the last turn's snapshot (cheap, exact);
   * otherwise it is rebuilt at once from the recorded ids of the messages in context.
   */
  private void recover(DialogueSession s) throws Exception {
    if (options.snapshotEachTurn() && !s.transcript.isEmpty()) {
      s.state.close();
      s.state = null;
    } else {
      rebuild(s, s.firstInContext);
    }
  }

  private void compact(DialogueSession s, int reserve) throws Exception {
    DecoderState st = s.state;
    int system = model.chat().start(s.systemPrompt).length;
    int budget = Compaction.keepBudget(st.capacity(), system, reserve);
    int first = Compaction.firstKept(s.transcript, s.firstInContext, budget, t -> ids(t).length);
    rebuild(s, first);
    s.seen.clear();
  }

  /**
   * Resets the state to the system block plus exactly the messages from {@code first} on (their
   * recorded ids, image rows from the kept features); drops the ids and features of earlier messages.
   */
  private void rebuild(DialogueSession s, int first) throws Exception {
    int dropped = 0;
    for (int i = s.firstInContext; i < first; i++) {
      dropped += s.transcript.get(i).images().size();
      s.transcript.set(i, s.transcript.get(i).withoutIds());
    }
    s.features.subList(0, dropped).clear();
    s.firstInContext = first;
    DecoderState st = s.state;
    start(st, s.systemPrompt);
    int image = 0;
    for (Snapshot.Turn t : s.transcript.subList(first, s.transcript.size())) {
      int[] ids = ids(t);
      List<float[]> features = s.features.subList(image, image + t.images().size());
      image += t.images().size();
      if (ids.length > 0) {
        model.decoder().prefill(st, Prompt.embeds(model, ids, features), ids.length, null);
      }
    }
  }

  /**
   * The ids a message was fed as; for a message of a version 1 snapshot (no ids recorded) its text
   * encoded as the chat format would (the one place text is re-encoded, and only for such old messages).
   */
  private int[] ids(Snapshot.Turn t) {
    if (!t.ids().isEmpty() || t.tokens() == 0) {
      return t.idArray();
    }
    return switch (t.role()) {
      case Message.USER -> model.chat().userTurn(t.text());
      case Message.ASSISTANT -> {
        int[] text = model.tokenizer().encodeUntrusted(t.text());
        int[] end = model.chat().endAssistant();
        int[] all = java.util.Arrays.copyOf(text, text.length + end.length);
        System.arraycopy(end, 0, all, text.length, end.length);
        yield all;
      }
      default -> model.chat().turn(t.role(), t.text());
    };
  }

  /**
   * The exact text a state holds: {@code systemPrompt}'s block and the messages of {@code transcript} from
   * {@code first} on, as their ids decode, special tokens kept.
   */
  String prompt(String systemPrompt, List<Snapshot.Turn> transcript, int first) {
    return model.tokenizer().decode(contextIds(systemPrompt, transcript, first), false);
  }

  /** The ids a state holds for that conversation (its length is the state's position). */
  int[] contextIds(String systemPrompt, List<Snapshot.Turn> transcript, int first) {
    List<int[]> parts = new ArrayList<>();
    parts.add(model.chat().start(systemPrompt));
    transcript.subList(first, transcript.size()).forEach(t -> parts.add(ids(t)));
    int[] all = new int[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
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
    List<float[]> features = List.copyOf(s.features);
    store.save(SessionSnapshots.of(s, model.fingerprint()), out -> SessionSnapshots.write(out, st, features));
    s.snapshotStale = false;
  }
}
