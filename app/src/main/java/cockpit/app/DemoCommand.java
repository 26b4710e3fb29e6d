package cockpit.app;

import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Zenoh;
import cockpit.sim.replay.Outcome;
import cockpit.sim.replay.ReplayOptions;
import cockpit.sim.replay.ReplayReport;
import cockpit.sim.replay.ReplayRunner;
import cockpit.sim.replay.ScenarioInputs;
import cockpit.sim.scenario.Scenario;
import cockpit.sim.scenario.ScenarioException;
import cockpit.sim.scenario.ScenarioParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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

/**
 * {@code cockpit demo}: the README's main job. For each shipped scenario: start the component the way
 * {@code cockpit run} does (generating the default model on first use), replay the scenario over Zenoh on
 * loopback, stop the component; then print every report and a summary. One component per scenario, so
 * alert and session state never leak between scenarios. Exit 0 when no expectation failed.
 */
@Command(name = "demo", description = {"Start the component (generating the default model if missing), replay the"
    + " shipped scenarios end to end over Zenoh and print the reports; exit 1 when an expectation failed.", "",
    "Example:", "  cockpit demo --scenarios greeter,car-finder --speed 4 --json demo.json"})
final class DemoCommand implements Callable<Integer> {
  static final String ALL = "child-left-behind,driver-distraction,greeter,car-finder,door-open-hazard,"
      + "long-conversation";

  @Option(names = "--scenarios", defaultValue = ALL, description = "Comma-separated scenario names under"
      + " sim/scenarios, or .yaml paths (default: all six).")
  String scenarios;

  @Option(names = "--speed", defaultValue = "2", description = "Time factor (default 2: twice real time).")
  double speed;

  @Option(names = "--json", description = "Also write all reports as one JSON document to this file.")
  Path json;

  @Mixin
  ConfigOptions configOptions;

  @Override
  public Integer call() throws Exception {
    List<Scenario> list = new ArrayList<>();
    for (String s : scenarios.split(",")) {
      list.add(parse(s.trim()));
    }
    Path snapshots = Files.createTempDirectory("cockpit-demo-sessions");
    // Demo defaults before --set, so --set wins: throw-away sessions, short greedy replies (random weights).
    CockpitConfig cfg = configOptions.load(List.of("dialogue.snapshot-dir=" + snapshots, "dialogue.temperature=0",
        "dialogue.max-new-tokens=24"));
    ComponentConfig.validate(cfg);
    Zenoh.initLogFromEnvOr(cfg.get("zenoh.log-level"));
    String vin = cfg.get("vin");
    ProgressBar bar = new ProgressBar(System.err);
    List<ReplayReport> reports = new ArrayList<>();
    String shown = null;
    for (int i = 0; i < list.size(); i++) {
      Scenario s = list.get(i);
      bar.progress("demo " + s.name(), i, list.size());
      try (Component c = Component.start(cfg);
          Session runner = Zenoh.open(ReplayCommand.runnerConfig(cfg, List.of(), List.of()))) {
        if (c.httpPort() >= 0 && !RunCommand.httpBase(cfg.get("http.host"), c.httpPort()).equals(shown)) {
          shown = RunCommand.httpBase(cfg.get("http.host"), c.httpPort());
          bar.done();
          System.err.println("cockpit: dashboard " + shown + "  metrics " + shown + "metrics  (while the scenarios"
              + " run)");
        }
        reports.add(ReplayRunner.run(runner, s.name(), s.source(), ScenarioInputs.prepare(s, vin, Instant.now()),
            s.expectations(), ReplayOptions.of(vin, speed).withTail(Duration.ofSeconds(120))));
      }
    }
    bar.progress("demo", list.size(), list.size());
    bar.done();
    reports.forEach(r -> System.out.print(r.toTable() + System.lineSeparator()));
    System.out.println(summary(reports));
    if (json != null) {
      JsonArray a = new JsonArray();
      reports.forEach(r -> a.add(r.toJson()));
      Files.writeString(json, new JsonObject().put("demo", a).encodePrettily() + System.lineSeparator());
    }
    return reports.stream().allMatch(ReplayReport::passed) ? 0 : 1;
  }

  private static Scenario parse(String nameOrPath) {
    Path dir = Path.of(System.getProperty("cockpit.home", ".")).resolve("sim/scenarios");
    Path p = nameOrPath.endsWith(".yaml") ? Path.of(nameOrPath) : dir.resolve(nameOrPath + ".yaml");
    if (!nameOrPath.endsWith(".yaml") && !Files.isRegularFile(p)) {
      throw new CockpitConfig.ConfigException("--scenarios: unknown scenario '" + nameOrPath + "'; " + shipped(dir)
          + ", or give the path of a .yaml file");
    }
    try {
      return ScenarioParser.parse(p);
    } catch (ScenarioException e) {
      throw new CockpitConfig.ConfigException("--scenarios: " + e.getMessage());
    }
  }

  /** The scenario names under {@code dir}, for the error of a wrong one. */
  private static String shipped(Path dir) {
    try (var files = Files.list(dir)) {
      List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
      return names.isEmpty() ? "there are none in " + dir : "the scenarios are " + String.join(", ", names);
    } catch (java.io.IOException e) {
      return "no scenario directory at " + dir + " (run from the project, whose launcher sets cockpit.home)";
    }
  }

  static String summary(List<ReplayReport> reports) {
    StringBuilder b = new StringBuilder(String.format("%-22s %6s %6s %8s %9s%n", "scenario", "pass", "fail",
        "skipped", "wall s"));
    for (ReplayReport r : reports) {
      b.append(String.format("%-22s %6d %6d %8d %9.1f%n", r.scenario(), r.count(Outcome.Status.PASS),
          r.count(Outcome.Status.FAIL), r.count(Outcome.Status.SKIPPED), r.wallMs() / 1000.0));
    }
    b.append(reports.stream().allMatch(ReplayReport::passed) ? "demo: every expectation that a random-weight model"
        + " can meet passed; content checks needing a trained model are skipped (see each table)"
        : "demo: some expectations FAILED (see the tables above)");
    return b.toString();
  }
}
