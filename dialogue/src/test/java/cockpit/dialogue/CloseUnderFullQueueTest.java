package cockpit.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.FinishReason;
import cockpit.lm.TinyModel;
import cockpit.lm.generate.SamplingOptions;
import cockpit.npu.runtime.InferenceExecutor;
import java.nio.file.Files;
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
 * A SessionControl CLOSE while the inference queue is full (issue #11 fault suite: 300 refusals in a fuzz
 * run): the close went through the inference executor, was refused, and the session, already gone from the
 * manager, kept its decoder state (megabytes, never freed again) and its snapshot. Now the close needs no
 * inference slot: it completes, the snapshot is deleted and the state freed, while the queue stays full.
 */
class CloseUnderFullQueueTest {
  @Test
  void aCloseIsCarriedOutWhileTheInferenceQueueIsFull(@TempDir Path dir) throws Exception {
    InferenceExecutor executor = new InferenceExecutor(1, 1); // one thread, one waiting task per priority
    DialogueOptions o = DialogueOptions.defaults(dir).withSampling(SamplingOptions.greedy().withMaxNewTokens(2));
    List<String> errors = new ArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocking = new CountDownLatch(1);
    SnapshotStore store = new SnapshotStore(dir);
    try (executor; SessionManager m = new SessionManager(TinyModel.model(), o, store, executor, Clock.systemUTC(),
        (kind, session, message) -> errors.add(message))) {
      assertTrue(m.turn("closing", "hello", s -> { }).get(120, TimeUnit.SECONDS).reason() != FinishReason.ERROR);
      Path snapshot = store.fileOf(SessionId.tryFrom("closing"));
      assertTrue(Files.exists(snapshot), "a snapshot after the turn");
      assertEquals(1, m.residentSessions());
      CompletableFuture<Object> blocker = executor.submit(InferenceExecutor.Priority.DIALOGUE, () -> {
        blocking.countDown();
        return release.await(60, TimeUnit.SECONDS);
      });
      CompletableFuture<Object> waiting;
      try {
        assertTrue(blocking.await(60, TimeUnit.SECONDS));
        waiting = executor.submit(InferenceExecutor.Priority.DIALOGUE, () -> null); // fills the queue
        assertTrue(executor.submit(InferenceExecutor.Priority.DIALOGUE, () -> null).isCompletedExceptionally(),
            "the dialogue queue is full");
        m.close("closing").get(60, TimeUnit.SECONDS); // was a RejectedExecutionException
        assertFalse(Files.exists(snapshot), "the closed session's snapshot is deleted");
        assertEquals(0, m.residentSessions());
      } finally {
        release.countDown();
      }
      blocker.get(60, TimeUnit.SECONDS);
      waiting.get(60, TimeUnit.SECONDS);
    }
    assertEquals(List.of(), errors);
  }
}
