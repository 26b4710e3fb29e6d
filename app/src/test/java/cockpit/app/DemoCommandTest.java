package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.testing.Loopback;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `cockpit demo` as the README runs it, on two shipped scenarios (all six are ScenarioReplayTest's job). */
class DemoCommandTest {
  private static int run(ByteArrayOutputStream err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("cockpit: " + ex.getMessage());
      return 2;
    });
    return cl.execute(args);
  }

  @Test
  void demoReplaysScenariosThroughFreshComponentsAndWritesTheReports(@TempDir Path dir) throws Exception {
    System.setProperty("cockpit.home", System.getProperty("cockpit.home", ".."));
    Path json = dir.resolve("demo.json");
    int code = run(new ByteArrayOutputStream(), "demo", "--scenarios", "greeter,car-finder", "--speed", "2",
        "--json", json.toString(), "--set", "vin=DEMO2", "--set", "zenoh.listen=tcp/127.0.0.1:" + Loopback.freePort(),
        "--set", "http.port=0", "--set", "model.dir=" + TestModels.tiny());
    assertEquals(0, code);
    var reports = new JsonObject(Files.readString(json)).getJsonArray("demo");
    assertEquals(2, reports.size());
    for (int i = 0; i < 2; i++) {
      JsonObject summary = reports.getJsonObject(i).getJsonObject("summary");
      assertEquals(0L, summary.getLong("fail"), reports.getJsonObject(i).encodePrettily());
      assertTrue(summary.getLong("pass") >= 2, summary.encode());
    }
  }

  @Test
  void unknownScenarioIsAClearErrorListingTheShippedOnes() {
    System.setProperty("cockpit.home", System.getProperty("cockpit.home", ".."));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = run(err, "demo", "--scenarios", "greeter,no-such-scenario", "--set", "http.port=0");
    assertEquals(2, code);
    String e = err.toString();
    assertTrue(e.contains("--scenarios: unknown scenario 'no-such-scenario'"), e);
    for (String name : DemoCommand.ALL.split(",")) {
      assertTrue(e.contains(name), name + " not listed: " + e);
    }
  }
}
