package cockpit.npu.runtime;

import static cockpit.npu.runtime.InferenceExecutor.Priority.DIALOGUE;
import static cockpit.npu.runtime.InferenceExecutor.Priority.SAFETY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The executor with controlled jobs: one thread held by a latch while the queue is filled, so the start
 * order is decided by the rule alone; wait times read from a test clock moved by the test.
 */
class InferenceExecutorTest {
  /** Holds the executor's only thread until {@link #release()}. */
  private static final class Blocker {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CompletableFuture<Boolean> done;

    Blocker(InferenceExecutor ex) throws InterruptedException {
      done = ex.submit(InferenceExecutor.Priority.BACKGROUND, () -> {
        started.countDown();
        return release.await(30, TimeUnit.SECONDS);
      });
      assertTrue(started.await(30, TimeUnit.SECONDS), "the blocker holds the thread");
    }

    void release() {
      release.countDown();
    }
  }

  /** Issue #11 defect 6: 4 cameras kept the safety queue full and no utterance was answered. */
  @Test
  void aDialogueJobWaitingBehindASafetyFloodStartsWithinTheDefaultBurst() throws Exception {
    try (InferenceExecutor ex = new InferenceExecutor(1, 128)) {
      Blocker b = new Blocker(ex);
      List<String> order = new CopyOnWriteArrayList<>();
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        int n = i;
        all.add(ex.submit(SAFETY, () -> order.add("s" + n)));
      }
      all.add(ex.submit(DIALOGUE, () -> order.add("dialogue")));
      b.release();
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      int at = order.indexOf("dialogue");
      assertTrue(at >= 1 && at <= FairShare.DEFAULT.safetyBurst(), "safety first, dialogue within the burst: " + at);
      assertEquals("s0", order.get(0));
    }
  }

  /**
   * On a test clock each safety job takes 30 ms and each dialogue job 11 ms (the jobs move the clock): with
   * a quarter share, one safety job earns dialogue 10 ms, i.e. one turn (which overdraws it), so they alternate.
   */
  @Test
  void withMeasuredRunTimesDialogueGetsItsShareOfTheTime() throws Exception {
    AtomicLong clock = new AtomicLong();
    try (InferenceExecutor ex = new InferenceExecutor(1, 64, new FairShare(64, 16, 0.25), clock::get)) {
      Blocker b = new Blocker(ex);
      StringBuffer order = new StringBuffer();
      List<CompletableFuture<?>> all = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        all.add(ex.submit(SAFETY, () -> order.append('S').append(clock.addAndGet(30_000_000) > 0 ? "" : "?")));
        all.add(ex.submit(DIALOGUE, () -> order.append('D').append(clock.addAndGet(11_000_000) > 0 ? "" : "?")));
      }
      b.release();
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertEquals("SDSDSDSDSDSD", order.toString());
    }
  }

  @Test
  void aFullSafetyQueueStillAcceptsDialogue() throws Exception {
    try (InferenceExecutor ex = new InferenceExecutor(1, 3)) {
      Blocker b = new Blocker(ex);
      List<CompletableFuture<?>> safety = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        safety.add(ex.submit(SAFETY, () -> 1));
      }
      var refused = ex.submit(SAFETY, () -> 1);
      var dialogue = ex.submit(DIALOGUE, () -> "answered");
      ExecutionException full = assertThrows(ExecutionException.class, () -> refused.get(30, TimeUnit.SECONDS));
      assertTrue(full.getCause() instanceof RejectedExecutionException
          && full.getCause().getMessage().contains("3 safety tasks waiting"), String.valueOf(full.getCause()));
      b.release();
      assertEquals("answered", dialogue.get(30, TimeUnit.SECONDS));
      assertEquals(1L, ex.stats().get(SAFETY).refused());
      assertEquals(0L, ex.stats().get(DIALOGUE).refused());
    }
  }

  @Test
  void waitTimesAreMeasuredFromSubmissionToStartOnTheGivenClock() throws Exception {
    AtomicLong clock = new AtomicLong(1_000);
    try (InferenceExecutor ex = new InferenceExecutor(1, 8, FairShare.DEFAULT, clock::get)) {
      Blocker b = new Blocker(ex);
      var s = ex.submit(SAFETY, () -> 1);
      clock.addAndGet(2_000_000);
      var d = ex.submit(DIALOGUE, () -> 2);
      clock.addAndGet(5_000_000); // the safety job has now waited 7 ms, the dialogue job 5 ms
      b.release();
      assertEquals(1, s.get(30, TimeUnit.SECONDS));
      assertEquals(2, d.get(30, TimeUnit.SECONDS));
      var stats = ex.stats();
      assertEquals(7_000_000L, stats.get(SAFETY).waitNanosMax());
      assertEquals(5_000_000L, stats.get(DIALOGUE).waitNanosTotal());
      assertEquals(1L, stats.get(DIALOGUE).started());
      assertEquals(0L, stats.get(InferenceExecutor.Priority.BACKGROUND).waitNanosMax(), "the blocker never waited");
    }
  }

  @Test
  void closeLetsQueuedJobsFinishAndRefusesLaterOnes() throws Exception {
    InferenceExecutor ex = new InferenceExecutor(1, 8);
    Blocker b = new Blocker(ex);
    var queued = ex.submit(SAFETY, () -> "ran");
    Thread closer = new Thread(ex::close);
    closer.start();
    b.release();
    closer.join(TimeUnit.SECONDS.toMillis(30));
    assertEquals("ran", queued.get(30, TimeUnit.SECONDS));
    var late = ex.submit(DIALOGUE, () -> "never");
    ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().contains("shut down"), e.getCause().getMessage());
  }
}
