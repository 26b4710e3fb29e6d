package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cockpit run} as a child process: SIGTERM's ordered stop, its forced exits, and HTTP port conflicts. */
class ShutdownProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static Process launch(Path snapshots, String... sets) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "cockpit.app.Main", "run", "--set", "model.dir=" + TestModels.tiny(),
        "--set", "dialogue.snapshot-dir=" + snapshots));
    for (String s : sets) {
      cmd.addAll(List.of("--set", s));
    }
    return Launch.builder(cmd).redirectErrorStream(true).start();
  }

  private static void awaitLine(List<String> out, String prefix) {
    assertTrue(Loopback.eventually(WAIT, () -> out.stream().anyMatch(l -> l.startsWith(prefix))),
        "no line " + prefix + ": " + out);
  }

  @Test
  void sigtermCancelsTheTurnInFlightSnapshotsTheSessionThenUndeclaresAndExitsZero(@TempDir Path snapshots)
      throws Exception {
    int port = Loopback.freePort();
    Process p = launch(snapshots, "vin=V5", "zenoh.listen=tcp/127.0.0.1:" + port, "dialogue.snapshot-each-turn=false",
        "dialogue.temperature=0", "dialogue.max-new-tokens=3000", "perception.enabled=false");
    List<String> out = RunCommandProcessTest.collect(p);
    List<String> events = new CopyOnWriteArrayList<>(); // what a bus peer sees, in order
    try (Session s = Zenoh.open(Loopback.connecting(port))) {
      awaitLine(out, "cockpit: ready");
      s.liveliness().declareSubscriber(KeyExpr.tryFrom("vehicle/V5/cockpit/alive"), x -> events.add("alive-"
          + (x.kind() == SampleKind.PUT ? "put" : "delete")), true);
      s.declareSubscriber(KeyExpr.tryFrom("vehicle/V5/cockpit/replies/long"), x -> {
        try {
          Reply r = Reply.parseFrom(x.payload().toBytes());
          events.add(r.getIsFinal() ? "final-" + r.getFinishReason().name() : "chunk");
        } catch (Exception e) {
          events.add("bad " + e);
        }
      });
      assertTrue(Loopback.eventually(WAIT, () -> events.contains("alive-put")), events.toString());
      try (Publisher pub = s.declarePublisher(KeyExpr.tryFrom("vehicle/V5/cabin/voice/driver"),
          PublisherOptions.DEFAULT)) {
        pub.put(ZBytes.of(VoiceUtterance.newBuilder().setSessionId("long").setUtteranceId("u1")
            .setText("Tell me a very long story about the road ahead.").build().toByteArray()));
        assertTrue(Loopback.eventually(WAIT, () -> events.contains("chunk")), "the reply is streaming: " + events);
      }
      assertTrue(events.stream().noneMatch(e -> e.startsWith("final")), "still in flight: " + events);
      p.toHandle().destroy(); // SIGTERM
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exited after SIGTERM: " + out);
      assertEquals(0, p.exitValue(), String.join("\n", out));
      assertTrue(Loopback.eventually(WAIT, () -> events.contains("alive-delete")), events.toString());
      String fin = "final-" + FinishReason.FINISH_REASON_CANCELLED.name();
      assertTrue(events.contains(fin), "the turn in flight was cancelled and its final reply sent: " + events);
      assertTrue(events.indexOf(fin) < events.indexOf("alive-delete"), "reply before undeclaring: " + events);
      Path snap = snapshots.resolve("long.snap");
      assertTrue(Files.isRegularFile(snap) && Files.size(snap) > 26, "the session was snapshotted at shutdown");
      assertTrue(out.contains("cockpit: stopped"), out.toString());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aStopThatOutlastsTheDeadlineIsCutShortWithItsOwnStatus(@TempDir Path snapshots) throws Exception {
    Process p = launch(snapshots, "zenoh.listen=tcp/127.0.0.1:" + Loopback.freePort(), "shutdown.deadline-ms=1");
    List<String> out = RunCommandProcessTest.collect(p);
    try {
      awaitLine(out, "cockpit: ready");
      p.toHandle().destroy();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(RunCommand.EXIT_DEADLINE, p.exitValue(), String.join("\n", out));
      assertTrue(Loopback.eventually(WAIT, () -> out.stream().anyMatch(l -> l.contains("shutdown.deadline-ms"))),
          out.toString());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aSecondSigtermDuringTheStopForcesTheExit(@TempDir Path snapshots) throws Exception {
    Process p = launch(snapshots, "zenoh.listen=tcp/127.0.0.1:" + Loopback.freePort());
    List<String> out = RunCommandProcessTest.collect(p);
    try {
      awaitLine(out, "cockpit: ready");
      p.toHandle().destroy();
      awaitLine(out, "cockpit: stopping");
      p.toHandle().destroy();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(RunCommand.EXIT_SECOND_SIGNAL, p.exitValue(), String.join("\n", out));
      assertTrue(Loopback.eventually(WAIT, () -> out.contains("cockpit: second signal, exiting now")),
          out.toString());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void httpPortInUseFailsFastNamingTheKeyAndTheFix(@TempDir Path snapshots) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Process p = launch(snapshots, "zenoh.listen=tcp/127.0.0.1:" + Loopback.freePort(),
          "http.port=" + taken.getLocalPort());
      List<String> out = RunCommandProcessTest.collect(p);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(2, p.exitValue(), String.join("\n", out));
      assertTrue(Loopback.eventually(WAIT, () -> out.stream().anyMatch(l -> l.contains("http.port is in use")
          && l.contains("--set http.port="))), out.toString());
    }
  }

  @Test
  void readyLinePrintsTheHttpAddressAndLivenessAnswersThere(@TempDir Path snapshots) throws Exception {
    Process p = launch(snapshots, "zenoh.listen=tcp/127.0.0.1:" + Loopback.freePort(), "dialogue.enabled=false");
    List<String> out = RunCommandProcessTest.collect(p);
    try {
      awaitLine(out, "cockpit: ready");
      String line = out.stream().filter(l -> l.startsWith("cockpit: ready")).findFirst().orElseThrow();
      var m = java.util.regex.Pattern.compile("http=(http://127\\.0\\.0\\.1:(\\d+)/)").matcher(line);
      assertTrue(m.find(), line);
      assertTrue(Integer.parseInt(m.group(2)) > 0, "http.port=0 (from the test environment) bound a real port");
      var res = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create(m.group(1) + "health/ready")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, res.statusCode(), res.body());
      assertTrue(res.body().contains("not used (dialogue.enabled=false)"), res.body());
    } finally {
      p.toHandle().destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }
}
