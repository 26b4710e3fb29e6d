package cockpit.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.LanguageModel;
import cockpit.lm.TinyModel;
import cockpit.lm.generate.SamplingOptions;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.FinishReason;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.SessionAction;
import cockpit.proto.v1.SessionControl;
import cockpit.proto.v1.VoiceUtterance;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The dialogue verticle on a real Vert.x event bus (no network). */
@ExtendWith(VertxExtension.class)
class DialogueVerticleTest {
  static final DialogueAddresses ADDR = new DialogueAddresses("in.voice", "in.control", "out.replies", "out.errors",
      "query.transcripts");
  static LanguageModel model;

  @BeforeAll
  static void load() throws Exception {
    model = TinyModel.model();
  }

  static void localCodecs(Vertx vertx) {
    LocalCodecs.register(vertx, VoiceUtterance.class, SessionControl.class, Reply.class, ErrorReport.class);
  }

  static void eventually(BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!c.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(c.getAsBoolean());
  }

  @Test
  void utteranceStreamsOrderedChunksAndAFinalReplyAndBadInputGetsErrors(Vertx vertx, @TempDir Path dir)
      throws Exception {
    localCodecs(vertx);
    List<Reply> replies = new CopyOnWriteArrayList<>();
    List<ErrorReport> errors = new CopyOnWriteArrayList<>();
    vertx.eventBus().<Reply>consumer(ADDR.replies(), m -> replies.add(m.body()));
    vertx.eventBus().<ErrorReport>consumer(ADDR.errors(), m -> errors.add(m.body()));
    DialogueOptions o = DialogueOptions.defaults(dir).withSampling(SamplingOptions.defaults().withSeed(1)
        .withMaxNewTokens(24));
    SessionManager sessions = new SessionManager(model, o, new SnapshotStore(dir), TinyModel.executor(),
        Clock.systemUTC(), DialogueVerticle.errorsTo(vertx, ADDR));
    vertx.deployVerticle(new DialogueVerticle(sessions, ADDR)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);

    vertx.eventBus().publish(ADDR.voice(), VoiceUtterance.newBuilder().setSessionId("cabin").setUtteranceId("u1")
        .setText("turn on the lights").build());
    eventually(() -> replies.stream().anyMatch(Reply::getIsFinal));
    Reply last = replies.get(replies.size() - 1);
    assertTrue(last.getIsFinal());
    for (int i = 0; i < replies.size(); i++) {
      assertEquals(i, replies.get(i).getChunkIndex(), "chunks are numbered in order");
      assertEquals("u1", replies.get(i).getUtteranceId());
    }
    assertTrue(last.getFinishReason() == FinishReason.FINISH_REASON_STOP
        || last.getFinishReason() == FinishReason.FINISH_REASON_LENGTH, last.toString());
    assertTrue(last.getTimings().getTtftMs() > 0 && last.getTimings().getPromptTokens() > 0, last.toString());

    replies.clear();
    vertx.eventBus().publish(ADDR.voice(), VoiceUtterance.newBuilder().setSessionId("cabin").setUtteranceId("u2")
        .setText("").build());
    eventually(() -> !replies.isEmpty() && !errors.isEmpty());
    assertEquals(FinishReason.FINISH_REASON_ERROR, replies.get(0).getFinishReason());
    assertTrue(replies.get(0).getErrorMessage().contains("empty"), replies.get(0).getErrorMessage());
    assertEquals(ErrorReason.ERROR_REASON_INVALID_ARGUMENT, errors.get(0).getReason());

    errors.clear();
    vertx.eventBus().publish(ADDR.sessionControl(), SessionControl.newBuilder().setSessionId("ghost")
        .setAction(SessionAction.SESSION_ACTION_CLOSE).build());
    eventually(() -> !errors.isEmpty());
    assertEquals(ErrorReason.ERROR_REASON_UNKNOWN_SESSION, errors.get(0).getReason());
    assertEquals("ghost", errors.get(0).getSessionId());
  }

  @Test
  void theSpeakersSeatComesFromTheUtteranceOrTheKeyAndTheTranscriptIsAnsweredOnItsAddress(Vertx vertx,
      @TempDir Path dir) throws Exception {
    localCodecs(vertx);
    LocalCodecs.register(vertx, cockpit.proto.v1.SessionTranscript.class);
    List<Reply> replies = new CopyOnWriteArrayList<>();
    vertx.eventBus().<Reply>consumer(ADDR.replies(), m -> replies.add(m.body()));
    DialogueOptions o = DialogueOptions.defaults(dir).withSampling(SamplingOptions.greedy().withMaxNewTokens(4));
    SessionManager sessions = new SessionManager(model, o, new SnapshotStore(dir), TinyModel.executor(),
        Clock.systemUTC(), DialogueVerticle.errorsTo(vertx, ADDR), new Grounding(
            (now, zone) -> cockpit.lm.context.CabinFacts.none(), ImageSource.NONE, java.time.ZoneOffset.UTC, false));
    vertx.deployVerticle(new DialogueVerticle(sessions, ADDR)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);

    vertx.eventBus().publish(ADDR.voice(), VoiceUtterance.newBuilder().setSessionId("rear").setUtteranceId("u1")
        .setText("is it far?").build(), new io.vertx.core.eventbus.DeliveryOptions()
            .addHeader(DialogueAddresses.SEAT_HEADER, "rear-middle"));
    eventually(() -> replies.stream().anyMatch(Reply::getIsFinal));
    var transcript = (cockpit.proto.v1.SessionTranscript) vertx.eventBus().request(ADDR.transcripts(), "rear")
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).body();
    assertEquals("context", transcript.getEntries(0).getRole());
    assertEquals("seat: rear-middle", transcript.getEntries(0).getText(), "the key's seat chunk");
    assertEquals(List.of("seat: rear-middle"), transcript.getContextLinesList());
    assertTrue(transcript.getPrompt().contains("<|im_start|>context\nseat: rear-middle<|im_end|>\n<|im_start|>user"
        + "\nis it far?<|im_end|>"), transcript.getPrompt());

    var unknown = vertx.eventBus().request(ADDR.transcripts(), "nobody").toCompletionStage().toCompletableFuture();
    var failure = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
        () -> unknown.get(30, TimeUnit.SECONDS));
    assertTrue(failure.getCause().getMessage().contains("no session nobody"), failure.getCause().getMessage());

    var seated = VoiceUtterance.newBuilder().setSeat(cockpit.proto.v1.Seat.newBuilder().setRow(1)
        .setPosition(cockpit.proto.v1.SeatPosition.SEAT_POSITION_PASSENGER_SIDE)).build();
    assertEquals(new cockpit.lm.context.CabinFacts.Seat(1, cockpit.lm.context.CabinFacts.Side.PASSENGER_SIDE),
        DialogueVerticle.speaker(seated, "driver"), "the utterance's own seat wins over the key");
    assertEquals(null, DialogueVerticle.speaker(VoiceUtterance.getDefaultInstance(), "front-left-ish"));
    assertEquals(ErrorReason.ERROR_REASON_BUSY, DialogueVerticle.reason(DialogueException.Kind.BUSY));
  }
}
