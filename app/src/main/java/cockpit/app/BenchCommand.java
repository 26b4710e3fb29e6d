package cockpit.app;

import cockpit.app.bench.BusBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cockpit bench …}: benchmarks that print JSON (recorded in docs/benchmarks.md). */
@Command(name = "bench", description = "Benchmarks printing JSON.", subcommands = {BenchCommand.Bus.class})
final class BenchCommand {
  /** {@code cockpit bench bus}: Zenoh throughput and round trips, Java↔Java and Java↔Python. */
  @Command(name = "bus", description = "Zenoh throughput (100 B, 100 KB, 1 MB) and 100 B round trips over loopback,"
      + " Java->Java and Java->Python.")
  static final class Bus implements Callable<Integer> {
    @Option(names = "--scale", defaultValue = "1.0", description = "Multiplies message counts (default 1.0).")
    double scale;

    @Option(names = "--no-python", description = "Skip the Java->Python peer runs.")
    boolean noPython;

    @Override
    public Integer call() throws Exception {
      System.out.println(new BusBenchmark(scale, !noPython).run().encodePrettily());
      return 0;
    }
  }
}
