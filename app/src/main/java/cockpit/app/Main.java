package cockpit.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cockpit} launcher: {@code run} the component, {@code replay} scenarios and recordings onto it,
 * {@code record} the bus to MCAP, {@code model} and {@code bench} its parts.
 */
@Command(name = "cockpit", mixinStandardHelpOptions = true, version = Main.VERSION,
    description = "Cockpit VLM middleware on the vehicle's Zenoh bus.",
    subcommands = {RunCommand.class, DemoCommand.class, ReplayCommand.class, RecordCommand.class, ModelCommand.class,
        BenchCommand.class})
public final class Main {
  public static final String VERSION = "0.1.0";

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("run")) {
      StopSignals.install(); // before anything else: start-up is where a supervisor's SIGTERM may land
    }
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("cockpit: " + (ex instanceof CockpitConfig.ConfigException ? "" : "error: ")
          + ex.getMessage());
      return 2;
    });
    System.exit(cl.execute(args));
  }
}
