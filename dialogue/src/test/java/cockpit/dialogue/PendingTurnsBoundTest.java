package cockpit.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.FinishReason;
import cockpit.lm.GenerationResult;
import cockpit.lm.TinyModel;
import cockpit.lm.generate.SamplingOptions;
import cockpit.npu.runtime.InferenceExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11 item 9: a session's queue of utterances was unbounded (each new one chained behind the
 * last). Now at most dialogue.max-pending-turns (default 4) of one session wait or run; one more is
 * refused at once as BUSY, other sessions are not affected, and the session takes utterances again as
 * soon as its replies are done.
 */
class PendingTurnsBoundTest {
  @Test
  void aFifthWaitingUtteranceIsRefusedAsBusyAndTheFourAcceptedAreAnswered(@TempDir Path dir) throws Exception {
    InferenceExecutor executor = TinyModel.executor(); // one inference thread
    DialogueOptions o = DialogueOptions.defaults(dir).withSampling(SamplingOptions.greedy().withMaxNewTokens(4));
    List<String> errors = new ArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocking = new CountDownLatch(1);
    try (SessionManager m = new SessionManager(TinyModel.model(), o, new SnapshotStore(dir), executor,
        Clock.systemUTC(), (kind, session, message) -> errors.add(message))) {
      // Hold the only inference thread so that nothing accepted can start: all of them wait.
      CompletableFuture<Object> blocker = executor.submit(InferenceExecutor.Priority.DIALOGUE, () -> {
        blocking.countDown();
        return release.await(60, TimeUnit.SECONDS);
      });
      assertTrue(blocking.await(60, TimeUnit.SECONDS));
      List<CompletableFuture<GenerationResult>> accepted = new ArrayList<>();
      CompletableFuture<GenerationResult> other;
      try {
        for (int i = 0; i < 4; i++) {
          accepted.add(m.turn("flooded", "utterance " + i, s -> { }));
        }
        DialogueException busy = assertThrows(DialogueException.class,
            () -> m.turn("flooded", "one too many", s -> { }));
        assertEquals("BUSY", busy.kind().name());
        assertTrue(busy.getMessage().contains("dialogue.max-pending-turns"), busy.getMessage());
        other = m.turn("other", "another session is not held up", s -> { });
      } finally {
        release.countDown();
      }
      blocker.get(60, TimeUnit.SECONDS);
      for (CompletableFuture<GenerationResult> f : accepted) {
        assertTrue(f.get(120, TimeUnit.SECONDS).reason() != FinishReason.ERROR);
      }
      assertTrue(other.get(120, TimeUnit.SECONDS).reason() != FinishReason.ERROR);
      assertEquals(8, m.transcript("flooded").size(), "the four accepted utterances were answered");
      GenerationResult again = m.turn("flooded", "and now there is room again", s -> { }).get(120, TimeUnit.SECONDS);
      assertTrue(again.reason() != FinishReason.ERROR);
    }
    assertEquals(List.of(), errors);
  }
}
