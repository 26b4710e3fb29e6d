package cockpit.npu.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The bounded executor every inference runs on: platform threads (ONNX Runtime calls would pin a
 * virtual thread's carrier), served safety first — before dialogue before background work — yet fair
 * by the {@link FairShare} rule: while both wait, dialogue gets its share of the measured inference time
 * and is never passed over by more than a burst of safety starts, so a flood of camera frames cannot
 * starve a conversation (issue #11, defect 6). FIFO within a priority. At most {@code queueCapacity} jobs <em>of each priority</em> wait; more of that priority are
 * refused with a RejectedExecutionException (never queued without bound), and a full safety queue never
 * refuses dialogue. Jobs are not preempted.
 *
 * <p>Thread-safe. Owns its threads from construction to {@link #close()}, which lets the jobs already
 * queued finish (up to 30 s) and fails the rest.
 */
public final class InferenceExecutor implements AutoCloseable {
  /** Who is asking; lower ordinal runs first. */
  public enum Priority {
    SAFETY, DIALOGUE, BACKGROUND
  }

  /**
   * Cumulative counts of one priority: jobs submitted, refused (queue full or closed), started, and the
   * nanoseconds they waited from submission to start (total and longest).
   */
  public record Stats(long submitted, long refused, long started, long waitNanosTotal, long waitNanosMax) {
    public Stats {
      if (submitted < 0 || refused < 0 || started < 0 || waitNanosTotal < 0 || waitNanosMax < 0) {
        throw new IllegalArgumentException("counts cannot be negative");
      }
    }
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition jobWaiting = lock.newCondition();
  private final FairQueue<Job<?>> queue;
  private final int capacity;
  private final LongSupplier nanoClock;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLongArray submitted = counters();
  private final AtomicLongArray refused = counters();
  private final AtomicLongArray started = counters();
  private final AtomicLongArray waitTotal = counters();
  private final AtomicLongArray waitMax = counters();
  private boolean closed;

  private final class Job<T> {
    final Priority priority;
    final Callable<T> work;
    final long queuedAt;
    final CompletableFuture<T> result = new CompletableFuture<>();
    long ranNanos;

    Job(Priority priority, Callable<T> work, long queuedAt) {
      this.priority = priority;
      this.work = work;
      this.queuedAt = queuedAt;
    }

    void run() {
      long start = nanoClock.getAsLong();
      try {
        runTimed(start);
      } finally {
        ranNanos = Math.max(0, nanoClock.getAsLong() - start);
      }
    }

    private void runTimed(long start) {
      long waited = Math.max(0, start - queuedAt);
      int i = priority.ordinal();
      started.incrementAndGet(i);
      waitTotal.addAndGet(i, waited);
      waitMax.accumulateAndGet(i, waited, Math::max);
      if (result.isDone()) {
        return; // cancelled while waiting
      }
      try {
        result.complete(work.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }
  }

  /** With the {@link FairShare#DEFAULT} rule. */
  public InferenceExecutor(int threads, int queueCapacity) {
    this(threads, queueCapacity, FairShare.DEFAULT);
  }

  public InferenceExecutor(int threads, int queueCapacity, FairShare share) {
    this(threads, queueCapacity, share, System::nanoTime);
  }

  /** @param nanoClock where wait times are read (tests pass a controlled one) */
  InferenceExecutor(int threads, int queueCapacity, FairShare share, LongSupplier nanoClock) {
    if (threads < 1) {
      throw new IllegalArgumentException("inference threads must be at least 1, got " + threads);
    }
    this.queue = new FairQueue<>(share, queueCapacity);
    this.capacity = queueCapacity;
    this.nanoClock = nanoClock;
    for (int i = 1; i <= threads; i++) {
      Thread t = new Thread(this::serve, "cockpit-inference-" + i);
      t.setDaemon(true);
      this.threads.add(t);
      t.start();
    }
  }

  /** Runs {@code work} on an inference thread; the future fails if it throws or is refused. */
  public <T> CompletableFuture<T> submit(Priority priority, Callable<T> work) {
    Job<T> job = new Job<>(priority, work, nanoClock.getAsLong());
    int i = priority.ordinal();
    submitted.incrementAndGet(i);
    lock.lock();
    try {
      if (closed) {
        refused.incrementAndGet(i);
        return CompletableFuture.failedFuture(new RejectedExecutionException("the inference executor is shut down"));
      }
      if (!queue.offer(priority, job)) {
        refused.incrementAndGet(i);
        return CompletableFuture.failedFuture(new RejectedExecutionException("inference queue full ("
            + capacity + " " + priority.name().toLowerCase(java.util.Locale.ROOT) + " tasks waiting); try again later"));
      }
      jobWaiting.signal();
    } finally {
      lock.unlock();
    }
    return job.result;
  }

  private void serve() {
    while (true) {
      Job<?> next;
      lock.lock();
      try {
        while (queue.size() == 0 && !closed) {
          jobWaiting.awaitUninterruptibly();
        }
        next = queue.poll();
      } finally {
        lock.unlock();
      }
      if (next == null) {
        return; // closed and drained
      }
      next.run();
      lock.lock();
      try {
        queue.finished(next.priority, next.ranNanos); // the time share is paid in measured run time
      } finally {
        lock.unlock();
      }
    }
  }

  /** Jobs waiting for a thread now. */
  public int waiting() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** The counters so far, per priority; safe from any thread. */
  public java.util.Map<Priority, Stats> stats() {
    java.util.Map<Priority, Stats> out = new java.util.EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      int i = p.ordinal();
      out.put(p, new Stats(submitted.get(i), refused.get(i), started.get(i), waitTotal.get(i), waitMax.get(i)));
    }
    return out;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      jobWaiting.signalAll();
    } finally {
      lock.unlock();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try {
      for (Thread t : threads) {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Job<?>> left;
    lock.lock();
    try {
      left = queue.drain();
    } finally {
      lock.unlock();
    }
    left.forEach(j -> j.result.completeExceptionally(new RejectedExecutionException(
        "the inference executor shut down before this task started")));
    threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
  }

  private static AtomicLongArray counters() {
    return new AtomicLongArray(Priority.values().length);
  }
}
