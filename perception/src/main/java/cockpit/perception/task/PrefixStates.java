package cockpit.perception.task;

import cockpit.lm.Decoder;
import cockpit.lm.DecoderState;
import cockpit.lm.vision.FrameKey;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decoder states after the prompt prefixes that every task turn shares, forked ({@link DecoderState#copyTo})
 * into each task's own state so that a task prefills only its question:
 *
 * <pre>
 * [system]                  once per runner (the model and the system prompt are fixed)
 * [system][image block]     once per frame: the system state forked, then the user header and the image rows
 * [question][assistant]     per task, on a fork of the frame's state
 * </pre>
 *
 * The frame states are kept for the last {@code frames} frames, keyed like the feature cache
 * ({@link FrameKey}: camera, sequence, capture time), least recently used dropped first. The first caller for
 * a frame prefills its prefix; callers for the same frame meanwhile wait for that prefill (a failed one is not
 * kept: a waiter then prefills itself). A hybrid model's fork is cheap: conv layers copy {@code H × L} floats,
 * only the attention layers copy rows (≈ 300 per frame).
 *
 * <p>Thread-safe: any number of inference threads fork at once; a cached state is only read by forks (each
 * holds it while copying, so an eviction closes it after the last copy). Owns the cached states (for the ONNX
 * Runtime backend each is one fixed-capacity state, {@link DecoderState#bytes()}); {@link #close} frees them,
 * after which forks still work but nothing is kept. Uses, does not own, the decoder.
 */
public final class PrefixStates implements AutoCloseable {
  private final Decoder decoder;
  private final int[] system;
  private final int frames;
  private final Object lock = new Object();
  /** Access order, least recently used first; guarded by {@link #lock}. */
  private final Map<FrameKey, CompletableFuture<Entry>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private CompletableFuture<Entry> systemState; // guarded by lock
  private boolean closed; // guarded by lock
  private final LongAdder prefills = new LongAdder();
  private final LongAdder prefillNanos = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder joins = new LongAdder();
  private final LongAdder forks = new LongAdder();
  private final LongAdder forkBytes = new LongAdder();
  private final LongAdder forkNanos = new LongAdder();

  /**
   * Cumulative counters: prefix prefills run (system and frame) and their time, frames found ready or joined
   * while prefilling, forks with the bytes and time they copied, frames kept now.
   */
  public record Stats(long prefixPrefills, long prefixPrefillNanos, long hits, long joins, long forks, long forkBytes,
      long forkNanos, int frames) {}

  /** One fork into a task's state: bytes and time of the copy, and the prefix prefill this caller ran (0 if none). */
  public record Fork(long bytes, long forkNanos, long prefillNanos) {}

  /**
   * @param systemTokens the prompt's system block ({@link TaskFormat#systemTokens()}), the prefix of every prompt
   * @param frames frames whose prefix states are kept (at least 1)
   */
  public PrefixStates(Decoder decoder, int[] systemTokens, int frames) {
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    this.system = Objects.requireNonNull(systemTokens, "systemTokens").clone();
    if (system.length == 0) {
      throw new IllegalArgumentException("the system prefix has no tokens");
    }
    if (frames < 1) {
      throw new IllegalArgumentException("prefix states keep at least one frame, got " + frames);
    }
    this.frames = frames;
  }

  /**
   * Makes {@code target} the state after the first {@code prefixRows} rows of {@code prompt} for frame
   * {@code key}: the system block (which {@code prompt} must start with) and the frame's image block.
   *
   * @param embeds the prompt's embedding rows [prompt.length · H], image rows already replaced by features
   * @throws IllegalArgumentException if the prompt does not start with the system block or the prefix ends inside it
   * @throws RuntimeException what the decoder threw prefilling the prefix (nothing is kept then)
   */
  public Fork fork(FrameKey key, int[] prompt, float[] embeds, int prefixRows, DecoderState target) {
    Objects.requireNonNull(key, "key");
    if (prefixRows <= system.length || prefixRows > prompt.length
        || !Arrays.equals(prompt, 0, system.length, system, 0, system.length)) {
      throw new IllegalArgumentException("the prompt must start with the system block of " + system.length
          + " tokens and the frame prefix (" + prefixRows + " rows) must end after it, within " + prompt.length);
    }
    for (int attempt = 0; ; attempt++) {
      CompletableFuture<Entry> mine = new CompletableFuture<>();
      CompletableFuture<Entry> theirs;
      synchronized (lock) {
        theirs = closed ? null : entries.putIfAbsent(key, mine);
        if (theirs == null && !closed) {
          trim();
        }
      }
      if (theirs == null) {
        long t0 = System.nanoTime();
        Entry e = build(mine, () -> prefillFrame(embeds, prefixRows), Arrays.copyOf(prompt, prefixRows));
        long built = System.nanoTime() - t0;
        Fork f = copyHeld(e, target, true);
        return new Fork(f.bytes(), f.forkNanos(), built);
      }
      (theirs.isDone() ? hits : joins).increment();
      Fork f = tryCopy(theirs, prompt, prefixRows, target, attempt);
      if (f != null) {
        return f;
      }
    }
  }

  /** Forks the frame state of a finished or running prefill; null when it failed or was dropped (then retry). */
  private Fork tryCopy(CompletableFuture<Entry> theirs, int[] prompt, int prefixRows, DecoderState target,
      int attempt) {
    Entry e;
    try {
      e = theirs.join();
    } catch (CompletionException | java.util.concurrent.CancellationException ex) {
      if (attempt > 0) { // failed twice: the prefix itself is refused, not a race
        throw ex.getCause() instanceof RuntimeException r ? r : ex;
      }
      return null;
    }
    if (!Arrays.equals(e.tokens, 0, e.tokens.length, prompt, 0, prefixRows)) {
      throw new IllegalArgumentException("this prompt's prefix differs from the one kept for"
          + " the frame; every task on a frame must share the system and image block");
    }
    return e.acquire() ? copyHeld(e, target, true) : null;
  }

  private DecoderState prefillFrame(float[] embeds, int prefixRows) {
    DecoderState s = decoder.newState();
    try {
      copyHeld(heldSystemEntry(), s, false);
      int h = decoder.config().hiddenSize();
      long t0 = System.nanoTime();
      decoder.prefill(s, Arrays.copyOfRange(embeds, system.length * h, prefixRows * h), prefixRows - system.length,
          null);
      prefillNanos.add(System.nanoTime() - t0);
      prefills.increment();
      return s;
    } catch (RuntimeException | Error e) {
      s.close();
      throw e;
    }
  }

  /**
   * The state after the system block, prefilled by the first caller and kept until {@link #close}; returned held
   * (the caller copies it with {@link #copyHeld}, which lets it go).
   */
  private Entry heldSystemEntry() {
    CompletableFuture<Entry> mine = new CompletableFuture<>();
    CompletableFuture<Entry> theirs;
    synchronized (lock) {
      theirs = closed ? null : systemState;
      if (!closed && (theirs == null || theirs.isCompletedExceptionally())) {
        systemState = mine;
        theirs = null;
      }
    }
    if (theirs != null) {
      Entry e = theirs.join();
      if (e.acquire()) {
        return e;
      }
      mine = new CompletableFuture<>(); // freed by a close meanwhile: prefill one that is not kept
    }
    return build(mine, () -> {
      DecoderState s = decoder.newState();
      try {
        long t0 = System.nanoTime();
        decoder.prefill(s, decoder.embed(system), system.length, null);
        prefillNanos.add(System.nanoTime() - t0);
        prefills.increment();
        return s;
      } catch (RuntimeException | Error e) {
        s.close();
        throw e;
      }
    }, system);
  }

  /** Runs {@code prefill} for the entry {@code mine} stands for; a failure removes it so a later caller retries. */
  private Entry build(CompletableFuture<Entry> mine, java.util.function.Supplier<DecoderState> prefill,
      int[] tokens) {
    DecoderState s;
    try {
      s = prefill.get();
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        entries.values().remove(mine);
      }
      mine.completeExceptionally(e);
      throw e;
    }
    Entry e = new Entry(s, tokens);
    e.acquire(); // held by its builder until its own copy, so an eviction meanwhile cannot close it first
    boolean kept;
    synchronized (lock) {
      kept = !closed && (entries.containsValue(mine) || systemState == mine);
    }
    if (!kept) {
      e.drop();
    }
    mine.complete(e);
    return e;
  }

  /** Copies a held entry into {@code target}, then lets it go; {@code task} counts it as a fork into a task. */
  private Fork copyHeld(Entry held, DecoderState target, boolean task) {
    try {
      long t0 = System.nanoTime();
      long bytes = held.state.copyTo(target);
      long nanos = System.nanoTime() - t0;
      if (task) {
        forks.increment();
        forkBytes.add(bytes);
        forkNanos.add(nanos);
      }
      return new Fork(bytes, nanos, 0);
    } finally {
      held.release();
    }
  }

  /** Drops least recently used frames beyond the bound. Called with {@link #lock} held. */
  private void trim() {
    Iterator<CompletableFuture<Entry>> it = entries.values().iterator();
    while (entries.size() > frames && it.hasNext()) {
      CompletableFuture<Entry> f = it.next();
      it.remove();
      f.thenAccept(Entry::drop); // a prefill in flight drops its state once done (its builder holds it till then)
    }
  }

  /** Counters so far; safe from any thread. */
  public Stats stats() {
    int size;
    synchronized (lock) {
      size = entries.size();
    }
    return new Stats(prefills.sum(), prefillNanos.sum(), hits.sum(), joins.sum(), forks.sum(), forkBytes.sum(),
        forkNanos.sum(), size);
  }

  /** Frees the kept states (each after the forks copying from it); later forks prefill their prefix uncached. */
  @Override
  public void close() {
    java.util.List<CompletableFuture<Entry>> all;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      all = new java.util.ArrayList<>(entries.values());
      entries.clear();
      if (systemState != null) {
        all.add(systemState);
      }
    }
    all.forEach(f -> f.thenAccept(Entry::drop));
  }

  /**
   * A kept state and the forks copying from it: freed once it is dropped (evicted, or the owner closed) and no
   * fork holds it. Thread-safe (its own monitor).
   */
  private static final class Entry {
    final DecoderState state;
    final int[] tokens;
    private int users;
    private boolean dropped;
    private boolean freed;

    Entry(DecoderState state, int[] tokens) {
      this.state = state;
      this.tokens = tokens;
    }

    /** Holds the state for one copy; false once it is freed (the caller then prefills its own). */
    synchronized boolean acquire() {
      if (freed) {
        return false;
      }
      users++;
      return true;
    }

    synchronized void release() {
      if (--users == 0 && dropped) {
        free();
      }
    }

    synchronized void drop() {
      dropped = true;
      if (users == 0) {
        free();
      }
    }

    private void free() {
      if (!freed) {
        freed = true;
        state.close();
      }
    }
  }
}
