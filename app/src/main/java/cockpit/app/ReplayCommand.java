package cockpit.app;

import cockpit.bus.zenoh.Config;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Zenoh;
import cockpit.sim.mcap.McapPlayback;
import cockpit.sim.mcap.McapReader;
import cockpit.sim.replay.ReplayOptions;
import cockpit.sim.replay.ReplayReport;
import cockpit.sim.replay.ReplayRunner;
import cockpit.sim.replay.ScenarioInputs;
import cockpit.sim.replay.TimedInput;
import cockpit.sim.scenario.Expectation;
import cockpit.sim.scenario.Scenario;
import cockpit.sim.scenario.ScenarioException;
import cockpit.sim.scenario.ScenarioParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cockpit replay FILE}: publishes a scenario (YAML) or a recording (MCAP) onto a running component
 * over Zenoh, or onto one started in this process ({@code --in-process}), collects its outputs, checks the
 * scenario's expectations and prints the report. Exit 0 when nothing failed, 1 when an expectation failed.
 */
@Command(name = "replay", description = {"Replay a scenario (.yaml) or an MCAP recording (.mcap) onto the component"
    + " and report: expectations, latency p50/p99 per topic, TTFT, tok/s, frames dropped.", "",
    "Example:", "  cockpit replay sim/scenarios/greeter.yaml --in-process --speed 2",
    "  cockpit replay drive.mcap --connect tcp/127.0.0.1:7447"})
final class ReplayCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "Scenario YAML (sim/scenarios/*.yaml) or .mcap file.")
  Path file;

  @Option(names = "--speed", defaultValue = "1", description = "Time factor: 1 = real time, 4 = four times faster.")
  double speed;

  @Option(names = "--connect", split = ",", description = "Zenoh endpoint(s) of the component (default: its "
      + "zenoh.listen, tcp/127.0.0.1:7447).")
  List<String> connect = new ArrayList<>();

  @Option(names = "--in-process", description = "Start the component in this process (same keys as `run`).")
  boolean inProcess;

  @Option(names = "--trained-model", description = "Check content expectations marked `requires: trained-model` "
      + "(skipped by default: generated models have random weights).")
  boolean trainedModel;

  @Option(names = "--json", description = "Write the JSON report to this file ('-' = stdout instead of the table).")
  String json;

  @Option(names = "--timeout", defaultValue = "60", description = "Seconds to wait for the component to answer.")
  long timeoutSeconds;

  @Mixin
  ConfigOptions configOptions;

  @Override
  public Integer call() throws Exception {
    CockpitConfig cfg = configOptions.load(List.of());
    Zenoh.initLogFromEnvOr(cfg.get("zenoh.log-level"));
    String vin = cfg.get("vin");
    String name;
    List<TimedInput> inputs;
    List<Expectation> expectations;
    try {
      if (file.getFileName().toString().endsWith(".mcap")) {
        name = file.getFileName().toString();
        inputs = McapPlayback.inputs(McapReader.read(file), vin);
        expectations = List.of();
      } else {
        Scenario s = ScenarioParser.parse(file);
        name = s.name();
        inputs = ScenarioInputs.prepare(s, vin, Instant.now());
        expectations = s.expectations();
      }
    } catch (ScenarioException | java.io.IOException e) {
      throw new CockpitConfig.ConfigException(e.getMessage());
    }
    ReplayOptions opts = new ReplayOptions(vin, speed, trainedModel, Duration.ofSeconds(timeoutSeconds),
        Duration.ofSeconds(60));
    ReplayReport report;
    Component component = inProcess ? Component.start(cfg) : null;
    try (Session session = Zenoh.open(runnerConfig(cfg, connect, List.of()))) {
      report = ReplayRunner.run(session, name, file.toString(), inputs, expectations, opts);
    } finally {
      if (component != null) {
        component.stop(Duration.ofMillis(cfg.number("shutdown.deadline-ms")));
      }
    }
    if (!"-".equals(json)) {
      System.out.print(report.toTable());
    }
    if (json != null) {
      String doc = report.toJson().encodePrettily();
      if ("-".equals(json)) {
        System.out.println(doc);
      } else {
        Files.writeString(Path.of(json), doc + System.lineSeparator());
      }
    }
    System.out.flush();
    return report.passed() ? 0 : 1;
  }

  /** A peer that connects to {@code connect} (or to the configured listen endpoints) and listens on {@code listen}. */
  static Config runnerConfig(CockpitConfig cfg, List<String> connect, List<String> listen) {
    Config.Builder b = Config.builder().mode(Config.Mode.PEER).multicastScouting(cfg.flag("zenoh.multicast-scouting"));
    listen.forEach(b::listen);
    for (String e : connect.isEmpty() ? cfg.list("zenoh.listen") : connect) {
      b.connect(e);
    }
    return b.build();
  }
}
