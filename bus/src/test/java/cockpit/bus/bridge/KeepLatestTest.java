package cockpit.bus.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class KeepLatestTest {
  @Test
  void slowConsumerGetsTheNewestItemAndStaleOnesAreCounted(Vertx vertx, VertxTestContext tc) throws Exception {
    Context ctx = vertx.getOrCreateContext();
    List<Integer> seen = new CopyOnWriteArrayList<>();
    List<Promise<Void>> acks = new CopyOnWriteArrayList<>();
    KeepLatest<Integer> kl = new KeepLatest<>(ctx, i -> {
      seen.add(i);
      Promise<Void> p = Promise.promise();
      acks.add(p);
      return p.future();
    }, 4);
    kl.offer("cam", 1); // delivered at once, then held unacknowledged
    awaitSize(seen, 1);
    for (int i = 2; i <= 100; i++) {
      kl.offer("cam", i); // 2..99 are replaced while 1 is in flight
    }
    ctx.runOnContext(v -> acks.get(0).complete());
    awaitSize(seen, 2);
    ctx.runOnContext(v -> acks.get(1).complete());
    tc.verify(() -> {
      assertEquals(List.of(1, 100), seen);
      assertEquals(98, kl.dropped());
    });
    tc.completeNow();
  }

  @Test
  void streamsAreIndependentAndFailuresMoveOn(Vertx vertx, VertxTestContext tc) throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    KeepLatest<String> kl = new KeepLatest<>(vertx.getOrCreateContext(), s -> {
      seen.add(s);
      return s.endsWith("bad") ? Future.failedFuture("no consumer") : Future.succeededFuture();
    }, 4);
    kl.offer("a", "a1-bad");
    awaitSize(seen, 1);
    kl.offer("b", "b1");
    awaitSize(seen, 2);
    kl.offer("a", "a2");
    awaitSize(seen, 3);
    tc.verify(() -> {
      assertEquals(List.of("a1-bad", "b1", "a2"), seen);
      assertEquals(0, kl.dropped());
      assertEquals(1, kl.failed());
    });
    tc.completeNow();
  }

  @Test
  void newStreamsBeyondTheBoundEvictTheIdlestOrAreRefusedWhileAllAreBusy(Vertx vertx, VertxTestContext tc)
      throws Exception {
    Context ctx = vertx.getOrCreateContext();
    List<String> seen = new CopyOnWriteArrayList<>();
    java.util.Map<String, Promise<Void>> held = new java.util.concurrent.ConcurrentHashMap<>();
    KeepLatest<String> kl = new KeepLatest<>(ctx, s -> {
      seen.add(s);
      if (s.startsWith("hold")) {
        Promise<Void> p = Promise.promise();
        held.put(s, p);
        return p.future();
      }
      return Future.succeededFuture();
    }, 2);
    kl.offer("a", "hold-a");
    kl.offer("b", "hold-b");
    awaitSize(seen, 2);
    kl.offer("c", "c1"); // both streams have a delivery in flight: nothing can be evicted
    assertEquals(1, kl.refused());
    assertEquals(2, kl.streams());
    ctx.runOnContext(v -> held.get("hold-a").complete());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (kl.streams() == 2 && kl.evicted() == 0 && System.nanoTime() < deadline) {
      kl.offer("c", "c2"); // refused until a's delivery is acknowledged and a is idle
      Thread.sleep(5);
    }
    awaitSize(seen, 3);
    // A peer inventing a camera per frame: the map stays at the bound, each new one evicts the idlest.
    for (int i = 0; i < 50; i++) {
      kl.offer("cam-" + i, "x" + i);
      assertTrue(kl.streams() <= 2, "streams " + kl.streams());
    }
    tc.verify(() -> {
      assertEquals("c2", seen.get(2));
      assertTrue(kl.evicted() >= 1, "evicted " + kl.evicted());
      assertEquals(2, kl.streams());
      assertTrue(seen.contains("hold-b") && !held.get("hold-b").future().isComplete(), "b still in flight");
    });
    tc.completeNow();
  }

  private static void awaitSize(List<?> list, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (list.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(n, list.size());
  }
}
