package cockpit.bus.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Keep-latest delivery per stream (one stream per camera key): at most one item in flight and one
 * waiting. An item that arrives while another is waiting replaces it and the replaced one is counted
 * as dropped, so a slow consumer sees the newest frame and memory stays bounded by two items per
 * stream, whatever the camera rate.
 *
 * <p>{@link #offer} is called from any thread (Zenoh's receive threads); delivery runs on the given
 * Vert.x context, and the next item is delivered when the previous delivery's future completes
 * (the consumer's acknowledgement).
 *
 * @param <T> the item type
 */
public final class KeepLatest<T> {
  private final Context context;
  private final Function<T, Future<?>> deliver;
  private final Map<String, Slot<T>> slots = new ConcurrentHashMap<>();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder failed = new LongAdder();

  private static final class Slot<T> {
    final AtomicReference<T> waiting = new AtomicReference<>();
    final AtomicBoolean busy = new AtomicBoolean();
  }

  /**
   * @param deliver hands one item to the consumer; the returned future completes when the consumer is
   *     ready for the next (a failed future counts as failed and moves on)
   */
  public KeepLatest(Context context, Function<T, Future<?>> deliver) {
    this.context = context;
    this.deliver = deliver;
  }

  /** Queues {@code item} as the newest of {@code stream}, replacing (dropping) any waiting one. */
  public void offer(String stream, T item) {
    Slot<T> slot = slots.computeIfAbsent(stream, k -> new Slot<>());
    if (slot.waiting.getAndSet(item) != null) {
      dropped.increment();
    }
    pump(slot);
  }

  private void pump(Slot<T> slot) {
    if (slot.waiting.get() != null && slot.busy.compareAndSet(false, true)) {
      context.runOnContext(v -> deliverNext(slot));
    }
  }

  private void deliverNext(Slot<T> slot) {
    T item = slot.waiting.getAndSet(null);
    if (item == null) {
      slot.busy.set(false);
      pump(slot); // an offer may have raced with the release
      return;
    }
    Future<?> done;
    try {
      done = deliver.apply(item);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    done.onComplete(ar -> {
      if (ar.succeeded()) {
        delivered.increment();
      } else {
        failed.increment();
      }
      // Through the context, not a direct call: synchronous completions must not recurse.
      context.runOnContext(v -> deliverNext(slot));
    });
  }

  /** Items replaced before they could be delivered. */
  public long dropped() {
    return dropped.sum();
  }

  /** Items the consumer acknowledged. */
  public long delivered() {
    return delivered.sum();
  }

  /** Items whose delivery failed (no consumer, timeout, consumer error). */
  public long failed() {
    return failed.sum();
  }
}
