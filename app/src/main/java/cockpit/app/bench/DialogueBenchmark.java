package cockpit.app.bench;

import cockpit.dialogue.snapshot.LoadedSnapshot;
import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.Snapshot;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.Backend;
import cockpit.lm.Decoder;
import cockpit.lm.DecoderState;
import cockpit.lm.LanguageModel;
import cockpit.lm.text.ChatFormat;
import cockpit.lm.text.Tokenizer;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.model.TextConfig;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The dialogue benchmark: what carrying a hybrid model's decoder state across turns buys, hybrid and
 * all-attention baseline side by side in one run (the decoders of {@link ModelBenchmark}'s model
 * directories; vision is not used).
 *
 * <ol>
 *   <li>TTFT per turn over a deterministic 30-turn conversation growing to ~4000 tokens: A "carried
 *       state" prefills only the new user turn on the kept state; B "re-prefill" resets a state and
 *       prefills the whole conversation so far plus the new turn (what servers do for hybrids whose
 *       recurrent state cannot be rolled back to a cached prefix). Assistant replies are fixed token
 *       ids, so both strategies process identical tokens.
 *   <li>Snapshot save / load ({@link SnapshotStore}) of the ~4000-token state vs re-prefilling it, and
 *       a check that restored and re-prefilled states give the same next-token logits.
 *   <li>State bytes per session at 4096 and serialized snapshot bytes at ~4000.
 *   <li>Decode tok/s at 100 and ~4000 tokens of context.
 * </ol>
 */
public final class DialogueBenchmark {
  /** Target conversation length; the decode measurement at the end needs room after it. */
  static final int TARGET_TOKENS = 4000;
  static final int REPLY_TOKENS = 30;
  static final int DECODE_WARMUP = 2;
  static final int DECODE_STEPS = 32;
  /** Room kept free after the conversation: the logit check step plus the decode steps. */
  static final int RESERVE = 1 + DECODE_WARMUP + DECODE_STEPS + 5;
  /** Above this estimated re-prefill time per model, only every 5th turn is re-prefilled. */
  static final double REPREFILL_BUDGET_S = 360;
  static final int SNAPSHOT_REPEATS = 3;

  private static final String[] WORDS = {"set", "the", "cabin", "temperature", "to", "twenty", "one", "degrees",
    "and", "turn", "on", "seat", "heating", "for", "passenger", "please", "navigate", "nearest", "charging",
    "station", "with", "fast", "chargers", "avoid", "highways", "if", "traffic", "is", "heavy", "what", "was",
    "that", "warning", "light", "on", "dashboard", "a", "moment", "ago", "play", "my", "driving", "playlist",
    "lower", "volume", "bit", "open", "sunroof", "halfway", "how", "far", "are", "we", "from", "next", "exit",
    "remind", "me", "call", "office", "when", "arrive", "tire", "pressure", "front", "left", "looks", "low",
    "can", "you", "check", "range", "battery", "percent", "weather", "at", "destination", "tomorrow",
    "morning", "switch", "headlights", "automatic", "mode", "defrost", "rear", "window", "lane", "assist",
    "sensitivity", "medium", "read", "last", "message", "aloud", "reply", "running", "late", "ten", "minutes"};

  private final List<Profile> profiles;
  private final ModelBenchmark models;
  private final int turns;
  private final int reprefillEvery;

  /**
   * @param reprefillEvery re-prefill (strategy B) every n-th turn; 0 picks 1 or 5 from an estimate
   *     of the full run's time (see {@link #REPREFILL_BUDGET_S})
   */
  public DialogueBenchmark(List<Profile> profiles, Path cache, int turns, int reprefillEvery,
      ProgressListener progress) {
    this.profiles = profiles;
    this.models = new ModelBenchmark(profiles, cache, List.of(), progress);
    this.turns = turns;
    this.reprefillEvery = reprefillEvery;
  }

