package cockpit.dialogue;

import cockpit.dialogue.DialogueException.Kind;
import cockpit.dialogue.context.ProtoFacts;
import cockpit.lm.FinishReason;
import cockpit.lm.context.CabinFacts;
import cockpit.lm.context.ContextFormat;
import cockpit.lm.GenerationResult;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.ReplyTimings;
import cockpit.proto.v1.SessionControl;
import cockpit.proto.v1.VoiceUtterance;
import com.google.protobuf.Timestamp;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dialogue on the event bus: VoiceUtterance (its seat, attached cameras and images) → a turn of its
 * session → a stream of Reply chunks (chunk_index from 0, in order) and one final Reply (finish reason,
 * token counts, queue wait from the utterance's arrival
 * here to its prefill, TTFT from there, tok/s); SessionControl OPEN / RESET / CLOSE / CANCEL; transcript requests answered
 * with a SessionTranscript. Bad input gets an error Reply and an ErrorReport (a session with its maximum
 * of pending utterances: BUSY); nothing blocks the event loop (turns run on the inference executor) and
 * one session's problem never stalls another.
 */
public final class DialogueVerticle extends VerticleBase {
  private final SessionManager sessions;
  private final DialogueAddresses addresses;
  private MessageConsumer<VoiceUtterance> voice;
  private MessageConsumer<SessionControl> control;
  private MessageConsumer<String> transcripts;
  private long expiryTimer;

  public DialogueVerticle(SessionManager sessions, DialogueAddresses addresses) {
    this.sessions = sessions;
    this.addresses = addresses;
  }

  @Override
  public Future<?> start() {
    voice = vertx.eventBus().consumer(addresses.voice(), this::onUtterance);
    control = vertx.eventBus().consumer(addresses.sessionControl(), m -> onControl(m.body()));
    transcripts = vertx.eventBus().consumer(addresses.transcripts(), this::onTranscript);
    expiryTimer = vertx.setPeriodic(60_000, id -> vertx.executeBlocking(sessions::expireIdle, false));
    return Future.join(voice.completion(), control.completion(), transcripts.completion());
  }

  private void onUtterance(Message<VoiceUtterance> m) {
    VoiceUtterance u = m.body();
    long arrived = System.nanoTime();
    AtomicInteger chunk = new AtomicInteger();
    java.util.concurrent.atomic.AtomicLong prefillStart = new java.util.concurrent.atomic.AtomicLong(arrived);
    try {
      TurnRequest request = new TurnRequest(u.getSessionId(), u.getText(),
          speaker(u, m.headers().get(DialogueAddresses.SEAT_HEADER)), u.getAttachCamerasList(), u.getImagesList());
      sessions.turn(request, text -> context.runOnContext(v -> vertx.eventBus().publish(
          addresses.replies(), reply(u).setChunkIndex(chunk.getAndIncrement()).setText(text).build())),
          prefillStart::set)
          .whenComplete((r, e) -> context.runOnContext(v -> finish(u, chunk.getAndIncrement(), r, e,
              (prefillStart.get() - arrived) / 1e6)));
    } catch (DialogueException e) {
      refuse(u.getSessionId(), u.getUtteranceId(), chunk.get(), e.kind(), e.getMessage());
    }
  }

  /**
   * The speaker's seat: the utterance's own seat field when set, else the voice key's {@code {seat}} chunk
   * when it is a seat name of the context format ({@code driver}, {@code rear-passenger-side}, …), else
   * null (the session's seat).
   */
  static CabinFacts.Seat speaker(VoiceUtterance u, String keySeat) {
    return ProtoFacts.seat(u.getSeat()).orElseGet(() -> keySeat == null ? null
        : ContextFormat.parseSeat(keySeat).orElse(null));
  }

  /**
   * A transcript request (the bridge's queryable): answered with the session's SessionTranscript as of its
   * last completed turn, or a failure naming the problem; read off the event loop (it may read a snapshot).
   */
  private void onTranscript(Message<String> m) {
    String id = String.valueOf(m.body());
    vertx.executeBlocking(() -> sessions.inspectNow(id), false).onComplete(ar -> {
      if (ar.succeeded() && ar.result().isPresent()) {
        m.reply(TranscriptMessages.of(ar.result().get(), Instant.now()));
      } else if (ar.succeeded()) {
        m.fail(404, "no session " + id);
      } else {
        m.fail(ar.cause() instanceof DialogueException ? 400 : 500, "transcript of session " + id + ": "
            + ar.cause().getMessage());
      }
    });
  }

  private void finish(VoiceUtterance u, int index, GenerationResult r, Throwable e, double queueWaitMs) {
    if (e != null) {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      Kind kind = cause instanceof DialogueException d ? d.kind() : Kind.INVALID_ARGUMENT;
      refuse(u.getSessionId(), u.getUtteranceId(), index, kind, String.valueOf(cause.getMessage()));
      return;
    }
    Reply.Builder b = reply(u).setChunkIndex(index).setIsFinal(true).setFinishReason(finish(r.reason()))
        .setContextCompacted(r.compacted()).setTimings(ReplyTimings.newBuilder().setTtftMs((float) r.ttftMs())
            .setTokensPerSecond((float) r.tokensPerSecond()).setPromptTokens(r.promptTokens())
            .setCompletionTokens(r.completionTokens()).setPrefillMs((float) r.prefillMs())
            .setDecodeMs((float) r.decodeMs()).setContextTokens(r.contextTokens())
            .setQueueWaitMs((float) queueWaitMs));
    if (r.error() != null) {
      b.setErrorMessage(r.error());
    }
    vertx.eventBus().publish(addresses.replies(), b.build());
  }

