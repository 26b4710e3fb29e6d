package cockpit.app.bench.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real launcher as a second process, started the way a user's shell starts it: {@code java
 * --enable-native-access=ALL-UNNAMED -Xmx… cockpit.app.Main run --set …} with this process's class path
 * in {@code CLASSPATH} (a long {@code -cp} once crashed ONNX Runtime's command-line reader), optionally
 * behind a wrapper command (e.g. {@code unshare} for a private tmpfs). Its stdout and stderr are drained
 * into a log file; {@link #awaitReady} waits for the launcher's {@code cockpit: ready} line.
 *
 * <p>Not thread-safe: one owner starts, inspects and ends it. {@link #close} kills it if still running.
 */
final class ComponentProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("cockpit: ready .*zenoh-id=(\\S+).*");

  private final Process process;
  private final Path log;
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile String zenohId = "";

  private ComponentProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread t = new Thread(this::drain, "fault-component-log");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Starts the launcher.
   *
   * @param wrapper command words put before {@code java} (empty for none)
   * @param heap the {@code -Xmx} value, e.g. {@code 768m}
   * @param sets {@code key=value} configuration, each passed as {@code --set}
   * @param log where the process's output goes
   */
  static ComponentProcess start(List<String> wrapper, String heap, List<String> sets, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(wrapper);
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xmx" + heap, "cockpit.app.Main",
        "run"));
    for (String s : sets) {
      cmd.add("--set");
      cmd.add(s);
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().remove("COCKPIT_ZENOH_MODE"); // the suite sets every key it relies on
    Files.createDirectories(log.getParent());
    return new ComponentProcess(pb.start(), log);
  }

  private void drain() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)); PrintWriter w = new PrintWriter(Files.newBufferedWriter(log))) {
      String line;
      while ((line = r.readLine()) != null) {
        w.println(line);
        w.flush();
        Matcher m = READY.matcher(line);
        if (m.matches()) {
          zenohId = m.group(1);
          ready.countDown();
        }
      }
    } catch (IOException e) {
      // The process ended; its log ends here.
    }
  }

  /** Waits for {@code cockpit: ready}; false when the process died or the time ran out first. */
  boolean awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (ready.await(100, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (!process.isAlive()) {
        return false;
      }
    }
    return false;
  }

  long pid() {
    return process.pid();
  }

  String zenohId() {
    return zenohId;
  }

  boolean alive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** Resident set size from /proc/&lt;pid&gt;/status (VmRSS), in KiB; -1 when gone or not Linux. */
  long rssKib() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * Java heap in use after a full collection, in KiB, read with the JDK's {@code jcmd} (GC.run, then
   * GC.heap_info); -1 when jcmd is missing or its output has no figure.
   */
  long heapAfterGcKib() throws InterruptedException {
    return heapInfoKib(true, 2);
  }

  /**
   * Java heap the JVM has committed now (all generations, used or not), in KiB, from {@code jcmd GC.heap_info}
   * without a collection; -1 when jcmd is missing or its output has no figure. Committed heap pages count in
   * the resident set: the JVM grows it towards {@code -Xmx} under allocation pressure and keeps it.
   */
  long heapCommittedKib() throws InterruptedException {
    return heapInfoKib(false, 1);
  }

  /**
   * Sums one figure of {@code GC.heap_info}'s "total NK, used MK" lines (one per generation with the serial
   * collector: young, then tenured): {@code group} 1 = committed (total), 2 = used; after a full
   * collection when {@code collectFirst}.
   */
  private long heapInfoKib(boolean collectFirst, int group) throws InterruptedException {
    Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
    if (!Files.isExecutable(jcmd)) {
      return -1;
    }
    if (collectFirst) {
      run(List.of(jcmd.toString(), Long.toString(pid()), "GC.run"));
    }
    Matcher m = HEAP_LINE.matcher(run(List.of(jcmd.toString(), Long.toString(pid()), "GC.heap_info")));
    long sum = 0;
    boolean any = false;
    while (m.find()) {
      sum += Long.parseLong(m.group(group));
      any = true;
    }
    return any ? sum : -1;
  }

  private static final Pattern HEAP_LINE = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private static String run(List<String> cmd) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      byte[] out = p.getInputStream().readAllBytes();
      p.waitFor(30, TimeUnit.SECONDS);
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook, no ordered stop. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM and the ordered stop; the exit status, or -1 if it had to be killed. */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return process.exitValue();
    }
    kill9();
    return -1;
  }

  /** The last {@code n} lines of the log (for failure reports). */
  List<String> tail(int n) {
    try {
      List<String> all = Files.readAllLines(log);
      return all.subList(Math.max(0, all.size() - n), all.size());
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(20));
    }
  }
}
