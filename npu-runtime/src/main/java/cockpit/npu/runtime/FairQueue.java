package cockpit.npu.runtime;

import cockpit.npu.runtime.InferenceExecutor.Priority;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The waiting jobs of the {@link InferenceExecutor}: one bounded FIFO per priority and the {@link FairShare}
 * rule choosing which one starts next. Per priority it keeps how many jobs of higher priorities started in a
 * row while it waited ({@code passedOver}) and, for dialogue, a time credit: the higher-priority run time
 * that finished while it waited, weighted by its share, minus its own run time. A lower priority starts
 * first when its count reached its burst, or else when its credit is positive; otherwise the highest
 * waiting priority starts. With nothing queued a count resets; a job arriving to an empty queue
 * drops its priority's credit to at most 0 (a debt is kept, a credit is not banked across idle time). Plain data, no clock, no threads: the executor calls it under its
 * lock with the run times it measured, and the tests drive it directly.
 *
 * @param <T> the job type
 */
final class FairQueue<T> {
  private static final Priority[] ORDER = Priority.values(); // highest first
  private final FairShare share;
  private final int capacity;
  private final ArrayDeque<T>[] waiting;
  private final int[] passedOver = new int[ORDER.length];
  private final double[] creditNanos = new double[ORDER.length];

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
    if (q.isEmpty()) {
      creditNanos[p.ordinal()] = Math.min(creditNanos[p.ordinal()], 0);
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
    T job = waiting[p.ordinal()].pollFirst();
    settleIdle();
    return job;
  }

  /**
   * The priority whose head starts next under the rule, or null when nothing waits: a lower priority
   * passed over its burst (the highest such), else one owed time, else the highest waiting. A count that
   * is due goes before a credit, so a credit cannot push the backstop further out.
   */
  Priority next() {
    Priority highest = null;
    Priority owed = null;
    for (Priority p : ORDER) {
      if (waiting[p.ordinal()].isEmpty()) {
        continue;
      }
      if (highest == null) {
        highest = p;
      } else if (passedOver[p.ordinal()] >= share.burst(p)) {
        return p; // passed over long enough: its turn, ahead of the higher priorities
      } else if (owed == null && creditNanos[p.ordinal()] > 0) {
        owed = p;
      }
    }
    return owed != null ? owed : highest;
  }

  /** Accounts a job of {@code p} that ran {@code nanos}: credit to the waiting lower priorities, debt to its own. */
  void finished(Priority p, long nanos) {
    for (int i = p.ordinal() + 1; i < ORDER.length; i++) {
      if (!waiting[i].isEmpty()) {
        creditNanos[i] += nanos * share.creditRate(ORDER[i]);
      }
    }
    if (share.creditRate(p) > 0) {
      creditNanos[p.ordinal()] -= nanos;
    }
    settleIdle();
  }

  /** Counts a start of {@code p} against every lower priority that is waiting. */
  private void started(Priority p) {
    passedOver[p.ordinal()] = 0;
    for (int i = p.ordinal() + 1; i < ORDER.length; i++) {
      if (!waiting[i].isEmpty()) {
        passedOver[i]++;
      }
    }
  }

  private void settleIdle() {
    for (int i = 0; i < ORDER.length; i++) {
      if (waiting[i].isEmpty()) {
        passedOver[i] = 0;
      }
    }
  }

  /** Dialogue's time credit now, in nanoseconds (negative: a debt), for tests and status. */
  double credit(Priority p) {
    return creditNanos[p.ordinal()];
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
  List<T> drain() {
    List<T> all = new ArrayList<>();
    for (ArrayDeque<T> q : waiting) {
      all.addAll(q);
      q.clear();
    }
    Arrays.fill(passedOver, 0);
    Arrays.fill(creditNanos, 0);
    return all;
  }
}