  private void onControl(SessionControl c) {
    try {
      Future<Void> done = switch (c.getAction()) {
        case SESSION_ACTION_OPEN, SESSION_ACTION_RESET -> Future.fromCompletionStage(sessions.open(c.getSessionId(),
            c.getSystemPrompt(), SamplingOverrides.apply(sessions, c), c.getAction()
                == cockpit.proto.v1.SessionAction.SESSION_ACTION_RESET, ProtoFacts.seat(c.getSeat()).orElse(null)),
            context);
        case SESSION_ACTION_CLOSE -> Future.fromCompletionStage(sessions.close(c.getSessionId()), context);
        case SESSION_ACTION_CANCEL -> {
          sessions.cancel(c.getSessionId());
          yield Future.succeededFuture();
        }
        default -> Future.failedFuture(new DialogueException(Kind.INVALID_ARGUMENT,
            "session control without an action for session " + c.getSessionId()));
      };
      done.onFailure(e -> report(c.getSessionId(), e instanceof DialogueException d ? d.kind() : Kind.INVALID_ARGUMENT,
          String.valueOf(e.getMessage())));
    } catch (DialogueException e) {
      report(c.getSessionId(), e.kind(), e.getMessage());
    } catch (IllegalArgumentException e) {
      report(c.getSessionId(), Kind.INVALID_ARGUMENT, e.getMessage());
    }
  }

  private void refuse(String session, String utterance, int index, Kind kind, String message) {
    vertx.eventBus().publish(addresses.replies(), Reply.newBuilder().setSessionId(session).setUtteranceId(utterance)
        .setChunkIndex(index).setIsFinal(true).setFinishReason(cockpit.proto.v1.FinishReason.FINISH_REASON_ERROR)
        .setErrorMessage(message).setTime(now()).build());
    report(session, kind, message);
  }

  /** Publishes an ErrorReport; also the sink the session manager reports through. */
  void report(String session, Kind kind, String message) {
    vertx.eventBus().publish(addresses.errors(), ErrorReport.newBuilder().setTime(now()).setTopic(addresses.voice())
        .setReason(reason(kind)).setMessage(message).setSessionId(session).build());
  }

  /** An Errors sink that publishes ErrorReports on {@code vertx}'s event bus. */
  public static SessionManager.Errors errorsTo(io.vertx.core.Vertx vertx, DialogueAddresses addresses) {
    return (kind, session, message) -> vertx.runOnContext(v -> vertx.eventBus().publish(addresses.errors(),
        ErrorReport.newBuilder().setTime(now()).setTopic(addresses.voice()).setReason(reason(kind))
            .setMessage(message).setSessionId(session).build()));
  }

  static ErrorReason reason(Kind kind) {
    return switch (kind) {
      case UNKNOWN_SESSION -> ErrorReason.ERROR_REASON_UNKNOWN_SESSION;
      case SESSION_LIMIT -> ErrorReason.ERROR_REASON_SESSION_LIMIT;
      case SNAPSHOT_CORRUPT -> ErrorReason.ERROR_REASON_SNAPSHOT_CORRUPT;
      case SNAPSHOT_SAVE_FAILED -> ErrorReason.ERROR_REASON_SNAPSHOT_SAVE_FAILED;
      case BUSY -> ErrorReason.ERROR_REASON_BUSY;
      case INVALID_ARGUMENT, BUSY_RESTORING, CONTEXT_FULL -> ErrorReason.ERROR_REASON_INVALID_ARGUMENT;
    };
  }

  private static cockpit.proto.v1.FinishReason finish(FinishReason r) {
    return switch (r) {
      case STOP -> cockpit.proto.v1.FinishReason.FINISH_REASON_STOP;
      case STOP_STRING -> cockpit.proto.v1.FinishReason.FINISH_REASON_STOP_STRING;
      case LENGTH -> cockpit.proto.v1.FinishReason.FINISH_REASON_LENGTH;
      case CONTEXT_FULL -> cockpit.proto.v1.FinishReason.FINISH_REASON_CONTEXT_FULL;
      case CANCELLED -> cockpit.proto.v1.FinishReason.FINISH_REASON_CANCELLED;
      case ERROR -> cockpit.proto.v1.FinishReason.FINISH_REASON_ERROR;
    };
  }

  private static Reply.Builder reply(VoiceUtterance u) {
    return Reply.newBuilder().setSessionId(u.getSessionId()).setUtteranceId(u.getUtteranceId()).setTime(now());
  }

  private static Timestamp now() {
    Instant n = Instant.now();
    return Timestamp.newBuilder().setSeconds(n.getEpochSecond()).setNanos(n.getNano()).build();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(expiryTimer);
    return Future.join(voice.unregister(), control.unregister(), transcripts.unregister());
  }
}
