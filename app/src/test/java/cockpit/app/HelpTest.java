package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} and {@code help CMD} on every command of the launcher's tree, found by walking it. */
class HelpTest {
  /** Every command path under {@code cockpit} ("run", "model quantize", …), the help commands left out. */
  static Stream<List<String>> commands() {
    List<List<String>> out = new ArrayList<>();
    walk(Main.commandLine(), List.of(), out);
    return out.stream();
  }

  private static void walk(CommandLine cl, List<String> path, List<List<String>> out) {
    cl.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommand() instanceof CommandLine.HelpCommand) {
        return;
      }
      List<String> p = new ArrayList<>(path);
      p.add(name);
      out.add(p);
      walk(sub, p, out);
    });
  }

  @Test
  void theTreeHoldsEveryCommandTheReadmeNames() {
    List<String> names = commands().map(p -> String.join(" ", p)).toList();
    for (String c : List.of("run", "demo", "replay", "record", "model generate", "model import", "model info",
        "model quantize", "model quant-report", "model npu-export", "model npu-check", "model cost", "bench bus",
        "bench model", "bench quant", "bench dialogue", "bench image-turns", "bench perception", "bench faults")) {
      assertTrue(names.contains(c), c + " missing from " + names);
    }
  }

  @ParameterizedTest(name = "cockpit {0} --help")
  @MethodSource("commands")
  void helpOptionPrintsUsageWithAnExampleAndTheExitCodes(List<String> path) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    Run r = run(args);
    assertEquals(0, r.status, r.err);
    assertUsage(path, r.out);
    assertTrue(r.out.contains("Example:"), "no usage example in\n" + r.out);
    assertTrue(r.out.contains("Exit codes:") && r.out.contains("usage or configuration error"),
        "no exit codes in\n" + r.out);
  }

  @ParameterizedTest(name = "cockpit … help {0}")
  @MethodSource("commands")
  void helpSubcommandPrintsTheSameUsage(List<String> path) {
    // `cockpit help run`, `cockpit model help quantize`: the help command of the parent names the leaf.
    List<String> args = new ArrayList<>(path.subList(0, path.size() - 1));
    args.add("help");
    args.add(path.getLast());
    Run r = run(args);
    assertEquals(0, r.status, r.err);
    assertUsage(path, r.out);
    assertEquals(run(append(path, "--help")).out, r.out);
  }

  @Test
  void rootHelpListsTheCommandsAndAnUnknownOneIsAUsageError() {
    Run r = run(List.of("help"));
    assertEquals(0, r.status, r.err);
    assertTrue(r.out.contains("Usage: cockpit") && r.out.contains("  run ") && r.out.contains("  model "), r.out);
    Run bad = run(List.of("run", "--hlep"));
    assertEquals(Main.EXIT_USAGE, bad.status);
    assertTrue(bad.err.contains("Unknown option: '--hlep'") && bad.err.contains("Usage: cockpit run"), bad.err);
  }

  private static void assertUsage(List<String> path, String out) {
    assertTrue(out.startsWith("Usage: cockpit " + String.join(" ", path) + " "), out);
    assertTrue(out.contains("-h, --help"), out);
  }

  private static List<String> append(List<String> path, String arg) {
    List<String> a = new ArrayList<>(path);
    a.add(arg);
    return a;
  }

  private record Run(int status, String out, String err) {}

  private static Run run(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args.toArray(String[]::new));
    return new Run(status, out.toString(), err.toString());
  }
}
