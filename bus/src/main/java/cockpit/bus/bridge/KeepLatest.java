package cockpit.bus.bridge;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Keep-latest delivery per stream (one stream per camera key): at most one item in flight and one
 * waiting. An item that arrives while another is waiting replaces it and the replaced one is counted
 * as dropped, so a slow consumer sees the newest frame and memory stays bounded by two items per
 * stream, whatever the camera rate.
 *
 * <p>The number of streams is bounded too ({@code maxStreams}; the bridge's {@code bus.max-cameras}):
 * stream names come from the bus (camera ids), so a peer inventing a new camera per frame must not
 * grow the map. A new stream beyond the bound evicts the stream idle the longest (nothing waiting,
 * nothing in flight; counted in {@link #evicted}); when every stream is busy the new item is refused
 * (counted in {@link #refused}). An item already handed to a stream that is evicted meanwhile is still
 * delivered once.
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
  private final LongAdder evicted = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private final AtomicLong offers = new AtomicLong();
  private final int maxStreams;

  private static final class Slot<T> {
    final AtomicReference<T> waiting = new AtomicReference<>();
    final AtomicBoolean busy = new AtomicBoolean();
    /** Ordinal of the latest offer: the smallest is the stream idle the longest. */
    volatile long lastOffer;
  }

  /**
   * @param deliver hands one item to the consumer; the returned future completes when the consumer is
   *     ready for the next (a failed future counts as failed and moves on)
   * @param maxStreams streams held at most (at least 1)
   */
  public KeepLatest(Context context, Function<T, Future<?>> deliver, int maxStreams) {
    if (maxStreams < 1) {
      throw new IllegalArgumentException("maxStreams must be at least 1, got " + maxStreams);
    }
    this.context = context;
    this.deliver = deliver;
    this.maxStreams = maxStreams;
  }

  /**
   * Queues {@code item} as the newest of {@code stream}, replacing (dropping) any waiting one; a new
   * stream beyond the bound evicts the idlest one or, when all are busy, is refused.
   */
  public void offer(String stream, T item) {
    Slot<T> slot = slots.get(stream);
    if (slot == null && (slot = admit(stream)) == null) {
      refused.increment();
      return;
    }
    slot.lastOffer = offers.incrementAndGet();
    if (slot.waiting.getAndSet(item) != null) {
      dropped.increment();
    }
    pump(slot);
  }

  /** A slot for a new stream, evicting the idlest one at the bound; null when every stream is busy. */
  private synchronized Slot<T> admit(String stream) {
    Slot<T> slot = slots.get(stream);
    if (slot != null) {
      return slot;
    }
    if (slots.size() >= maxStreams) {
      Map.Entry<String, Slot<T>> idlest = null;
      for (Map.Entry<String, Slot<T>> e : slots.entrySet()) {
        Slot<T> s = e.getValue();
        if (!s.busy.get() && s.waiting.get() == null
            && (idlest == null || s.lastOffer < idlest.getValue().lastOffer)) {
          idlest = e;
        }
      }
      if (idlest == null) {
        return null;
      }
      slots.remove(idlest.getKey(), idlest.getValue());
      evicted.increment();
    }
    slot = new Slot<>();
    slots.put(stream, slot);
    return slot;
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

  /** Idle streams dropped from the map to make room for a new one. */
  public long evicted() {
    return evicted.sum();
  }

  /** Items of a new stream refused because every one of the {@code maxStreams} streams was busy. */
  public long refused() {
    return refused.sum();
  }

  /** Streams held now (at most {@code maxStreams}). */
  public int streams() {
    return slots.size();
  }
}
