package cockpit.lm.vision;

import cockpit.lm.CancelHandle;
import cockpit.lm.VisionEncoder;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Image features [tokens · H] of recent frames, so perception and dialogue share one encoder run per
 * frame: the first caller for a {@link FrameKey} runs the encoder, callers for the same key while it runs
 * wait for that run, later callers get the stored features. At most {@code capacity} frames are kept;
 * the least recently used goes first (an encode in flight is never dropped before it completes for its
 * waiters). A run that fails or is cancelled is not kept: a waiter then runs the encoder itself.
 *
 * <p>Thread-safe; any number of inference threads may call it at once (the encoder is thread-safe and
 * runs outside the cache's lock). The returned arrays are shared: callers read them and never write.
 * Does not own the encoder: its opener closes it after the last caller is done.
 */
public final class FeatureCache {
  private final VisionEncoder encoder;
  private final int capacity;
  private final Object lock = new Object();
  /** Access order: least recently used first. Guarded by {@link #lock}. */
  private final Map<FrameKey, CompletableFuture<float[]>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final LongAdder runs = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder joins = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  /** Cumulative counters: encoder runs, cached answers, waits on another caller's run, frames dropped. */
  public record Stats(long encoderRuns, long hits, long joins, long evictions, int size) {}

  /**
   * @param capacity frames kept (at least 1); each holds {@code tokens · H} floats
   */
  public FeatureCache(VisionEncoder encoder, int capacity) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    if (capacity < 1) {
      throw new IllegalArgumentException("a feature cache keeps at least one frame, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** The encoder the cache runs. */
  public VisionEncoder encoder() {
    return encoder;
  }

  /**
   * The features of frame {@code key}, encoding {@code pixels.get()} ([3, S, S] in [0, 1]) only when no
   * caller has encoded or is encoding that frame.
   *
   * @param pixels called at most once, on this thread, and only on a miss
   * @param cancel stops this caller's own encode; null when it cannot be cancelled
   * @throws RuntimeException what {@code pixels} or the encoder threw (the frame is then not kept)
   */
  public float[] features(FrameKey key, Supplier<float[]> pixels, CancelHandle cancel) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(pixels, "pixels");
    for (int attempt = 0; ; attempt++) {
      CompletableFuture<float[]> mine = new CompletableFuture<>();
      CompletableFuture<float[]> theirs;
      synchronized (lock) {
        theirs = entries.putIfAbsent(key, mine);
        if (theirs == null) {
          trim();
        }
      }
      if (theirs == null) {
        return run(key, mine, pixels, cancel);
      }
      (theirs.isDone() ? hits : joins).increment();
      try {
        return theirs.join();
      } catch (CompletionException | java.util.concurrent.CancellationException e) {
        if (attempt > 0) { // the owner's run failed twice: not a cancellation, a frame the encoder refuses
          throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        // the other caller's run failed or was cancelled and is gone from the map: try once ourselves
      }
    }
  }

  /** Encodes {@code pixels} without keeping the features (an image that no one else will ask for). */
  public float[] encode(float[] pixels, CancelHandle cancel) {
    float[] f = encoder.encode(pixels, cancel);
    runs.increment();
    return f;
  }

  private float[] run(FrameKey key, CompletableFuture<float[]> mine, Supplier<float[]> pixels,
      CancelHandle cancel) {
    try {
      float[] f = encoder.encode(pixels.get(), cancel);
      runs.increment();
      mine.complete(f);
      return f;
    } catch (RuntimeException | Error e) {
      synchronized (lock) {
        entries.remove(key, mine);
      }
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /** Drops least recently used frames beyond the capacity. Called with {@link #lock} held. */
  private void trim() {
    Iterator<CompletableFuture<float[]>> it = entries.values().iterator();
    while (entries.size() > capacity && it.hasNext()) {
      it.next();
      it.remove(); // an encode in flight still completes for the callers holding its future
      evictions.increment();
    }
  }

  /** Counters so far; safe from any thread. */
  public Stats stats() {
    int size;
    synchronized (lock) {
      size = entries.size();
    }
    return new Stats(runs.sum(), hits.sum(), joins.sum(), evictions.sum(), size);
  }
}
