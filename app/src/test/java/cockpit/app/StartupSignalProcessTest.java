package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.SampleKind;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Zenoh;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, item 9: SIGTERM during start-up (it used to exit 143 without the ordered stop when it
 * came before {@code cockpit run} had taken over the signal, the first ~2 s) — with a real launched
 * process, as a supervisor would stop it.
 */
class StartupSignalProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static Process launch(Path snapshots, String... sets) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "cockpit.app.Main", "run", "--set",
        "dialogue.snapshot-dir=" + snapshots));
    for (String s : sets) {
      cmd.addAll(List.of("--set", s));
    }
    return Launch.builder(cmd).redirectErrorStream(true).start();
  }

  @Test
  void sigtermAsSoonAsTheLauncherRunsExitsZeroAndStartsNothingFurther(@TempDir Path snapshots) throws Exception {
    Process p = launch(snapshots, "model.dir=" + TestModels.tiny(), "zenoh.listen=tcp/127.0.0.1:" + Loopback.freePort());
    List<String> out = RunCommandProcessTest.collect(p);
    try {
      assertTrue(Loopback.eventually(WAIT, () -> out.stream().anyMatch(l -> l.startsWith("cockpit: starting"))),
          "no starting line: " + out);
      p.toHandle().destroy(); // SIGTERM, long before the component is ready
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exited: " + out);
      assertEquals(0, p.exitValue(), String.join("\n", out));
      assertTrue(out.stream().noneMatch(l -> l.startsWith("cockpit: ready")), "never became ready: " + out);
      assertTrue(out.contains("cockpit: stop requested before start; nothing was started")
          || out.contains("cockpit: stopped"), out.toString());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void sigtermWhileTheModelIsBeingGeneratedRunsTheOrderedStop(@TempDir Path snapshots, @TempDir Path models)
      throws Exception {
    int port = Loopback.freePort();
    // An empty model dir: the component generates the model after the bus is up, a window of seconds.
    Process p = launch(snapshots, "model.dir=" + models.resolve("tiny"), "vin=V6",
        "zenoh.listen=tcp/127.0.0.1:" + port);
    List<String> out = RunCommandProcessTest.collect(p);
    List<String> events = new CopyOnWriteArrayList<>();
    try (Session s = Zenoh.open(Loopback.connecting(port))) {
      s.liveliness().declareSubscriber(KeyExpr.tryFrom("vehicle/V6/cockpit/alive"),
          x -> events.add(x.kind() == SampleKind.PUT ? "alive-put" : "alive-delete"), true);
      assertTrue(Loopback.eventually(WAIT, () -> events.contains("alive-put")), "bus up: " + out);
      p.toHandle().destroy();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "exited: " + out);
      assertEquals(0, p.exitValue(), String.join("\n", out));
      assertTrue(Loopback.eventually(WAIT, () -> events.contains("alive-delete")), "undeclared: " + events);
      assertTrue(out.contains("cockpit: stopping") && out.contains("cockpit: stopped"), out.toString());
      assertFalse(out.stream().anyMatch(l -> l.contains("second signal")), out.toString());
    } finally {
      p.destroyForcibly();
    }
  }
}
