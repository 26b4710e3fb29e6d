package cockpit.app;

import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Zenoh;
import cockpit.sim.mcap.McapRecorder;
import cockpit.sim.mcap.McapWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/**
 * {@code cockpit record OUT.mcap}: records the vehicle's bus traffic ({@code vehicle/{vin}/**}) into MCAP with
 * protobuf schemas until {@code --duration} passes or SIGINT/SIGTERM, then finishes the file (summary, footer).
 */
@Command(name = "record", description = {"Record the vehicle's Zenoh traffic to an MCAP file (protobuf schemas, "
    + "zstd chunks, indexed) until --duration or Ctrl-C.", "",
    "Example:", "  cockpit record drive.mcap --duration 60 --connect tcp/127.0.0.1:7447"})
final class RecordCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OUT", description = "MCAP file to write.")
  Path out;

  @Option(names = "--connect", split = ",", description = "Zenoh endpoint(s) to connect to (default: zenoh.listen "
      + "of the configuration, tcp/127.0.0.1:7447).")
  List<String> connect = new ArrayList<>();

  @Option(names = "--listen", split = ",", description = "Also listen on these endpoints (peers do not relay each"
      + " other's traffic: publishers that do not reach a router can connect here).")
  List<String> listen = new ArrayList<>();

  @Option(names = "--duration", description = "Stop after this many seconds (default: until SIGINT/SIGTERM).")
  Double durationSeconds;

  @Option(names = "--compression", defaultValue = "zstd", description = "zstd (default) or none.")
  String compression;

  @Mixin
  ConfigOptions configOptions;

  @Override
  public Integer call() throws Exception {
    CockpitConfig cfg = configOptions.load(List.of());
    if (!compression.equals("zstd") && !compression.equals("none")) {
      throw new CockpitConfig.ConfigException("--compression " + compression + ": use zstd or none");
    }
    Zenoh.initLogFromEnvOr(cfg.get("zenoh.log-level"));
    CountDownLatch stop = new CountDownLatch(1);
    for (String sig : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(sig), s -> stop.countDown());
    }
    McapRecorder rec;
    try (Session session = Zenoh.open(ReplayCommand.runnerConfig(cfg, connect, listen));
        OutputStream os = Files.newOutputStream(out);
        McapWriter writer = new McapWriter(os, new McapWriter.Options("", compression.equals("none") ? "" : "zstd",
            1 << 20))) {
      rec = new McapRecorder(session, cfg.get("vin"), writer);
      System.out.println("cockpit: recording vehicle/" + cfg.get("vin") + "/** to " + out);
      System.out.flush();
      if (durationSeconds == null) {
        stop.await();
      } else {
        stop.await(Math.round(durationSeconds * 1000), TimeUnit.MILLISECONDS);
      }
      rec.close();
    }
    if (rec.failure().isPresent()) {
      throw new CockpitConfig.ConfigException("writing " + out + " failed: " + rec.failure().get().getMessage());
    }
    System.out.println("cockpit: recorded " + rec.recorded() + " messages to " + out
        + (rec.unknownKeys() > 0 ? " (" + rec.unknownKeys() + " samples on keys outside the topic table skipped)" : ""));
    return 0;
  }
}
