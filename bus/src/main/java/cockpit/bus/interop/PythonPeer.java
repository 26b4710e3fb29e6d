package cockpit.bus.interop;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Drives {@code bus/python/zpeer.py}, a peer built on the official Python Zenoh binding, as an
 * independent process for interop tests and benchmarks (protocol in {@code bus/python/README.md}):
 * it prints {@code READY}, then one JSON object per line; it takes commands on stdin.
 *
 * <p>Not thread-safe: one owner drives it. {@link #close} ends the process (stdin EOF, then
 * SIGTERM, then SIGKILL).
 */
public final class PythonPeer implements AutoCloseable {
  /** System property naming the Python interpreter (the project's .venv by default). */
  public static final String PYTHON_PROPERTY = "cockpit.python";
  /** System property naming the project root (where bus/python/zpeer.py lives). */
  public static final String HOME_PROPERTY = "cockpit.home";

  private final Process process;
  private final Writer stdin;
  private final java.util.concurrent.BlockingDeque<String> lines = new java.util.concurrent.LinkedBlockingDeque<>();
  private final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
  private final String description;

  private PythonPeer(Process process, String description) {
    this.process = process;
    this.description = description;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), lines,
        "stdout");
    pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), null,
        "stderr");
  }

  /** Starts {@code zpeer.py args…} and waits for its READY line. */
  public static PythonPeer start(Duration readyTimeout, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(python().toString());
    cmd.add("-u");
    cmd.add(script().toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    PythonPeer peer = new PythonPeer(p, String.join(" ", args));
    peer.awaitReady(readyTimeout);
    return peer;
  }

  /** Whether the interpreter and script exist (the venv is set up by scripts/setup-python.sh). */
  public static boolean available() {
    return Files.isExecutable(python()) && Files.isRegularFile(script());
  }

  public static Path python() {
    String p = System.getProperty(PYTHON_PROPERTY);
    return p != null ? Path.of(p) : home().resolve(".venv/bin/python");
  }

  public static Path script() {
    return home().resolve("bus/python/zpeer.py");
  }

  private static Path home() {
    String h = System.getProperty(HOME_PROPERTY);
    if (h != null) {
      return Path.of(h);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("bus/python/zpeer.py"))) {
      dir = dir.getParent();
    }
    return dir == null ? Path.of("").toAbsolutePath() : dir;
  }

  private void pump(BufferedReader r, BlockingQueue<String> into, String name) {
    Thread t = new Thread(() -> {
      try {
        String line;
        while ((line = r.readLine()) != null) {
          if (into != null) {
            into.add(line);
          } else {
            stderr.add(line);
          }
        }
      } catch (IOException ignored) {
        // The process ended; the reader closes with it.
      }
    }, "zpeer-" + name);
    t.setDaemon(true);
    t.start();
  }

  private void awaitReady(Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> early = new ArrayList<>(); // only error lines come before READY, when start-up fails
    while (true) {
      String line;
      try {
        line = lines.poll(Math.min(100_000_000L, Math.max(0, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for zpeer", e);
      }
      if (line != null && line.equals("READY")) {
        for (int i = early.size() - 1; i >= 0; i--) {
          lines.addFirst(early.get(i));
        }
        return;
      }
      if (line != null) {
        early.add(line);
      } else if (System.nanoTime() >= deadline || (!process.isAlive() && lines.isEmpty())) {
        close();
        throw new IOException("zpeer '" + description + "' not READY within " + timeout + " (exit "
            + (process.isAlive() ? "none" : process.exitValue()) + "); output: " + early + "; stderr: " + stderr);
      }
    }
  }

  /** Sends one command line ({@code GO}, {@code PUT <hex>}, {@code REPORT}, {@code DROP}). */
  public void send(String line) throws IOException {
    stdin.write(line);
    stdin.write('\n');
    stdin.flush();
  }

  /** The next JSON line matching {@code filter} (non-matching ones are skipped), or empty on timeout. */
  public Optional<JsonObject> next(Predicate<JsonObject> filter, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line;
      try {
        line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
      if (line == null) {
        return Optional.empty();
      }
      if (line.startsWith("{")) {
        JsonObject o = new JsonObject(line);
        if (filter.test(o)) {
          return Optional.of(o);
        }
      }
    }
  }

  /** The next event named {@code event} or fails with the peer's stderr. */
  public JsonObject expect(String event, Duration timeout) {
    return next(o -> event.equals(o.getString("event")), timeout).orElseThrow(() -> new AssertionError(
        "zpeer '" + description + "' sent no '" + event + "' within " + timeout + "; stderr: " + stderr));
  }

  public Process process() {
    return process;
  }

  public List<String> stderr() {
    return List.copyOf(stderr);
  }

  /** Kills the process at once (SIGKILL), as a crashing peer would disappear. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // Already gone.
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(5, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
