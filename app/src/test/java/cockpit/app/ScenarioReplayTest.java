package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Zenoh;
import cockpit.sim.replay.Outcome;
import cockpit.sim.replay.ReplayOptions;
import cockpit.sim.replay.ReplayReport;
import cockpit.sim.replay.ReplayRunner;
import cockpit.sim.replay.ScenarioInputs;
import cockpit.sim.scenario.Expectation;
import cockpit.sim.scenario.Scenario;
import cockpit.sim.scenario.ScenarioParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped scenario replayed through the real component (started in-process as `cockpit run` starts
 * it, tiny generated model) over Zenoh on loopback, accelerated: the structure and timing expectations
 * pass, and the content ones that need a trained model are reported as skipped.
 */
class ScenarioReplayTest {
  static final Path SCENARIOS = Path.of(System.getProperty("cockpit.home", "..")).resolve("sim/scenarios");

  static CockpitConfig config(int port, Path snapshots) throws Exception {
    return CockpitConfig.load(null, Map.of(), List.of("vin=SIM1", "zenoh.listen=tcp/127.0.0.1:" + port,
        "http.port=0", "model.dir=" + TestModels.tiny(), "dialogue.snapshot-dir=" + snapshots, "dialogue.temperature=0",
        "dialogue.max-new-tokens=24"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"child-left-behind", "driver-distraction", "greeter", "car-finder", "door-open-hazard",
      "long-conversation"})
  void shippedScenarioPassesItsStructuralExpectations(String name, @TempDir Path snapshots) throws Exception {
    Scenario s = ScenarioParser.parse(SCENARIOS.resolve(name + ".yaml"));
    int port = Loopback.freePort();
    ReplayReport report;
    try (Component c = Component.start(config(port, snapshots));
        Session runner = Zenoh.open(Loopback.connecting(port))) {
      report = ReplayRunner.run(runner, s.name(), s.source(), ScenarioInputs.prepare(s, "SIM1", Instant.now()),
          s.expectations(), ReplayOptions.of("SIM1", 2).withTail(Duration.ofSeconds(120)));
    }
    System.err.print(report.toTable());
    long trained = s.expectations().stream().filter(Expectation::trainedModel).count();
    assertTrue(report.passed(), report.toTable());
    assertEquals(trained, report.count(Outcome.Status.SKIPPED), report.toTable());
    assertEquals(s.expectations().size() - trained, report.count(Outcome.Status.PASS), report.toTable());
    assertEquals(s.timeline().size(), report.inputsSent());
    assertTrue(report.component().contains("ready"), report.component());
    assertEquals(report.toJson().getJsonObject("summary").getLong("skipped"), trained);
  }
}
