package cockpit.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.DialogueException.Kind;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.DecoderState;
import cockpit.lm.FinishReason;
import cockpit.lm.GenerationResult;
import cockpit.lm.LanguageModel;
import cockpit.lm.TinyModel;
import cockpit.lm.generate.SamplingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions on the tiny generated model (reference backend): carried state, snapshots, eviction, compaction, barge-in. */
class SessionManagerTest {
  static LanguageModel model;
  final List<String> errors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    model = TinyModel.model();
  }

  SessionManager manager(Path snapshots, int maxSessions, SamplingOptions sampling) throws Exception {
    return manager(model, snapshots, maxSessions, sampling);
  }

  SessionManager manager(LanguageModel on, Path snapshots, int maxSessions, SamplingOptions sampling)
      throws Exception {
    DialogueOptions o = DialogueOptions.defaults(snapshots).withLimits(maxSessions, 1L << 30).withSampling(sampling);
    return new SessionManager(on, o, new SnapshotStore(snapshots), TinyModel.executor(), Clock.systemUTC(),
        (kind, session, message) -> errors.add(kind + " " + session + " " + message));
  }

  static GenerationResult say(SessionManager m, String session, String text) throws Exception {
    return m.turn(session, text, s -> { }).get(120, TimeUnit.SECONDS);
  }

  @Test
  void turnOnCarriedStateEqualsRePrefillingTheWholeConversation() throws Exception {
    var chat = model.chat();
    var d = model.decoder();
    List<int[]> parts = List.of(chat.start("Be brief."), chat.userTurn("Open the window."),
        model.tokenizer().encodeUntrusted("Opening the window."), chat.endAssistant(), chat.userTurn("Thanks!"));
    float[] carried = null;
    int total = 0;
    try (DecoderState st = d.newState()) {
      for (int[] p : parts) {
        carried = d.prefill(st, d.embed(p), p.length, null);
        total += p.length;
      }
      assertEquals(total, st.position());
    }
    int[] all = new int[total];
    int o = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, all, o, p.length);
      o += p.length;
    }
    try (DecoderState st = d.newState()) {
      float[] whole = d.prefill(st, d.embed(all), all.length, null);
      for (int i = 0; i < whole.length; i++) {
        assertEquals(whole[i], carried[i], 2e-4 * Math.max(1, Math.abs(whole[i])), "logit " + i);
      }
    }
  }

  @Test
  void snapshotRestoreContinuesExactlyLikeMemoryAndEvictionUsesIt(@TempDir Path a, @TempDir Path b) throws Exception {
    SamplingOptions greedy = SamplingOptions.greedy().withMaxNewTokens(12);
    List<String> inMemory = new ArrayList<>();
    try (SessionManager m = manager(a, 4, greedy)) {
      for (String t : List.of("hello", "where is my phone", "and my keys")) {
        inMemory.add(say(m, "driver", t).text());
      }
    }
    List<String> evicted = new ArrayList<>();
    try (SessionManager m = manager(b, 1, greedy)) {
      evicted.add(say(m, "driver", "hello").text());
      evicted.add(say(m, "driver", "where is my phone").text());
      say(m, "passenger", "hi"); // only one resident: evicts driver to its snapshot
      assertEquals(1, m.residentSessions());
      assertTrue(Files.exists(b.resolve("driver.snap")));
      evicted.add(say(m, "driver", "and my keys").text()); // restored from disk
    }
    assertEquals(inMemory, evicted);
    assertEquals(List.of(), errors);
  }

  @Test
  void aRestartedManagerResumesFromTheLastCompletedTurn(@TempDir Path dir, @TempDir Path other) throws Exception {
    SamplingOptions greedy = SamplingOptions.greedy().withMaxNewTokens(10);
    String continuous;
    try (SessionManager m = manager(other, 4, greedy)) {
      say(m, "s1", "one");
      say(m, "s1", "two");
      continuous = say(m, "s1", "three").text();
    }
    SessionManager crashed = manager(dir, 4, greedy); // never closed: as after kill -9, only per-turn snapshots
    say(crashed, "s1", "one");
    say(crashed, "s1", "two");
    try (SessionManager restarted = manager(dir, 4, greedy)) {
      assertEquals(continuous, say(restarted, "s1", "three").text());
      assertEquals(6, restarted.transcript("s1").size());
    }
  }

  @Test
  void corruptSnapshotIsReportedAndTheSessionStartsFresh(@TempDir Path dir) throws Exception {
    try (SessionManager m = manager(dir, 4, SamplingOptions.greedy().withMaxNewTokens(4))) {
      say(m, "s2", "hello");
    }
    Path snap = dir.resolve("s2.snap");
    byte[] bytes = Files.readAllBytes(snap);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(snap, bytes);
    try (SessionManager m = manager(dir, 4, SamplingOptions.greedy().withMaxNewTokens(4))) {
      GenerationResult r = say(m, "s2", "hello again");
      assertEquals(2, m.transcript("s2").size(), "started fresh");
      assertTrue(r.reason() != FinishReason.ERROR);
    }
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).startsWith("SNAPSHOT_CORRUPT s2"), errors.get(0));
  }

  /**
   * On ONNX Runtime: the plain-Java reference attends over every past position in naive loops, so thirty
   * turns across 4096 tokens with re-prefilling compactions take minutes there instead of seconds.
   */
  @Test
  void thirtyTurnsAcrossTheContextKeepWorkingThroughCompaction(@TempDir Path dir) throws Exception {
    SamplingOptions sampled = SamplingOptions.defaults().withSeed(7).withMaxNewTokens(48);
    String longText = "Please remember this detail about the trip: ".repeat(4);
    int compactions = 0;
    int maxContext = 0;
    try (SessionManager m = manager(TinyModel.ort(), dir, 2, sampled)) {
      for (int turn = 0; turn < 30; turn++) {
        GenerationResult r = say(m, "long", longText + turn);
        assertTrue(r.reason() != FinishReason.ERROR && r.reason() != FinishReason.CONTEXT_FULL, "turn " + turn
            + ": " + r.reason() + " " + r.error());
        compactions += r.compacted() ? 1 : 0;
        maxContext = Math.max(maxContext, r.contextTokens());
      }
      assertEquals(60, m.transcript("long").size());
    }
    assertTrue(compactions >= 1, "the conversation crossed the context and was compacted");
    assertTrue(maxContext > 2048 && maxContext <= 4096, "context used: " + maxContext);
  }

  @Test
  void bargeInCancelsTheRunningReplyAndTheNextTurnRunsOnAConsistentState(@TempDir Path dir) throws Exception {
    SamplingOptions longReply = SamplingOptions.defaults().withSeed(3).withMaxNewTokens(3000);
    try (SessionManager m = manager(dir, 2, longReply)) {
      CountDownLatch streaming = new CountDownLatch(3);
      CompletableFuture<GenerationResult> first = m.turn("car", "tell me a very long story", s -> streaming.countDown());
      assertTrue(streaming.await(60, TimeUnit.SECONDS), "the first reply streams");
      CompletableFuture<GenerationResult> second = m.turn("car", "stop, what time is it", s -> { });
      GenerationResult r1 = first.get(60, TimeUnit.SECONDS);
      assertEquals(FinishReason.CANCELLED, r1.reason());
      assertTrue(r1.completionTokens() < 3000);
      GenerationResult r2 = second.get(120, TimeUnit.SECONDS);
      assertTrue(r2.reason() != FinishReason.ERROR, String.valueOf(r2.error()));
      assertEquals(4, m.transcript("car").size());
    }
  }

  @Test
  void idleSessionsAreEvictedToDiskAfterTheExpiryOnTheInjectedClock(@TempDir Path dir) throws Exception {
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-11-22T10:00:00Z"));
    Clock clock = new Clock() {
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      public java.time.Instant instant() {
        return now.get();
      }
    };
    DialogueOptions o = DialogueOptions.defaults(dir).withSampling(SamplingOptions.greedy().withMaxNewTokens(4))
        .withIdleExpiry(java.time.Duration.ofMinutes(30));
    try (SessionManager m = new SessionManager(model, o, new SnapshotStore(dir), TinyModel.executor(), clock,
        (kind, session, message) -> errors.add(message))) {
      say(m, "idle", "hello");
      now.set(now.get().plus(java.time.Duration.ofMinutes(29)));
      assertEquals(0, m.expireIdle(), "not yet");
      assertEquals(1, m.residentSessions());
      now.set(now.get().plus(java.time.Duration.ofMinutes(2)));
      assertEquals(1, m.expireIdle());
      assertEquals(0, m.residentSessions());
      assertTrue(Files.exists(dir.resolve("idle.snap")));
      say(m, "idle", "still there?"); // restored on its next turn
      assertEquals(4, m.transcript("idle").size());
    }
  }

  @Test
  void badInputIsRefusedWithAClearReason(@TempDir Path dir) throws Exception {
    try (SessionManager m = manager(dir, 2, SamplingOptions.greedy().withMaxNewTokens(4))) {
      var e = assertThrows(DialogueException.class, () -> m.turn("../etc/passwd", "hi", s -> { }));
      assertEquals(Kind.INVALID_ARGUMENT, e.kind());
      e = assertThrows(DialogueException.class, () -> m.turn("ok", "  ", s -> { }));
      assertTrue(e.getMessage().contains("empty"), e.getMessage());
      e = assertThrows(DialogueException.class, () -> m.turn("ok", "x".repeat(5000), s -> { }));
      assertTrue(e.getMessage().contains("max-utterance-chars"), e.getMessage());
      e = assertThrows(DialogueException.class, () -> m.close("nobody"));
      assertEquals(Kind.UNKNOWN_SESSION, e.kind());
    }
  }
}