  public JsonObject run() throws Exception {
    JsonObject out = new JsonObject().put("benchmark", "dialogue").put("machine", Machine.describe())
        .put("provider", "cpu").put("note", "random weights; timings only").put("method", method());
    out.put("loadavg_at_start", Machine.loadAvg());
    try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
      for (Profile p : profiles) {
        JsonObject side = new JsonObject();
        Conversation hybrid;
        try (LanguageModel m = LanguageModel.open(models.model(p, false), new Backend.Ort(rt, ModelVariant.FLOAT))) {
          hybrid = Conversation.build(m, turns);
          side.put("conversation", hybrid.describe());
          side.put("hybrid", measure(m, hybrid));
        }
        try (LanguageModel m = LanguageModel.open(models.model(p, true), new Backend.Ort(rt, ModelVariant.FLOAT))) {
          Conversation base = Conversation.build(m, turns);
          if (!base.sameTokens(hybrid)) {
            throw new IllegalStateException(p.id() + ": the baseline's tokenizer gives a different conversation");
          }
          side.getJsonObject("conversation").put("identical_tokens_for_both_models", true);
          side.put("all_attention_baseline", measure(m, base));
        }
        out.put(p.id(), side);
      }
    }
    out.put("loadavg_at_end", Machine.loadAvg());
    return out;
  }

  private static JsonObject method() {
    return new JsonObject()
        .put("conversation", "system prompt + up to 30 user turns (~100 tokens each with the chat format) and fixed"
            + " assistant replies of " + REPLY_TOKENS + " token ids + <|im_end|>\\n; deterministic text from a fixed"
            + " word list, tokenized with the model's tokenizer and ChatFormat; stops at 30 turns or when the next"
            + " turn would not fit " + (4096 - RESERVE) + " tokens (room kept for the checks after it)")
        .put("ttft", "time from feeding the prompt's embeddings until the logits of its last token are back"
            + " (sampling excluded). A carried state: the system block is fed at session start (untimed), each"
            + " turn prefills only the new user turn; replies are fed untimed. B re-prefill: per turn, reset a"
            + " state and prefill start + every earlier turn + the new user turn. Single runs per turn (no"
            + " repeats); one warm-up prefill and decode per state beforehand")
        .put("snapshot", "SnapshotStore.save of the conversation's final state (header, CRC32C, fsync, atomic"
            + " rename) to a temp dir, then SnapshotStore.load (CRC pass + payload read) into a fresh"
            + " DecoderState while the file is in the page cache; median of " + SNAPSHOT_REPEATS
            + " each. Re-prefill: the same tokens from a reset state (one run). Logit check: one decode step of"
            + " the same token on the restored, the re-prefilled and the original state")
        .put("decode", "single-token decode steps: " + DECODE_WARMUP + " warm-up then " + DECODE_STEPS + " timed;"
            + " @100 on a fresh state filled with the conversation's first 100 tokens, @~4000 on the re-prefilled"
            + " state of the snapshot measurement (after the logit check step)")
        .put("prefill_chunk", "the fixed-capacity prefill graph runs chunks of 32 tokens (a remainder runs"
            + " padded to 32); the KV buffers are the full 4096 context");
  }

  private JsonObject measure(LanguageModel m, Conversation conv) throws Exception {
    long started = System.nanoTime();
    Decoder d = m.decoder();
    TextConfig c = d.config();
    JsonObject r = new JsonObject().put("decoder_layers", c.attentionLayers().size() + " attention + "
        + c.convLayers().size() + " conv").put("fingerprint", m.fingerprint());
    try (DecoderState a = d.newState(); DecoderState b = d.newState()) {
      warm(d, a, conv);
      warm(d, b, conv);

      // 1. Strategy A: carried state.
      long t0 = System.nanoTime();
      feed(d, a, conv.start);
      double[] carried = new double[conv.turns()];
      for (int t = 0; t < conv.turns(); t++) {
        int[] user = conv.users.get(t);
        long s = System.nanoTime();
        d.prefill(a, d.embed(user), user.length, null);
        carried[t] = (System.nanoTime() - s) / 1e6;
        feed(d, a, conv.replies.get(t));
      }
      double carriedS = (System.nanoTime() - t0) / 1e9;
      if (a.position() != conv.totalTokens()) {
        throw new IllegalStateException("carried state at " + a.position() + ", expected " + conv.totalTokens());
      }

      // Strategy B: re-prefill, every turn or every 5th when the full run would be too long.
      double msPerToken = Arrays.stream(carried).sum() / conv.users.stream().mapToInt(u -> u.length).sum();
      long reprefillTokens = 0;
      for (int t = 0; t < conv.turns(); t++) {
        reprefillTokens += conv.contextAfterUser(t);
      }
      double estimateS = reprefillTokens * msPerToken / 1e3;
      int every = reprefillEvery > 0 ? reprefillEvery : estimateS > REPREFILL_BUDGET_S ? 5 : 1;
      double[] reprefill = new double[conv.turns()];
      Arrays.fill(reprefill, Double.NaN);
      long t1 = System.nanoTime();
      for (int t = 0; t < conv.turns(); t++) {
        boolean measured = every == 1 || t == 0 || (t + 1) % every == 0 || t == conv.turns() - 1;
        if (!measured) {
          continue;
        }
        int[] prompt = conv.promptOfTurn(t);
        long s = System.nanoTime();
        b.reset();
        d.prefill(b, d.embed(prompt), prompt.length, null);
        reprefill[t] = (System.nanoTime() - s) / 1e6;
      }
      double reprefillS = (System.nanoTime() - t1) / 1e9;
      r.put("ttft", ttft(conv, carried, reprefill, every, estimateS, carriedS, reprefillS));

      // 3. State bytes (before the logit check moves the state on); 2. snapshot save / load vs re-prefill.
      r.put("state", new JsonObject().put("state_bytes_at_4096", c.stateBytes(4096))
          .put("state_mib_at_4096", round(c.stateBytes(4096) / 1048576.0, 2))
          .put("allocated_state_bytes", a.bytes()).put("serialized_bytes_at_final", a.serializedBytes())
          .put("final_tokens", a.position()));
      r.put("snapshot", snapshot(m, a, b, conv));

      // 4. Decode at 100 and ~4000 (b is the re-prefilled state, one token past the conversation).
      JsonArray decode = new JsonArray();
      try (DecoderState shortCtx = d.newState()) {
        int[] first = Arrays.copyOf(conv.all(), 100);
        d.prefill(shortCtx, d.embed(first), first.length, null);
        decode.add(decodeRate(d, shortCtx, conv));
      }
      decode.add(decodeRate(d, b, conv));
      r.put("decode", decode);
    }
    r.put("model_seconds", round((System.nanoTime() - started) / 1e9, 1));
    return r;
  }

  private static JsonObject ttft(Conversation conv, double[] carried, double[] reprefill, int every,
      double estimateS, double carriedS, double reprefillS) {
    JsonArray rows = new JsonArray();
    List<Double> a = new ArrayList<>();
    List<Double> aSame = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    for (int t = 0; t < conv.turns(); t++) {
      JsonObject row = new JsonObject().put("turn", t + 1).put("context_tokens", conv.contextAfterUser(t))
          .put("new_tokens", conv.users.get(t).length).put("carried_ms", round(carried[t], 2));
      a.add(carried[t]);
      if (!Double.isNaN(reprefill[t])) {
        row.put("reprefill_ms", round(reprefill[t], 2));
        b.add(reprefill[t]);
        aSame.add(carried[t]);
      } else {
        row.putNull("reprefill_ms");
      }
      rows.add(row);
    }
    int last = conv.turns() - 1;
    JsonObject summary = new JsonObject().put("carried", stats(a)).put("carried_on_reprefilled_turns", stats(aSame))
        .put("reprefill", stats(b)).put("last_turn", last + 1).put("last_turn_context_tokens",
            conv.contextAfterUser(last))
        .put("ratio_reprefill_over_carried_last_turn", round(reprefill[last] / carried[last], 1))
        .put("ratio_of_means_on_reprefilled_turns", round(mean(b) / mean(aSame), 1));
    String note = every == 1 ? "re-prefill measured on every turn"
        : "re-prefill measured only on turn 1, every " + every + "th turn and the last turn (a full run was"
            + " estimated at " + round(estimateS, 0) + " s for this model from the carried-state per-token cost;"
            + " budget " + REPREFILL_BUDGET_S + " s)";
    return new JsonObject().put("reprefill_every", every).put("reprefill_note", note)
        .put("estimated_full_reprefill_s", round(estimateS, 1)).put("carried_run_s", round(carriedS, 1))
        .put("reprefill_run_s", round(reprefillS, 1)).put("summary", summary).put("turns", rows);
  }

  private static JsonObject snapshot(LanguageModel m, DecoderState a, DecoderState b, Conversation conv)
      throws Exception {
    Decoder d = m.decoder();
    Path dir = Files.createTempDirectory("cockpit-bench-snap");
    try {
      SnapshotStore store = new SnapshotStore(dir);
      SessionId id = new SessionId("bench-" + m.config().profile());
      List<Snapshot.Turn> transcript = new ArrayList<>();
      for (int t = 0; t < conv.turns(); t++) {
        transcript.add(new Snapshot.Turn("user", conv.userTexts.get(t), conv.users.get(t).length));
        transcript.add(new Snapshot.Turn("assistant", "(fixed reply ids)", conv.replies.get(t).length));
      }
      Snapshot snap = new Snapshot(id, m.fingerprint(), conv.systemPrompt, Map.of(), transcript, a.position(),
          a.serializedBytes());
      double[] save = new double[SNAPSHOT_REPEATS];
      for (int i = 0; i < save.length; i++) {
        long s = System.nanoTime();
        store.save(snap, a::writeTo);
        save[i] = (System.nanoTime() - s) / 1e6;
      }
      long fileBytes = Files.size(store.fileOf(id));
      double[] load = new double[SNAPSHOT_REPEATS];
      try (DecoderState restored = d.newState()) {
        warm(d, restored, conv);
        for (int i = 0; i < load.length; i++) {
          restored.reset();
          long s = System.nanoTime();
          Optional<LoadedSnapshot> got = store.load(id, m.fingerprint(), restored::readFrom);
          load[i] = (System.nanoTime() - s) / 1e6;
          if (got.isEmpty() || restored.position() != a.position()) {
            throw new IllegalStateException("snapshot did not restore the state");
          }
        }
        int[] all = conv.all();
        long s = System.nanoTime();
        b.reset();
        d.prefill(b, d.embed(all), all.length, null);
        double reprefillMs = (System.nanoTime() - s) / 1e6;

        int tokens = a.position();
        int probe = conv.replies.get(0)[0];
        float[] fromRestored = d.decode(restored, probe, null);
        float[] fromReprefill = d.decode(b, probe, null);
        float[] fromOriginal = d.decode(a, probe, null);
        double loadMs = median(load);
        return new JsonObject().put("tokens", tokens).put("file_bytes", fileBytes)
            .put("file_mib", round(fileBytes / 1048576.0, 2)).put("save_ms", round(median(save), 2))
            .put("save_ms_runs", arr(save)).put("load_ms", round(loadMs, 2)).put("load_ms_runs", arr(load))
            .put("reprefill_ms", round(reprefillMs, 1))
            .put("reprefill_over_load", round(reprefillMs / loadMs, 1))
            .put("logits_max_abs_diff_restored_vs_reprefilled", maxAbsDiff(fromRestored, fromReprefill))
            .put("logits_max_abs_diff_restored_vs_original", maxAbsDiff(fromRestored, fromOriginal))
            .put("logits_max_abs", maxAbs(fromRestored))
            .put("same_argmax_restored_vs_reprefilled", Decoder.argmax(fromRestored) == Decoder.argmax(fromReprefill));
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      } catch (IOException ignored) {
        // A temp dir left behind is harmless.
      }
    }
  }

  private static JsonObject decodeRate(Decoder d, DecoderState s, Conversation conv) throws Exception {
    int[] ids = conv.replies.get(1);
    int context = s.position();
    for (int i = 0; i < DECODE_WARMUP; i++) {
      d.decode(s, ids[i % ids.length], null);
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < DECODE_STEPS; i++) {
      d.decode(s, ids[(i + DECODE_WARMUP) % ids.length], null);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    return new JsonObject().put("context", context).put("decode_tok_s", round(DECODE_STEPS / secs, 1))
        .put("ms_per_token", round(secs * 1e3 / DECODE_STEPS, 2));
  }

  /** One run of the prefill (chunk and padded remainder) and decode graphs, so timings exclude first-run costs. */
  private static void warm(Decoder d, DecoderState s, Conversation conv) throws Exception {
    s.reset();
    int[] w = Arrays.copyOf(conv.all(), d.chunk() + 7);
    d.prefill(s, d.embed(w), w.length, null);
    d.decode(s, w[0], null);
    s.reset();
  }

  private static void feed(Decoder d, DecoderState s, int[] ids) throws Exception {
    d.prefill(s, d.embed(ids), ids.length, null);
  }

  /**
   * The deterministic conversation: start (BOS + system block), per turn the user turn with the
   * reply prompt, then the fixed reply ids and {@code <|im_end|>\n}.
   */
  static final class Conversation {
    final String systemPrompt;
    final int[] start;
    final List<String> userTexts = new ArrayList<>();
    final List<int[]> users = new ArrayList<>();
    final List<int[]> replies = new ArrayList<>(); // reply ids + endAssistant

    private Conversation(String systemPrompt, int[] start) {
      this.systemPrompt = systemPrompt;
      this.start = start;
    }

    static Conversation build(LanguageModel m, int maxTurns) {
      Tokenizer tok = m.tokenizer();
      ChatFormat chat = m.chat();
      int capacity = m.decoder().capacity();
      SplittableRandom rnd = new SplittableRandom(42);
      String system = grow(tok, "You are the cockpit assistant of this car. Answer briefly, be safe, and never"
          + " distract the driver.", 60, rnd);
      Conversation c = new Conversation(system, chat.start(system));
      int overhead = chat.userTurn("").length;
      int[] end = chat.endAssistant();
      int limit = Math.min(TARGET_TOKENS + 40, capacity - RESERVE);
      for (int t = 0; t < maxTurns; t++) {
        int pos = c.totalTokens();
        int perTurn = (TARGET_TOKENS - pos) / (maxTurns - t);
        int contentTarget = Math.max(8, perTurn - REPLY_TOKENS - end.length - overhead);
        String text = grow(tok, "", contentTarget, rnd);
        int[] user = chat.userTurn(text);
        int[] reply = replyIds(tok, rnd, REPLY_TOKENS);
        int[] closed = Arrays.copyOf(reply, reply.length + end.length);
        System.arraycopy(end, 0, closed, reply.length, end.length);
        if (pos + user.length + closed.length > limit) {
          break;
        }
        c.userTexts.add(text);
        c.users.add(user);
        c.replies.add(closed);
      }
      return c;
    }

    /** Appends words to {@code base} until the untrusted encoding has at least {@code tokens} ids. */
    private static String grow(Tokenizer tok, String base, int tokens, SplittableRandom rnd) {
      StringBuilder s = new StringBuilder(base);
      while (tok.encodeUntrusted(s.toString()).length < tokens) {
        if (!s.isEmpty()) {
          s.append(' ');
        }
        s.append(WORDS[rnd.nextInt(WORDS.length)]);
      }
      return s.toString();
    }

    private static int[] replyIds(Tokenizer tok, SplittableRandom rnd, int n) {
      StringBuilder s = new StringBuilder("Okay,");
      int[] ids = tok.encodeUntrusted(s.toString());
      while (ids.length < n) {
        s.append(' ').append(WORDS[rnd.nextInt(WORDS.length)]);
        ids = tok.encodeUntrusted(s.toString());
      }
      return Arrays.copyOf(ids, n);
    }

    int turns() {
      return users.size();
    }

    int totalTokens() {
      int n = start.length;
      for (int t = 0; t < users.size(); t++) {
        n += users.get(t).length + replies.get(t).length;
      }
      return n;
    }

    /** Tokens in the state once turn {@code t}'s user tokens are fed (B's prompt length). */
    int contextAfterUser(int t) {
      int n = start.length;
      for (int i = 0; i < t; i++) {
        n += users.get(i).length + replies.get(i).length;
      }
      return n + users.get(t).length;
    }

    /** B's prompt for turn {@code t}: start, every earlier turn with its reply, the new user turn. */
    int[] promptOfTurn(int t) {
      int[] out = new int[contextAfterUser(t)];
      int at = copy(start, out, 0);
      for (int i = 0; i < t; i++) {
        at = copy(users.get(i), out, at);
        at = copy(replies.get(i), out, at);
      }
      copy(users.get(t), out, at);
      return out;
    }

    /** The whole conversation, replies closed. */
    int[] all() {
      int[] out = new int[totalTokens()];
      int at = copy(start, out, 0);
      for (int i = 0; i < users.size(); i++) {
        at = copy(users.get(i), out, at);
        at = copy(replies.get(i), out, at);
      }
      return out;
    }

    private static int copy(int[] src, int[] dst, int at) {
      System.arraycopy(src, 0, dst, at, src.length);
      return at + src.length;
    }

    boolean sameTokens(Conversation o) {
      return Arrays.equals(all(), o.all()) && turns() == o.turns();
    }

    JsonObject describe() {
      return new JsonObject().put("turns", turns()).put("system_block_tokens", start.length)
          .put("user_turn_tokens_mean", round(users.stream().mapToInt(u -> u.length).average().orElse(0), 1))
          .put("user_turn_tokens_min", users.stream().mapToInt(u -> u.length).min().orElse(0))
          .put("user_turn_tokens_max", users.stream().mapToInt(u -> u.length).max().orElse(0))
          .put("reply_tokens_with_end", replies.isEmpty() ? 0 : replies.get(0).length)
          .put("final_tokens", totalTokens());
    }
  }

  private static JsonObject stats(List<Double> v) {
    if (v.isEmpty()) {
      return new JsonObject();
    }
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double p50 = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return new JsonObject().put("n", s.length).put("mean_ms", round(mean(v), 2)).put("p50_ms", round(p50, 2))
        .put("last_ms", round(v.get(v.size() - 1), 2));
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static JsonArray arr(double[] v) {
    JsonArray a = new JsonArray();
    for (double x : v) {
      a.add(round(x, 2));
    }
    return a;
  }

  private static double maxAbsDiff(float[] x, float[] y) {
    double m = 0;
    for (int i = 0; i < x.length; i++) {
      m = Math.max(m, Math.abs((double) x[i] - y[i]));
    }
    return m;
  }

  private static double maxAbs(float[] x) {
    double m = 0;
    for (float f : x) {
      m = Math.max(m, Math.abs(f));
    }
    return m;
  }

  private static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
