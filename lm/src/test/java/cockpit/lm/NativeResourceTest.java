package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one lifetime of lm's resources: freed exactly once, never under a call in flight, clear errors after close. */
class NativeResourceTest {
  /** A resource that counts its frees and whether one happened under a call. */
  static final class Counted extends NativeResource {
    final AtomicInteger frees = new AtomicInteger();
    final AtomicInteger inCall = new AtomicInteger();
    volatile boolean freedUnderCall;

    Counted() {
      super("test resource");
    }

    <T> T call(NativeResource.Call<T, RuntimeException> body) {
      return use(() -> {
        inCall.incrementAndGet();
        try {
          return body.run();
        } finally {
          inCall.decrementAndGet();
        }
      });
    }

    @Override
    protected void free() {
      freedUnderCall |= inCall.get() != 0;
      frees.incrementAndGet();
    }
  }

  @Test
  void closeWithNothingInFlightFreesAtOnceAndLaterCallsFailClearly() throws Exception {
    Counted r = new Counted();
    assertEquals(7, (int) r.call(() -> 7));
    r.close();
    r.close();
    assertEquals(1, r.frees.get());
    assertTrue(r.isClosed() && r.awaitFreed(0, TimeUnit.SECONDS));
    var e = assertThrows(IllegalStateException.class, () -> r.call(() -> 1));
    assertEquals("test resource is closed", e.getMessage());
  }

  @Test
  void closeDuringACallReturnsAtOnceAndTheCallFreesWhenItEnds() throws Exception {
    Counted r = new Counted();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> call = pool.submit(() -> r.call(() -> {
        inside.countDown();
        await(proceed);
        return "done";
      }));
      assertTrue(inside.await(10, TimeUnit.SECONDS));
      r.close(); // returns although the call holds the resource
      assertTrue(r.isClosed());
      assertEquals(0, r.frees.get(), "not freed under the call (it is blocked on the latch until released below)");
      assertThrows(IllegalStateException.class, () -> r.call(() -> 1), "no new call after close");
      proceed.countDown();
      assertEquals("done", call.get(10, TimeUnit.SECONDS), "the call in flight completes");
      assertTrue(r.awaitFreed(10, TimeUnit.SECONDS));
      assertEquals(1, r.frees.get());
      assertFalse(r.freedUnderCall);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void racingCallsAndClosesFreeExactlyOnceAndNeverUnderACall() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 200; round++) {
        Counted r = new Counted();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          all.add(pool.submit(() -> {
            await(go);
            for (int i = 0; i < 50; i++) {
              try {
                r.call(() -> null);
              } catch (IllegalStateException closed) {
                return;
              }
            }
          }));
        }
        all.add(pool.submit(() -> {
          await(go);
          r.close();
          r.close();
        }));
        go.countDown();
        for (Future<?> f : all) {
          f.get(10, TimeUnit.SECONDS);
        }
        assertTrue(r.awaitFreed(10, TimeUnit.SECONDS), "round " + round);
        assertEquals(1, r.frees.get(), "round " + round);
        assertFalse(r.freedUnderCall, "round " + round);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch l) {
    try {
      if (!l.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
