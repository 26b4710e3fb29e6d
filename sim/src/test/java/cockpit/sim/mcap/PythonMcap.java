package cockpit.sim.mcap;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs sim/python/mcap_check.py (official mcap + mcap-protobuf-support packages) on a file. */
final class PythonMcap {
  private PythonMcap() {}

  static JsonObject check(Path file) throws Exception {
    Path home = Path.of(System.getProperty("cockpit.home", ".."));
    String python = System.getProperty("cockpit.python", home.resolve(".venv/bin/python").toString());
    Process p = new ProcessBuilder(python, home.resolve("sim/python/mcap_check.py").toString(), file.toString())
        .redirectError(ProcessBuilder.Redirect.PIPE).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("the Python mcap reader rejected " + file + ": " + err);
    }
    return new JsonObject(new String(out, StandardCharsets.UTF_8));
  }

  /** Writes {@code count} Timestamp + Duration messages with the official Python writer (mcap_write.py). */
  static void write(Path file, int count, String compression) throws Exception {
    Path home = Path.of(System.getProperty("cockpit.home", ".."));
    String python = System.getProperty("cockpit.python", home.resolve(".venv/bin/python").toString());
    Process p = new ProcessBuilder(python, home.resolve("sim/python/mcap_write.py").toString(), file.toString(),
        Integer.toString(count), compression).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("the Python mcap writer failed: " + out);
    }
  }
}
