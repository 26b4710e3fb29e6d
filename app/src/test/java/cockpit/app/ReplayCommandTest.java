package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Zenoh;
import cockpit.sim.mcap.McapFile;
import cockpit.sim.mcap.McapReader;
import cockpit.sim.replay.ReplayOptions;
import cockpit.sim.replay.ReplayRunner;
import cockpit.sim.replay.ScenarioInputs;
import cockpit.sim.scenario.Scenario;
import cockpit.sim.scenario.ScenarioParser;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The `replay` and `record` subcommands as a user runs them. */
class ReplayCommandTest {
  private record Run(int code, String err) {}

  private static Run cli(String... args) {
    CommandLine cl = new CommandLine(new Main());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("cockpit: " + ex.getMessage());
      return 2;
    });
    return new Run(cl.execute(args), err.toString());
  }

  private static List<String> common(int port, Path snapshots) throws Exception {
    return List.of("--set", "vin=SIM2", "--set", "zenoh.listen=tcp/127.0.0.1:" + port, "--set", "http.port=0", "--set",
        "model.dir=" + TestModels.tiny(), "--set", "dialogue.snapshot-dir=" + snapshots, "--set",
        "dialogue.max-new-tokens=16");
  }

  @Test
  void failingExpectationsGiveExitOneAndAJsonReportThatSaysWhy(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("strict.yaml");
    Files.writeString(yaml, """
        name: strict
        timeline:
          - {at: 0s, id: hi, say: {session: s1, text: "Hello there"}}
        expect:
          - name: impossible text
            reply: {to: hi, within: 60s, matches: "^zz-never-zz$"}
          - name: no such alert
            alert: {kind: fatigue, after: hi, within: 1s}
          - name: quiet
            no-alert: {before: 1s}
        """);
    Path json = dir.resolve("report.json");
    List<String> args = new ArrayList<>(List.of("replay", yaml.toString(), "--in-process", "--speed", "4", "--json",
        json.toString()));
    args.addAll(common(Loopback.freePort(), dir.resolve("snap")));
    Run r = cli(args.toArray(String[]::new));
    assertEquals(1, r.code(), r.err());
    JsonObject report = new JsonObject(Files.readString(json));
    assertEquals(false, report.getBoolean("passed"));
    var exp = report.getJsonArray("expectations");
    assertEquals("fail", exp.getJsonObject(0).getString("status"));
    assertTrue(exp.getJsonObject(0).getString("detail").contains("does not match"), exp.encode());
    assertEquals("fail", exp.getJsonObject(1).getString("status"));
    assertEquals("pass", exp.getJsonObject(2).getString("status"));
    assertEquals(1, report.getJsonObject("replies").getJsonObject("ttft_ms").getInteger("n"));
  }

  @Test
  void badScenarioFileStopsWithFileLineAndExitTwo(@TempDir Path dir) throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, "name: bad\ntimeline:\n  - {at: 1s, say: {session: s, txt: hi}}\n");
    Run r = cli("replay", yaml.toString(), "--timeout", "1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains(yaml + ":3: timeline[0].say.txt: unknown key"), r.err());
  }

  @Test
  void recordProcessCapturesAReplayAndTheRecordingReplaysThroughTheComponent(@TempDir Path dir) throws Exception {
    int port = Loopback.freePort();
    int recPort = Loopback.freePort();
    Path mcap = dir.resolve("greeter.mcap");
    Scenario s = ScenarioParser.parse(ScenarioReplayTest.SCENARIOS.resolve("greeter.yaml"));
    try (Component c = Component.start(ScenarioReplayTest.config(port, dir.resolve("snap")))) {
      List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
          "--enable-native-access=ALL-UNNAMED", "cockpit.app.Main", "record", mcap.toString(), "--connect",
          Loopback.endpoint(port), "--listen", Loopback.endpoint(recPort), "--set", "vin=SIM1", "--duration", "600"));
      Process rec = Launch.builder(cmd).redirectErrorStream(true).start();
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(rec.getInputStream()));
      String first = out.readLine();
      assertTrue(first != null && first.startsWith("cockpit: recording vehicle/SIM1/**"), first);
      // Peers do not relay each other's traffic: the runner reaches the recorder directly (a car has a router).
      try (Session runner = Zenoh.open(cockpit.bus.zenoh.Config.builder().connect(Loopback.endpoint(port))
          .connect(Loopback.endpoint(recPort)).build())) {
        var report = ReplayRunner.run(runner, s.name(), s.source(), ScenarioInputs.prepare(s, "SIM1", Instant.now()),
            s.expectations(), ReplayOptions.of("SIM1", 2));
        assertTrue(report.passed(), report.toTable());
        rec.toHandle().destroy(); // SIGTERM (keeps our end of its stdout open): the recorder finishes the file
        String rest = String.join("\n", out.lines().toList());
        assertTrue(rec.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, rec.exitValue(), rest);
        assertTrue(rest.contains("cockpit: recorded "), rest);
      } finally {
        rec.destroyForcibly();
      }
    }
    McapFile f = McapReader.read(mcap);
    List<String> topics = f.channels().values().stream().map(McapFile.Channel::topic).toList();
    assertTrue(topics.contains("vehicle/SIM1/cabin/voice/driver"), topics.toString());
    assertTrue(topics.contains("vehicle/SIM1/cockpit/replies/greeter"), topics.toString());
    assertTrue(topics.contains("vehicle/SIM1/cabin/camera/cabin"), topics.toString());
    List<String> args = new ArrayList<>(List.of("replay", mcap.toString(), "--in-process", "--speed", "2", "--json",
        dir.resolve("mcap.json").toString()));
    args.addAll(common(Loopback.freePort(), dir.resolve("snap2")));
    args.set(args.indexOf("vin=SIM2"), "vin=SIM3");
    Run r = cli(args.toArray(String[]::new));
    assertEquals(0, r.code(), r.err());
    JsonObject report = new JsonObject(Files.readString(dir.resolve("mcap.json")));
    assertEquals(8, report.getInteger("inputs_sent"), "the recording's inputs, outputs left out");
    assertTrue(report.getJsonObject("topics").getJsonObject("replies").getInteger("count") > 0, report.encode());
    assertEquals(1, report.getJsonObject("replies").getJsonObject("ttft_ms").getInteger("n"), report.encode());
  }
}
