package cockpit.npu.runtime;

import cockpit.npu.runtime.InferenceExecutor.Priority;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The waiting jobs of the {@link InferenceExecutor}: one bounded FIFO per priority and the {@link FairShare}
 * rule choosing which one starts next. Each priority counts how many jobs of higher priorities started in a
 * row while it waited ({@code passedOver}); once that reaches its burst, its head starts next (the highest
 * such priority first). A priority with nothing waiting has its count reset: the rule bounds waiting, it
 * does not bank credit. Plain data, no clock, no threads: the executor calls it under its lock, and the
 * tests drive it directly.
 *
 * @param <T> the job type
 */
final class FairQueue<T> {
  private static final Priority[] ORDER = Priority.values(); // highest first
  private final FairShare share;
  private final int capacity;
  private final ArrayDeque<T>[] waiting;
  private final int[] passedOver = new int[ORDER.length];

  @SuppressWarnings("unchecked")
  FairQueue(FairShare share, int capacityPerPriority) {
    this.share = Objects.requireNonNull(share, "share");
    if (capacityPerPriority < 1) {
      throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacityPerPriority);
    }
    this.capacity = capacityPerPriority;
    this.waiting = new ArrayDeque[ORDER.length];
    for (int i = 0; i < ORDER.length; i++) {
      waiting[i] = new ArrayDeque<>();
    }
  }

  /** Queues {@code job}; false (nothing queued) when {@code p} already has its capacity waiting. */
  boolean offer(Priority p, T job) {
    ArrayDeque<T> q = waiting[p.ordinal()];
    if (q.size() >= capacity) {
      return false;
    }
    q.addLast(Objects.requireNonNull(job, "job"));
    return true;
  }

  /** The job to start now, or null when nothing waits. */
  T poll() {
    Priority p = next();
    if (p == null) {
      return null;
    }
    started(p);
    return waiting[p.ordinal()].pollFirst();
  }

  /** The priority whose head starts next under the rule, or null when nothing waits. */
  Priority next() {
    Priority highest = null;
    for (Priority p : ORDER) {
      if (waiting[p.ordinal()].isEmpty()) {
        continue;
      }
      if (highest == null) {
        highest = p;
      } else if (passedOver[p.ordinal()] >= share.burst(p)) {
        return p; // passed over long enough: its turn, ahead of the higher priorities
      }
    }
    return highest;
  }

  /** Counts a start of {@code p} against every lower priority that is waiting. */
  private void started(Priority p) {
    passedOver[p.ordinal()] = 0;
    for (int i = 0; i < ORDER.length; i++) {
      if (waiting[i].isEmpty()) {
        passedOver[i] = 0;
      } else if (i > p.ordinal()) {
        passedOver[i]++;
      }
    }
  }

  int size(Priority p) {
    return waiting[p.ordinal()].size();
  }

  int size() {
    int n = 0;
    for (ArrayDeque<T> q : waiting) {
      n += q.size();
    }
    return n;
  }

  /** Empties every queue and returns what waited, highest priority first. */
  java.util.List<T> drain() {
    java.util.List<T> all = new java.util.ArrayList<>();
    for (ArrayDeque<T> q : waiting) {
      all.addAll(q);
      q.clear();
    }
    java.util.Arrays.fill(passedOver, 0);
    return all;
  }
}
