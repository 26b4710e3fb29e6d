package cockpit.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.CancelHandle;
import cockpit.lm.FinishReason;
import cockpit.lm.GenerationResult;
import cockpit.lm.TinyModel;
import cockpit.lm.generate.SamplingOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A barge-in that lands while the new turn is still being prefilled: CANCELLED, and the session stays whole. */
class TurnsCancelTest {
  private static DialogueOptions options(Path dir, boolean snapshotEachTurn) {
    return new DialogueOptions(4, 1L << 30, Duration.ofHours(1), snapshotEachTurn, dir, 2000,
        SamplingOptions.greedy().withMaxNewTokens(6), "You are terse.");
  }

  private static Turns turns(Path dir, boolean snapshotEachTurn) throws Exception {
    return new Turns(TinyModel.model(), options(dir, snapshotEachTurn), new SnapshotStore(dir), Grounding.NONE,
        java.time.Clock.systemUTC(), (kind, id, message) -> { });
  }

  /** A session started with the system block and one completed turn ("hello"). */
  private static DialogueSession sessionAfterOneTurn(Turns t, String id) throws Exception {
    DialogueSession s = new DialogueSession(SessionId.tryFrom(id), "You are terse.",
        SamplingOptions.greedy().withMaxNewTokens(6), Instant.now());
    s.state = TinyModel.model().decoder().newState();
    t.start(s.state, s.systemPrompt);
    try (CancelHandle c = new CancelHandle()) {
      t.run(s, TurnRequest.text(id, "hello"), c, x -> { });
    }
    return s;
  }

  /** The position right after the system block. */
  private static int freshPosition(Turns t) throws Exception {
    try (var st = TinyModel.model().decoder().newState()) {
      t.start(st, "You are terse.");
      return st.position();
    }
  }

  private static GenerationResult cancelledTurn(Turns t, DialogueSession s) throws Exception {
    try (CancelHandle c = new CancelHandle()) {
      c.cancel(); // cancelled before the backend starts the prefill
      return t.run(s, TurnRequest.text(s.id.value(), "this turn is interrupted"), c, x -> { });
    }
  }

  @Test
  void cancelDuringPrefillWithSnapshotsDropsTheStateAndKeepsTheTranscript(@TempDir Path dir) throws Exception {
    Turns t = turns(dir, true);
    DialogueSession s = sessionAfterOneTurn(t, "c1");
    GenerationResult r = cancelledTurn(t, s);
    assertEquals(FinishReason.CANCELLED, r.reason());
    assertEquals("", r.text());
    assertNull(s.state, "the half-prefilled state is dropped; the next turn restores the snapshot");
    assertEquals(2, s.transcript.size(), "the interrupted turn is not in the transcript");
  }

  @Test
  void cancelDuringPrefillWithoutSnapshotsRebuildsTheStateFromTheTranscript(@TempDir Path dir) throws Exception {
    Turns t = turns(dir, false);
    int fresh = freshPosition(t);
    DialogueSession s = sessionAfterOneTurn(t, "c2");
    int afterFirstTurn = s.state.position();
    GenerationResult r = cancelledTurn(t, s);
    assertEquals(FinishReason.CANCELLED, r.reason());
    assertNotNull(s.state);
    assertTrue(afterFirstTurn > fresh);
    assertEquals(afterFirstTurn, s.state.position(), "exactly the system block and the first turn's ids are back");
    try (CancelHandle c = new CancelHandle()) {
      GenerationResult next = t.run(s, TurnRequest.text("c2", "and again"), c, x -> { });
      assertTrue(next.reason() == FinishReason.STOP || next.reason() == FinishReason.LENGTH, next.toString());
    }
    assertEquals(4, s.transcript.size());
  }

  @Test
  void cancelWhileAnAttachedImageIsEncodedEndsCancelledWithNothingFed(@TempDir Path dir) throws Exception {
    cockpit.lm.VisionEncoder encoder = TinyModel.model().openVisionEncoder();
    try {
      ImageSource barging = new ImageSource() {
        @Override
        public TurnImage camera(String cameraId, CancelHandle cancel) {
          cancel.cancel(); // the next utterance arrives while the encoder runs
          return new TurnImage("camera " + cameraId + " #1", encoder.encode(new float[3 * encoder.imageSize()
              * encoder.imageSize()], cancel));
        }

        @Override
        public TurnImage image(cockpit.proto.v1.CameraFrame frame, CancelHandle cancel) {
          throw new AssertionError("not used");
        }
      };
      Turns t = new Turns(TinyModel.model(), options(dir, true), new SnapshotStore(dir), new Grounding(
          cockpit.dialogue.context.ContextSource.NONE, barging, java.time.ZoneOffset.UTC, false),
          java.time.Clock.systemUTC(), (kind, id, message) -> { });
      DialogueSession s = sessionAfterOneTurn(t, "c3");
      int before = s.state.position();
      try (CancelHandle c = new CancelHandle()) {
        GenerationResult r = t.run(s, new TurnRequest("c3", "what is this?", null, java.util.List.of("cabin"),
            java.util.List.of()), c, x -> { });
        assertEquals(FinishReason.CANCELLED, r.reason());
      }
      assertEquals(before, s.state.position(), "nothing of the turn was fed");
      assertEquals(2, s.transcript.size());
    } finally {
      encoder.close();
    }
  }
}
