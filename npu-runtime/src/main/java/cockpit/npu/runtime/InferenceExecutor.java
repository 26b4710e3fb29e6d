package cockpit.npu.runtime;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded executor every inference runs on: platform threads (ONNX Runtime calls would pin a
 * virtual thread's carrier), served by priority — safety perception before dialogue before
 * background work — and FIFO within a priority. At most {@code queueCapacity} tasks wait; more are
 * refused with a RejectedExecutionException, never queued without bound.
 */
public final class InferenceExecutor implements AutoCloseable {
  /** Who is asking; lower ordinal runs first. */
  public enum Priority {
    SAFETY, DIALOGUE, BACKGROUND
  }

  private final ThreadPoolExecutor pool;
  private final int capacity;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger waiting = new AtomicInteger();

  private static final class Task<T> implements Runnable, Comparable<Task<?>> {
    final Priority priority;
    final long seq;
    final Callable<T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    final AtomicInteger waiting;

    Task(Priority priority, long seq, Callable<T> work, AtomicInteger waiting) {
      this.priority = priority;
      this.seq = seq;
      this.work = work;
      this.waiting = waiting;
    }

    @Override
    public void run() {
      waiting.decrementAndGet();
      if (result.isDone()) {
        return; // cancelled while waiting
      }
      try {
        result.complete(work.call());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }

    @Override
    public int compareTo(Task<?> o) {
      int c = Integer.compare(priority.ordinal(), o.priority.ordinal());
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  public InferenceExecutor(int threads, int queueCapacity) {
    this.capacity = queueCapacity;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "cockpit-inference-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Runs {@code work} on an inference thread; the future fails if it throws. */
  public <T> CompletableFuture<T> submit(Priority priority, Callable<T> work) {
    if (waiting.incrementAndGet() > capacity) {
      waiting.decrementAndGet();
      return CompletableFuture.failedFuture(new RejectedExecutionException(
          "inference queue full (" + capacity + " tasks waiting); try again later"));
    }
    Task<T> task = new Task<>(priority, sequence.getAndIncrement(), work, waiting);
    try {
      pool.execute(task);
    } catch (RejectedExecutionException e) {
      waiting.decrementAndGet();
      return CompletableFuture.failedFuture(new RejectedExecutionException("the inference executor is shut down", e));
    }
    return task.result;
  }

  /** Tasks waiting for a thread now. */
  public int waiting() {
    return waiting.get();
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
