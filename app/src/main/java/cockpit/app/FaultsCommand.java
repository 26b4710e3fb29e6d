package cockpit.app;

import cockpit.app.bench.faults.FaultOptions;
import cockpit.app.bench.faults.FaultSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cockpit bench faults}: the fault suite against the real launcher over Zenoh on loopback; prints
 * its JSON report and exits 1 when a count breaks the bar (the report's {@code failures} say which).
 */
@Command(name = "faults", description = {"Fault suite against the real launcher process over Zenoh on loopback:"
    + " fuzzed payloads and hostile keys, kill -9 with turns in flight, router restarts, a full snapshot disk,"
    + " cameras at full rate with talking sessions. Prints JSON; exit 1 when a count breaks the bar.", "",
    "Example:", "  cockpit bench faults --reduced --parts fuzz,kill"})
final class FaultsCommand implements Callable<Integer> {
  @Option(names = "--reduced", description = "CI's size: 10000 payloads, 3 kills, 2 router restarts, 60 s of load"
      + " (the other options still override).")
  boolean reduced;

  @Option(names = "--fuzz", description = "Generated payloads (default 100000).")
  Integer fuzz;

  @Option(names = "--no-hostile-keys", description = "Skip the keys up to 1 MiB sent from the Python peer.")
  boolean noHostileKeys;

  @Option(names = "--kills", description = "kill -9 rounds (default 20).")
  Integer kills;

  @Option(names = "--router-restarts", description = "Router kill/restart rounds (default 20).")
  Integer routerRestarts;

  @Option(names = "--load-seconds", description = "Measured seconds of cameras + talkers (default 600).")
  Integer loadSeconds;

  @Option(names = "--cameras", description = "Cameras during the load, 1-4 (default 4).")
  Integer cameras;

  @Option(names = "--fps", description = "Frames per second per camera (default 30).")
  Integer fps;

  @Option(names = "--talkers", description = "Talking sessions during the load (default 8).")
  Integer talkers;

  @Option(names = "--seed", description = "Seeds payloads, kill moments and pauses (default 11).")
  Long seed;

  @Option(names = "--parts", description = "Comma-separated subset of fuzz,kill,router,disk_full,load (default all).")
  String parts;

  @Option(names = "--model-dir", description = "Model the component serves (default: the run default,"
      + " ~/.cache/cockpit/models/tiny-seed42; generated if missing).")
  Path modelDir;

  @Option(names = "--work-dir", description = "Snapshots, logs and mounts of the run (default: a new temp dir).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    Path model = modelDir != null ? modelDir : CockpitConfig.load(null, java.util.Map.of(), java.util.List.of())
        .path("model.dir");
    Path work = workDir != null ? workDir : Files.createTempDirectory("cockpit-faults-");
    FaultOptions base = reduced ? FaultOptions.reduced(model, work) : FaultOptions.full(model, work);
    FaultOptions o = new FaultOptions(model, work, seed != null ? seed : base.seed(),
        fuzz != null ? fuzz : base.fuzzPayloads(), !noHostileKeys && base.hostileKeys(),
        kills != null ? kills : base.kills(), routerRestarts != null ? routerRestarts : base.routerRestarts(),
        loadSeconds != null ? loadSeconds : base.loadSeconds(), cameras != null ? cameras : base.cameras(),
        fps != null ? fps : base.fps(), talkers != null ? talkers : base.talkers(), base.heap(), parts());
    System.err.println("cockpit: fault suite, work dir " + work);
    var report = new FaultSuite(o).run(System.err::println);
    System.out.println(report.encodePrettily());
    return report.getJsonArray("failures").isEmpty() ? 0 : 1;
  }

  private EnumSet<FaultOptions.Part> parts() {
    if (parts == null || parts.isBlank()) {
      return EnumSet.allOf(FaultOptions.Part.class);
    }
    EnumSet<FaultOptions.Part> out = EnumSet.noneOf(FaultOptions.Part.class);
    for (String p : parts.split(",")) {
      try {
        out.add(FaultOptions.Part.valueOf(p.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
      } catch (IllegalArgumentException e) {
        throw new CockpitConfig.ConfigException("--parts: unknown part '" + p.trim() + "'; known: "
            + Arrays.stream(FaultOptions.Part.values()).map(x -> x.name().toLowerCase(Locale.ROOT)).toList());
      }
    }
    return out;
  }
}
