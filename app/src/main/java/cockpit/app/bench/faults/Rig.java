package cockpit.app.bench.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every part shares: the vehicle id, the settings each launched component gets (loopback, no
 * scouting, any free HTTP port, greedy short replies, the suite's model), free ports, and a log file per
 * launch under the work directory. Immutable apart from the launch counter; one part at a time uses it.
 */
final class Rig {
  static final String VIN = "FAULT0VIN00000001";
  static final Duration START = Duration.ofSeconds(180);

  final FaultOptions options;
  private int launches;

  Rig(FaultOptions options) throws IOException {
    this.options = options;
    Files.createDirectories(options.workDir());
  }

  /** Settings of every launch; {@code extra} (later wins) adds the part's own. */
  List<String> settings(List<String> extra) {
    List<String> s = new ArrayList<>(List.of("vin=" + VIN, "http.port=0", "model.dir=" + options.modelDir(),
        "zenoh.multicast-scouting=false", "zenoh.log-level=error", "dialogue.temperature=0",
        "dialogue.max-new-tokens=8"));
    s.addAll(extra);
    return s;
  }

  /** Launches the component with {@link #settings} and waits until it says it is ready. */
  ComponentProcess launch(String label, List<String> wrapper, List<String> extra) throws IOException,
      InterruptedException {
    Path log = options.workDir().resolve("logs").resolve(String.format("%02d-%s.log", ++launches, label));
    ComponentProcess p = ComponentProcess.start(wrapper, options.heap(), settings(extra), log);
    if (!p.awaitReady(START)) {
      List<String> tail = p.tail(30);
      p.kill9();
      throw new IOException("the component (" + label + ") did not become ready within " + START.toSeconds()
          + " s; log " + log + ":\n" + String.join("\n", tail));
    }
    return p;
  }

  /** The launched component's heap limit in MiB ({@code 768m}, {@code 2g}). */
  long heapMib() {
    String h = options.heap().toLowerCase(java.util.Locale.ROOT);
    long n = Long.parseLong(h.replaceAll("[^0-9]", ""));
    return h.endsWith("g") ? n * 1024 : h.endsWith("k") ? n / 1024 : h.endsWith("m") ? n : n >> 20;
  }

  /** A TCP port free on loopback now. */
  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String endpoint(int port) {
    return "tcp/127.0.0.1:" + port;
  }

  Path dir(String name) throws IOException {
    return Files.createDirectories(options.workDir().resolve(name));
  }
}
