package cockpit.bus.bridge;

import cockpit.bus.BusIds;
import cockpit.bus.Topics;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Query;
import cockpit.bus.zenoh.ZBytes;
import cockpit.proto.v1.SessionTranscript;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Answers gets on {@link Topics#SESSION_TRANSCRIPT}: the session named by the key's {@code {session}}
 * chunk is asked for on {@link Topics#SESSION_TRANSCRIPT_ADDRESS}, and its SessionTranscript is the
 * reply. A key that names no single valid session, no answer within {@link #WAIT} (no dialogue, or an
 * unknown session) gets an error reply with the reason as UTF-8 text.
 *
 * <p>A Zenoh query is answered while its callback runs, so the callback (on a Zenoh thread) waits for
 * the event-bus answer at most {@link #WAIT}; the dialogue answers from what the session holds after its
 * last completed turn, never waiting for a turn. Thread-safe; holds no resources.
 */
final class TranscriptQueries {
  /** Longest a Zenoh thread waits for the dialogue's answer. */
  static final Duration WAIT = Duration.ofSeconds(2);

  private final Vertx vertx;
  private final String prefix;
  private final String suffix;

  TranscriptQueries(Vertx vertx, String vin) {
    this.vertx = vertx;
    String key = Topics.forVin(Topics.SESSION_TRANSCRIPT, vin);
    this.prefix = key.substring(0, key.indexOf("{session}"));
    this.suffix = key.substring(key.indexOf("{session}") + "{session}".length());
  }

  /** The key expression to declare the queryable on (one chunk per session). */
  String keyExpr() {
    return prefix + "*" + suffix;
  }

  void answer(Query q) {
    String key = q.keyExpr().toString();
    String session = key.startsWith(prefix) && key.endsWith(suffix) && key.length() > prefix.length() + suffix.length()
        ? key.substring(prefix.length(), key.length() - suffix.length()) : "";
    if (!BusIds.isValid(session)) {
      q.replyErr(text("a transcript get names one session: " + BusIds.shorten(key, 256)));
      return;
    }
    try {
      Object body = vertx.eventBus().request(Topics.SESSION_TRANSCRIPT_ADDRESS, session,
          new DeliveryOptions().setSendTimeout(WAIT.toMillis())).toCompletionStage().toCompletableFuture()
          .get(WAIT.toMillis() + 500, TimeUnit.MILLISECONDS).body();
      if (body instanceof SessionTranscript t) {
        q.reply(KeyExpr.tryFrom(key), ZBytes.of(t.toByteArray()));
      } else {
        q.replyErr(text("no transcript of session " + session));
      }
    } catch (ExecutionException e) {
      q.replyErr(text(String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage())));
    } catch (TimeoutException e) {
      q.replyErr(text("no answer about session " + session + " within " + WAIT.toMillis() + " ms"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      q.replyErr(text("interrupted"));
    }
  }

  private static ZBytes text(String s) {
    return ZBytes.of(s.getBytes(StandardCharsets.UTF_8));
  }
}
