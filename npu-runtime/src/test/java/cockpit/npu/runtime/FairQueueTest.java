package cockpit.npu.runtime;

import static cockpit.npu.runtime.InferenceExecutor.Priority.BACKGROUND;
import static cockpit.npu.runtime.InferenceExecutor.Priority.DIALOGUE;
import static cockpit.npu.runtime.InferenceExecutor.Priority.SAFETY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.runtime.InferenceExecutor.Priority;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dispatch rule alone: no threads, no clock, every decision checked. */
class FairQueueTest {
  private record Job(Priority priority, int seq) {}

  private static String order(FairQueue<Job> q) {
    StringBuilder sb = new StringBuilder();
    for (Job j = q.poll(); j != null; j = q.poll()) {
      sb.append(j.priority().name().charAt(0));
    }
    return sb.toString();
  }

  private static void offer(FairQueue<Job> q, Priority p, int n) {
    for (int i = 0; i < n; i++) {
      assertTrue(q.offer(p, new Job(p, i)));
    }
  }

  @Test
  void underASafetyFloodAWaitingDialogueJobStartsAfterAtMostTheBurst() {
    FairQueue<Job> q = new FairQueue<>(new FairShare(4, 16), 64);
    offer(q, SAFETY, 12);
    offer(q, DIALOGUE, 2);
    assertEquals("SSSSDSSSSDSSSS", order(q));
  }

  @Test
  void safetyStillGoesFirstWhileDialogueHasNotWaitedItsBurst() {
    FairQueue<Job> q = new FairQueue<>(FairShare.DEFAULT, 64);
    offer(q, BACKGROUND, 1);
    offer(q, DIALOGUE, 1);
    offer(q, SAFETY, 1);
    assertEquals("SDB", order(q));
  }

  @Test
  void safetyStartsWhileNoDialogueWaitsDoNotCountAgainstALaterOne() {
    FairQueue<Job> q = new FairQueue<>(new FairShare(4, 16), 64);
    offer(q, SAFETY, 3);
    assertEquals("SSS", order(q));
    offer(q, SAFETY, 6);
    offer(q, DIALOGUE, 1);
    assertEquals("SSSSDSS", order(q));
  }

  @Test
  void backgroundGetsItsTurnAfterTheForegroundBurst() {
    FairQueue<Job> q = new FairQueue<>(new FairShare(2, 3), 64);
    offer(q, SAFETY, 6);
    offer(q, DIALOGUE, 3);
    offer(q, BACKGROUND, 2);
    // S S, then D (due after 2 safety), then B (passed over by 3 foreground starts), and again
    assertEquals("SSDBSSDBSSD", order(q));
  }

  @Test
  void eachPriorityHasItsOwnCapacitySoASafetyFloodCannotRefuseDialogue() {
    FairQueue<Job> q = new FairQueue<>(FairShare.DEFAULT, 3);
    offer(q, SAFETY, 3);
    assertFalse(q.offer(SAFETY, new Job(SAFETY, 99)), "a fourth safety job is refused");
    assertTrue(q.offer(DIALOGUE, new Job(DIALOGUE, 0)), "dialogue has room of its own");
    assertEquals(4, q.size());
    assertEquals(3, q.size(SAFETY));
  }

  @Test
  void anEmptyQueueGivesNothingAndBadSharesAreRefused() {
    assertNull(new FairQueue<Job>(FairShare.DEFAULT, 1).poll());
    var e = assertThrows(IllegalArgumentException.class, () -> new FairShare(0, 16));
    assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new FairQueue<Job>(FairShare.DEFAULT, 0));
  }

  /**
   * Random offers and polls (seeded) against the rule's promises, checked independently of the queue's
   * own counters: FIFO within a priority; work conserving; a waiting job is never passed over by more
   * than its burst of consecutive higher-priority starts (background: one more, when a dialogue job fell
   * due at the same start); and a lower priority only goes first when it has been passed over its burst.
   */
  @Test
  void randomTrafficKeepsEveryPromiseOfTheRule() {
    for (long seed = 1; seed <= 20; seed++) {
      Random rnd = new Random(seed);
      FairShare share = new FairShare(1 + rnd.nextInt(6), 1 + rnd.nextInt(10));
      FairQueue<Job> q = new FairQueue<>(share, 1_000);
      Map<Priority, Integer> offered = new EnumMap<>(Priority.class);
      Map<Priority, Integer> taken = new EnumMap<>(Priority.class);
      Map<Priority, Integer> streak = new EnumMap<>(Priority.class);
      for (Priority p : Priority.values()) {
        offered.put(p, 0);
        taken.put(p, 0);
        streak.put(p, 0);
      }
      for (int step = 0; step < 5_000; step++) {
        if (rnd.nextInt(100) < 55) {
          Priority p = Priority.values()[rnd.nextInt(100) < 60 ? 0 : 1 + rnd.nextInt(2)];
          q.offer(p, new Job(p, offered.merge(p, 1, Integer::sum) - 1));
          continue;
        }
        List<Priority> waitingBefore = new ArrayList<>();
        for (Priority p : Priority.values()) {
          if (q.size(p) > 0) {
            waitingBefore.add(p);
          }
        }
        Job j = q.poll();
        if (waitingBefore.isEmpty()) {
          assertNull(j);
          continue;
        }
        Priority got = j.priority();
        assertEquals(taken.merge(got, 1, Integer::sum) - 1, j.seq(), "FIFO within " + got);
        if (got != waitingBefore.get(0)) {
          assertTrue(streak.get(got) >= share.burst(got), "a lower priority jumps only when due (seed " + seed + ")");
        }
        for (Priority p : waitingBefore) {
          if (p.ordinal() > got.ordinal()) {
            int s = streak.merge(p, 1, Integer::sum);
            int allowed = share.burst(p) + (p == BACKGROUND ? 1 : 0);
            assertTrue(s <= allowed, p + " passed over " + s + " times (seed " + seed + ", " + share + ")");
          }
        }
        streak.put(got, 0);
        for (Priority p : Priority.values()) {
          if (q.size(p) == 0) {
            streak.put(p, 0);
          }
        }
      }
    }
  }
}
