package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.interop.PythonPeer;
import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Publisher;
import cockpit.bus.zenoh.PublisherOptions;
import cockpit.bus.zenoh.SampleKind;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.ZBytes;
import cockpit.bus.zenoh.Zenoh;
import cockpit.proto.v1.FinishReason;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.VoiceUtterance;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dialogue end to end over real Zenoh: an official-Python-binding peer, and a killed and restarted process. */
class DialogueOverZenohTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void pythonPeerSendsUtterancesAndReceivesStreamedRepliesInOrder(@TempDir Path snapshots) throws Exception {
    int port = Loopback.freePort();
    CockpitConfig cfg = CockpitConfig.load(null, Map.of(), List.of("vin=V1", "zenoh.listen=tcp/127.0.0.1:" + port,
        "http.port=0", "model.dir=" + TestModels.tiny(), "dialogue.snapshot-dir=" + snapshots, "dialogue.temperature=0",
        "dialogue.max-new-tokens=20"));
    try (Component c = Component.start(cfg);
        PythonPeer sub = PythonPeer.start(WAIT, "sub", "vehicle/V1/cockpit/replies/*", "--connect",
            Loopback.endpoint(port), "--wait-connected", "1");
        PythonPeer pub = PythonPeer.start(WAIT, "pub", "vehicle/V1/cabin/voice/driver", "--connect",
            Loopback.endpoint(port), "--wait-connected", "1", "--wait-matching")) {
      List<Reply> first = turn(pub, sub, "py-1", "u1", "Where is the nearest charger?");
      List<Reply> second = turn(pub, sub, "py-1", "u2", "And how long will it take?");
      for (List<Reply> replies : List.of(first, second)) {
        for (int i = 0; i < replies.size(); i++) {
          assertEquals(i, replies.get(i).getChunkIndex(), "chunks arrive in order: " + replies);
        }
        Reply last = replies.get(replies.size() - 1);
        assertTrue(last.getIsFinal());
        assertTrue(last.getFinishReason() == FinishReason.FINISH_REASON_STOP
            || last.getFinishReason() == FinishReason.FINISH_REASON_LENGTH, last.toString());
      }
      int ctx1 = first.get(first.size() - 1).getTimings().getContextTokens();
      int ctx2 = second.get(second.size() - 1).getTimings().getContextTokens();
      assertTrue(ctx2 > ctx1, "the second turn carried the first one's state: " + ctx1 + " -> " + ctx2);
      assertEquals("u2", second.get(0).getUtteranceId());
    }
  }

  private static List<Reply> turn(PythonPeer pub, PythonPeer sub, String session, String utterance, String text)
      throws Exception {
    VoiceUtterance u = VoiceUtterance.newBuilder().setSessionId(session).setUtteranceId(utterance).setText(text)
        .build();
    pub.send("PUT " + HexFormat.of().formatHex(u.toByteArray()));
    List<Reply> replies = new ArrayList<>();
    while (replies.isEmpty() || !replies.get(replies.size() - 1).getIsFinal()) {
      Optional<JsonObject> s = sub.next(o -> "sample".equals(o.getString("event")), WAIT);
      JsonObject sample = s.orElseThrow(() -> new AssertionError("no reply for " + utterance + ": " + replies));
      assertEquals("vehicle/V1/cockpit/replies/" + session, sample.getString("key"));
      Reply r = Reply.parseFrom(HexFormat.of().parseHex(sample.getString("payload_hex")));
      if (r.getUtteranceId().equals(utterance)) {
        replies.add(r);
      }
    }
    return replies;
  }

  @Test
  void afterKillDashNineTheRestartedProcessResumesEachSessionFromItsLastTurn(@TempDir Path snapshots)
      throws Exception {
    int port = Loopback.freePort();
    String[] args = {"run", "--set", "vin=V7", "--set", "zenoh.listen=tcp/127.0.0.1:" + port, "--set",
        "dialogue.temperature=0", "--set", "dialogue.max-new-tokens=12"};
    int ctx2;
    String firstZid;
    try (Session java = Zenoh.open(Loopback.connecting(port))) {
      Process first = launch(args, snapshots);
      try {
        awaitAlive(java, 1);
        firstZid = statusZid(java);
        Final f1 = say(java, "k", "u1", "Set the temperature to twenty degrees.");
        ctx2 = say(java, "k", "u2", "Also warm the seats.").contextTokens;
        assertTrue(ctx2 > f1.contextTokens);
      } finally {
        first.destroyForcibly(); // SIGKILL: no shutdown, only the per-turn snapshots survive
        first.waitFor(30, TimeUnit.SECONDS);
      }
      Process second = launch(args, snapshots);
      try {
        // The killed process's token lingers until its lease expires: wait for the new process itself.
        assertTrue(Loopback.eventually(WAIT, () -> {
          String z = statusZid(java);
          return !z.isEmpty() && !z.equals(firstZid);
        }), "the restarted component answers status");
        int ctx3 = say(java, "k", "u3", "Thanks.").contextTokens;
        int fresh = say(java, "other", "u4", "Thanks.").contextTokens;
        assertTrue(ctx3 > ctx2, "session k resumed after its second turn: " + ctx2 + " -> " + ctx3);
        assertTrue(fresh < ctx3, "a new session starts from the system prompt only: " + fresh);
      } finally {
        second.toHandle().destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private record Final(int contextTokens) {}

  private static Process launch(String[] args, Path snapshots) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--set", "dialogue.snapshot-dir=" + snapshots, "--set", "model.dir=" + TestModels.tiny()));
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "cockpit.app.Main"));
    cmd.addAll(all);
    java.io.File log = snapshots.resolveSibling(snapshots.getFileName() + "-process-" + System.nanoTime() + ".log")
        .toFile();
    System.err.println("component log: " + log);
    return Launch.builder(cmd).redirectErrorStream(true).redirectOutput(log).start();
  }

  /** Waits until the component's liveliness token has appeared {@code times} times (it declares it last). */
  private static void awaitAlive(Session java, int times) {
    List<SampleKind> seen = new CopyOnWriteArrayList<>();
    var sub = java.liveliness().declareSubscriber(KeyExpr.tryFrom("vehicle/V7/cockpit/alive"),
        s -> seen.add(s.kind()), true);
    try {
      assertTrue(Loopback.eventually(WAIT, () -> seen.contains(SampleKind.PUT)), "component " + times + " alive");
    } finally {
      sub.close();
    }
  }

  /** The Zenoh id in the component's status answer, or "" when none answered. */
  private static String statusZid(Session java) {
    try {
      var replies = java.get("vehicle/V7/cockpit/status", cockpit.bus.zenoh.GetOptions.DEFAULT
          .withTimeout(Duration.ofSeconds(2))).get(10, TimeUnit.SECONDS);
      for (var r : replies) {
        if (r.ok().isPresent()) {
          return cockpit.proto.v1.ComponentStatus.parseFrom(r.ok().get().payload().toBytes()).getZenohId();
        }
      }
    } catch (Exception e) {
      return "";
    }
    return "";
  }

  /**
   * Sends one utterance and waits for its final reply. The send is repeated (same utterance id) if
   * no reply comes within 15 s: right after a (re)start, routes may still be settling.
   */
  private static Final say(Session java, String session, String utterance, String text) throws Exception {
    List<Reply> finals = new CopyOnWriteArrayList<>();
    var sub = java.declareSubscriber(KeyExpr.tryFrom("vehicle/V7/cockpit/replies/" + session), s -> {
      try {
        Reply r = Reply.parseFrom(s.payload().toBytes());
        if (r.getIsFinal() && r.getUtteranceId().equals(utterance)) {
          finals.add(r);
        }
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    try (Publisher pub = java.declarePublisher(KeyExpr.tryFrom("vehicle/V7/cabin/voice/driver"),
        PublisherOptions.DEFAULT)) {
      byte[] payload = VoiceUtterance.newBuilder().setSessionId(session).setUtteranceId(utterance).setText(text)
          .build().toByteArray();
      for (int attempt = 0; attempt < 4 && finals.isEmpty(); attempt++) {
        pub.put(ZBytes.of(payload));
        Loopback.eventually(Duration.ofSeconds(15), () -> !finals.isEmpty());
      }
      assertTrue(!finals.isEmpty(), "final reply to " + utterance);
      Reply r = finals.get(finals.size() - 1);
      assertTrue(r.getFinishReason() != FinishReason.FINISH_REASON_ERROR, r.toString());
      return new Final(r.getTimings().getContextTokens());
    } finally {
      sub.close();
    }
  }
}
