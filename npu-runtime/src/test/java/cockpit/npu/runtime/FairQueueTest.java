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

/** The dispatch rule alone: no threads, no clock (run times are given), every decision checked. */
class FairQueueTest {
  /** Count rule only (no time share), as the count tests need. */
  private static final FairShare COUNT_4 = new FairShare(4, 16, 0);

  private record Job(Priority priority, int seq) {}

  /** Runs everything on one simulated thread, each job taking {@code nanos.get(priority)}. */
  private static String run(FairQueue<Job> q, Map<Priority, Long> nanos) {
    StringBuilder sb = new StringBuilder();
    for (Job j = q.poll(); j != null; j = q.poll()) {
      sb.append(j.priority().name().charAt(0));
      q.finished(j.priority(), nanos.get(j.priority()));
    }
    return sb.toString();
  }

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
    FairQueue<Job> q = new FairQueue<>(COUNT_4, 64);
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
    FairQueue<Job> q = new FairQueue<>(COUNT_4, 64);
    offer(q, SAFETY, 3);
    assertEquals("SSS", order(q));
    offer(q, SAFETY, 6);
    offer(q, DIALOGUE, 1);
    assertEquals("SSSSDSS", order(q));
  }

  @Test
  void backgroundGetsItsTurnAfterTheForegroundBurst() {
    FairQueue<Job> q = new FairQueue<>(new FairShare(2, 3, 0), 64);
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
    var e = assertThrows(IllegalArgumentException.class, () -> new FairShare(0, 16, 0.25));
    assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new FairShare(4, 16, 0.95));
    assertTrue(e.getMessage().contains("[0, 0.9]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new FairShare(4, 16, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new FairQueue<Job>(FairShare.DEFAULT, 0));
  }

  /**
   * Safety jobs of 800 units, dialogue turns of 110, a quarter of the time for dialogue: after the first
   * safety job dialogue has earned 800/3 units, runs while its credit is positive, then safety again.
   */
  @Test
  void whileBothWaitDialogueGetsItsShareOfTheRunTime() {
    FairQueue<Job> q = new FairQueue<>(new FairShare(64, 16, 0.25), 64);
    offer(q, SAFETY, 10);
    offer(q, DIALOGUE, 10);
    assertEquals("SDDDSDDSDDDSDDSSSSSS", run(q, Map.of(SAFETY, 800L, DIALOGUE, 110L)));
  }

  @Test
  void aLongDialogueTurnIsPaidBackInSafetyTimeUnlessTheCountBackstopComesFirst() {
    Map<Priority, Long> nanos = Map.of(SAFETY, 100L, DIALOGUE, 1_190L);
    FairQueue<Job> timeOnly = new FairQueue<>(new FairShare(64, 16, 0.25), 64);
    offer(timeOnly, SAFETY, 40);
    offer(timeOnly, DIALOGUE, 2);
    // 1 190 units of dialogue cost 3 × that of safety at a quarter share: 35 safety jobs of 100 before the next.
    assertEquals("SD" + "S".repeat(35) + "D" + "SSSS", run(timeOnly, nanos));
    FairQueue<Job> backstop = new FairQueue<>(new FairShare(8, 16, 0.25), 64);
    offer(backstop, SAFETY, 20);
    offer(backstop, DIALOGUE, 2);
    assertEquals("SD" + "S".repeat(8) + "D" + "S".repeat(11), run(backstop, nanos));
  }

  @Test
  void aDebtOutlivesAnIdleSpellButACreditDoesNot() {
    FairQueue<Job> q = new FairQueue<>(new FairShare(64, 16, 0.25), 64);
    offer(q, DIALOGUE, 1);
    assertEquals("D", run(q, Map.of(DIALOGUE, 300L))); // alone: runs at once, and owes 300
    assertEquals(-300.0, q.credit(DIALOGUE), 1e-9);
    offer(q, SAFETY, 5);
    offer(q, DIALOGUE, 1);
    assertEquals("SSSDSS", run(q, Map.of(SAFETY, 330L, DIALOGUE, 1L)), "3 × 330 / 3 repays the debt of 300");
    offer(q, SAFETY, 1);
    offer(q, DIALOGUE, 1);
    assertEquals("SD", run(q, Map.of(SAFETY, 3_000L, DIALOGUE, 1L)));
    assertTrue(q.credit(DIALOGUE) > 0, "credit left when its queue emptied: " + q.credit(DIALOGUE));
    offer(q, DIALOGUE, 1);
    assertEquals(0.0, q.credit(DIALOGUE), 1e-9, "a new arrival after idling starts from no credit");
  }

  /**
   * Random offers, polls and run times (seeded) against the rule's promises, checked independently of the
   * queue's own counters: FIFO within a priority; work conserving; a waiting job is never passed over by
   * more than its burst of consecutive higher-priority starts (background: one more, when a dialogue job
   * fell due at the same start); background only goes first when passed over its burst; and with a time
   * share, dialogue's run time stays near its share while both are backlogged.
   */
  @Test
  void randomTrafficKeepsEveryPromiseOfTheRule() {
    for (long seed = 1; seed <= 20; seed++) {
      Random rnd = new Random(seed);
      FairShare share = new FairShare(1 + rnd.nextInt(6), 1 + rnd.nextInt(10), rnd.nextBoolean() ? 0 : 0.25);
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
        q.finished(j.priority(), rnd.nextInt(1_000));
        Priority got = j.priority();
        assertEquals(taken.merge(got, 1, Integer::sum) - 1, j.seq(), "FIFO within " + got);
        if (got != waitingBefore.get(0) && (got == BACKGROUND || share.dialogueShare() == 0)) {
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

  @Test
  void underBacklogDialogueTimeConvergesToItsShareWhateverTheJobLengths() {
    for (long seed = 1; seed <= 10; seed++) {
      Random rnd = new Random(seed);
      FairQueue<Job> q = new FairQueue<>(new FairShare(1_000, 16, 0.25), 1_000);
      long dialogue = 0;
      long total = 0;
      long safetyLen = 50 + rnd.nextInt(2_000);
      long dialogueLen = 50 + rnd.nextInt(2_000);
      for (int i = 0; i < 20_000; i++) {
        while (q.size(SAFETY) < 4) {
          q.offer(SAFETY, new Job(SAFETY, i));
        }
        while (q.size(DIALOGUE) < 4) {
          q.offer(DIALOGUE, new Job(DIALOGUE, i));
        }
        Job j = q.poll();
        long n = j.priority() == SAFETY ? safetyLen : dialogueLen;
        q.finished(j.priority(), n);
        total += n;
        dialogue += j.priority() == DIALOGUE ? n : 0;
      }
      double got = (double) dialogue / total;
      assertEquals(0.25, got, 0.02, "seed " + seed + ": safety jobs " + safetyLen + ", dialogue " + dialogueLen);
    }
  }
}
