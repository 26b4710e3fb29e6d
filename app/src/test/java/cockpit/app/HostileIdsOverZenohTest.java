package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.interop.PythonPeer;
import cockpit.bus.testing.Loopback;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.FinishReason;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.VoiceUtterance;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids a peer controls, at their worst, sent by an official-Python-binding peer to the running
 * component: a 66 000-character session id once made the Zenoh core panic while writing the error
 * Reply's key and cut every later reply (issue #11, defect 1); ids that cannot form a key got no
 * Reply at all (defect 5). Each now gets an error Reply on {@code replies/~refused} and an
 * ErrorReport, and the component keeps serving.
 */
class HostileIdsOverZenohTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void hostileSessionIdsGetAnErrorReplyAndTheComponentKeepsServing(@TempDir Path snapshots)
      throws Exception {
    int port = Loopback.freePort();
    CockpitConfig cfg = CockpitConfig.load(null, Map.of(), List.of("vin=V1", "zenoh.listen=tcp/127.0.0.1:" + port,
        "http.port=0", "model.dir=" + TestModels.tiny(), "dialogue.snapshot-dir=" + snapshots,
        "dialogue.temperature=0", "dialogue.max-new-tokens=4"));
    String endpoint = Loopback.endpoint(port);
    try (Component c = Component.start(cfg);
        PythonPeer replies = PythonPeer.start(WAIT, "sub", "vehicle/V1/cockpit/replies/**", "--connect", endpoint,
            "--wait-connected", "1");
        PythonPeer errors = PythonPeer.start(WAIT, "sub", "vehicle/V1/cockpit/errors", "--connect", endpoint,
            "--wait-connected", "1");
        PythonPeer voice = PythonPeer.start(WAIT, "pub", "vehicle/V1/cabin/voice/driver", "--connect", endpoint,
            "--wait-connected", "1", "--wait-matching")) {
      List<String> hostile = List.of("s".repeat(66_000), "a/b", "*", "", "x".repeat(65), "$x", "?", "#", "é");
      for (int i = 0; i < hostile.size(); i++) {
        send(voice, hostile.get(i), "bad-" + i, "hello");
        Reply r = finalReply(replies, "bad-" + i);
        assertEquals(FinishReason.FINISH_REASON_ERROR, r.getFinishReason(), r.toString());
        assertTrue(r.getErrorMessage().contains("session_id"), r.getErrorMessage());
        ErrorReport e = errorReport(errors);
        assertEquals(ErrorReason.ERROR_REASON_INVALID_ARGUMENT, e.getReason());
        assertTrue(e.getMessage().length() < 2100, "the report does not echo the hostile id whole");
      }
      send(voice, "ok-1", "u-ok", "Where is the nearest charger?");
      Reply ok = finalReply(replies, "u-ok");
      assertTrue(ok.getFinishReason() != FinishReason.FINISH_REASON_ERROR, ok.toString());
      try (PythonPeer status = PythonPeer.start(WAIT, "get", "vehicle/V1/cockpit/status", "--connect", endpoint,
          "--wait-connected", "1", "--wait-matching")) {
        status.send("GO");
        JsonObject reply = status.next(o -> "reply".equals(o.getString("event")), WAIT)
            .orElseThrow(() -> new AssertionError("status query unanswered"));
        ComponentStatus s = ComponentStatus.parseFrom(HexFormat.of().parseHex(reply.getString("payload_hex")));
        long invalid = s.getTopicsList().stream().filter(t -> t.getKeyExpr().endsWith("voice/{seat}"))
            .mapToLong(t -> t.getInvalid()).sum();
        assertEquals(hostile.size(), invalid, "every refused utterance is counted");
      }
    }
  }

  private static void send(PythonPeer voice, String session, String utterance, String text) throws Exception {
    VoiceUtterance u = VoiceUtterance.newBuilder().setSessionId(session).setUtteranceId(utterance).setText(text)
        .build();
    voice.send("PUT " + HexFormat.of().formatHex(u.toByteArray()));
  }

  private static Reply finalReply(PythonPeer sub, String utterance) throws Exception {
    while (true) {
      JsonObject sample = sub.next(o -> "sample".equals(o.getString("event")), WAIT)
          .orElseThrow(() -> new AssertionError("no final reply for " + utterance));
      Reply r = Reply.parseFrom(HexFormat.of().parseHex(sample.getString("payload_hex")));
      if (r.getUtteranceId().equals(utterance) && r.getIsFinal()) {
        String key = sample.getString("key");
        String expected = utterance.startsWith("bad-") ? "vehicle/V1/cockpit/replies/~refused"
            : "vehicle/V1/cockpit/replies/" + r.getSessionId();
        assertEquals(expected, key);
        return r;
      }
    }
  }

  private static ErrorReport errorReport(PythonPeer sub) throws Exception {
    JsonObject sample = sub.next(o -> "sample".equals(o.getString("event")), WAIT)
        .orElseThrow(() -> new AssertionError("no ErrorReport"));
    return ErrorReport.parseFrom(HexFormat.of().parseHex(sample.getString("payload_hex")));
  }
}
