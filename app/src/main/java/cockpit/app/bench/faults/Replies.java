package cockpit.app.bench.faults;

import cockpit.proto.v1.FinishReason;
import cockpit.proto.v1.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Replies seen on the bus, for the utterance ids the suite registered before sending them: when the first
 * chunk came, the final Reply, and how many chunks. Replies to ids nobody registered (fuzzed utterances)
 * are only counted, so memory stays bounded whatever a fuzz run sends. Thread-safe.
 */
final class Replies {
  final LongAdder untracked = new LongAdder();
  private final Map<String, Track> tracks = new ConcurrentHashMap<>();

  /** One utterance: the nanoTime it was sent, and what came back. */
  static final class Track {
    final String utteranceId;
    final long sentNanos = System.nanoTime();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long firstChunkNanos;
    private volatile long finalNanos;
    private volatile Reply last;
    private volatile int chunks;

    private Track(String utteranceId) {
      this.utteranceId = utteranceId;
    }

    private synchronized void onReply(Reply r) {
      if (firstChunkNanos == 0) {
        firstChunkNanos = System.nanoTime();
      }
      chunks++;
      if (r.getIsFinal()) {
        finalNanos = System.nanoTime();
        last = r;
        done.countDown();
      }
    }

    /** The final Reply, waiting up to {@code timeout}. */
    Optional<Reply> awaitFinal(Duration timeout) throws InterruptedException {
      done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return Optional.ofNullable(last);
    }

    Optional<Reply> finalReply() {
      return Optional.ofNullable(last);
    }

    /** Milliseconds from sending to the first chunk (any chunk, the final one included); -1 if none yet. */
    double firstChunkMs() {
      long f = firstChunkNanos;
      return f == 0 ? -1 : (f - sentNanos) / 1e6;
    }

    /** {@link System#nanoTime()} when the final Reply arrived; 0 before. */
    long finalNanos() {
      return finalNanos;
    }

    /** Whether the final Reply is a completed turn (not an error, not cancelled). */
    boolean completed() {
      Reply r = last;
      return r != null && r.getFinishReason() != FinishReason.FINISH_REASON_ERROR
          && r.getFinishReason() != FinishReason.FINISH_REASON_CANCELLED;
    }
  }

  /** Registers {@code utteranceId}; call before sending it. */
  Track expect(String utteranceId) {
    Track t = new Track(utteranceId);
    tracks.put(utteranceId, t);
    return t;
  }

  /** Stops tracking (the track object stays valid for its holder). */
  void forget(String utteranceId) {
    tracks.remove(utteranceId);
  }

  void onReply(Reply r) {
    Track t = tracks.get(r.getUtteranceId());
    if (t == null) {
      untracked.increment();
    } else {
      t.onReply(r);
    }
  }
}
