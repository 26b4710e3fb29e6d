package cockpit.app.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark ran on, printed beside its figures. */
public final class Machine {
  private Machine() {}

  public static JsonObject describe() {
    return new JsonObject().put("cpus", Runtime.getRuntime().availableProcessors())
        .put("cpu_model", cpuModel()).put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"))
        .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
        .put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  /** /proc/loadavg: other work on the machine during a run shows here (timings are not isolated). */
  public static String loadAvg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
