package cockpit.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ScopeType;

/**
 * The {@code cockpit} launcher: {@code run} the component, {@code replay} scenarios and recordings onto it,
 * {@code record} the bus to MCAP, {@code model} and {@code bench} its parts. {@code --help} and the exit-code
 * list are inherited by every subcommand ({@link ScopeType#INHERIT}); {@code help CMD} prints a command's usage.
 */
@Command(name = "cockpit", mixinStandardHelpOptions = true, version = Main.VERSION, scope = ScopeType.INHERIT,
    description = {"Cockpit VLM middleware on the vehicle's Zenoh bus.", "",
        "Example:", "  cockpit demo                         # replay the shipped scenarios end to end",
        "  cockpit run --set http.port=8081     # the component, until Ctrl-C",
        "  cockpit help run                     # usage of one command"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:a check failed (demo/replay: an expectation; bench faults: a count broke the bar)",
        "2:usage or configuration error (the message names the option or key and the fix)",
        "124:run: the stop outlasted shutdown.deadline-ms",
        "130:run: a second SIGTERM/SIGINT during the stop"},
    subcommands = {HelpCommand.class, RunCommand.class, DemoCommand.class, ReplayCommand.class, RecordCommand.class,
        ModelCommand.class, BenchCommand.class})
public final class Main {
  public static final String VERSION = "0.1.0";

  /** Exit status of a usage or configuration error. */
  static final int EXIT_USAGE = 2;

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("run")) {
      StopSignals.install(); // before anything else: start-up is where a supervisor's SIGTERM may land
    }
    System.exit(commandLine().execute(args));
  }

  /** The whole command tree with the launcher's error handling: a failure is one line, never a stack dump. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("cockpit: " + (ex instanceof CockpitConfig.ConfigException ? "" : "error: ")
          + ex.getMessage());
      return EXIT_USAGE;
    });
    return cl;
  }
}
