package cockpit.app;

import cockpit.bus.zenoh.ZError;
import cockpit.bus.zenoh.Zenoh;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cockpit run}: starts the component and runs until SIGTERM or SIGINT, then stops gracefully
 * ({@link Component#stop}: intake, turns, snapshots, Zenoh) and exits 0. A signal during start-up
 * ({@link StopSignals}) ends the start at the next step and runs the same ordered stop over what had
 * started, or exits 0 at once when nothing had. A second signal forces the exit at once with status
 * {@value #EXIT_SECOND_SIGNAL}; a stop that outlasts {@code shutdown.deadline-ms} is cut short with
 * status {@value #EXIT_DEADLINE}.
 */
@Command(name = "run", description = {"Run the component until SIGTERM/SIGINT (exit 0 after a clean stop).", "",
    "Example:", "  cockpit run --set zenoh.listen=tcp/127.0.0.1:7448 --set http.port=8081",
    "  cockpit run --config cockpit.yaml --exit-after 10"})
final class RunCommand implements Callable<Integer> {
  /** Exit status when a second SIGTERM/SIGINT arrives during the stop. */
  static final int EXIT_SECOND_SIGNAL = 130;
  /** Exit status when the stop did not finish within {@code shutdown.deadline-ms}. */
  static final int EXIT_DEADLINE = 124;

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--exit-after", description = "Stop by itself after this many seconds (smoke runs); "
      + "default: run until SIGTERM/SIGINT.")
  Long exitAfterSeconds;

  @Override
  public Integer call() throws Exception {
    StopSignals.install(); // Main did already when started as `cockpit run`
    say("cockpit: starting pid=" + ProcessHandle.current().pid());
    CockpitConfig cfg = configOptions.load(List.of());
    if (StopSignals.requested()) {
      say("cockpit: stop requested before start; nothing was started");
      return 0;
    }
    Zenoh.initLogFromEnvOr(cfg.get("zenoh.log-level"));
    Component component;
    try {
      component = Component.start(cfg, StopSignals::requested);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CockpitConfig.ConfigException(startFailure(cfg, e.getCause()));
    }
    if (!StopSignals.requested()) {
      var st = component.status();
      say("cockpit: ready vin=" + cfg.get("vin") + " zenoh-id=" + st.getZenohId() + " mode="
          + cfg.get("zenoh.mode") + " listen=" + cfg.get("zenoh.listen") + " connect=" + cfg.get("zenoh.connect")
          + (component.httpPort() < 0 ? " http=off" : " http=http://" + cfg.get("http.host") + ":"
              + component.httpPort() + "/"));
      if (component.httpPort() >= 0) {
        String base = httpBase(cfg.get("http.host"), component.httpPort());
        say("cockpit: dashboard " + base + "  metrics " + base + "metrics  health " + base + "health/ready");
      }
      StopSignals.await(exitAfterSeconds);
    }
    say("cockpit: stopping");
    Duration deadline = Duration.ofMillis(cfg.number("shutdown.deadline-ms"));
    CountDownLatch stopped = new CountDownLatch(1);
    Thread watchdog = Thread.ofPlatform().daemon().name("cockpit-shutdown-deadline").start(() -> {
      try {
        if (!stopped.await(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
          deadlinePassed(deadline);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      component.stop(deadline);
    } catch (java.util.concurrent.TimeoutException e) {
      deadlinePassed(deadline);
    }
    stopped.countDown();
    watchdog.interrupt();
    say("cockpit: stopped");
    return 0;
  }

  /** {@code http://host:port/}, an IPv6 host in brackets. */
  static String httpBase(String host, int port) {
    String h = host.trim();
    return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port + "/";
  }

  /** The stop outlasted its deadline: whatever it was waiting for is abandoned. */
  private static void deadlinePassed(Duration deadline) {
    System.err.println("cockpit: shutdown did not finish within " + deadline.toMillis()
        + " ms (shutdown.deadline-ms); exiting with status " + EXIT_DEADLINE);
    System.err.flush();
    Runtime.getRuntime().halt(EXIT_DEADLINE);
  }

  /** Status lines go to stdout, flushed at once: supervisors and tests read them live. */
  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }

  private static String startFailure(CockpitConfig cfg, Throwable cause) {
    String msg = cause == null ? "unknown" : cause.getMessage();
    if (cause instanceof ZError && msg != null && msg.toLowerCase(java.util.Locale.ROOT).contains("address")) {
      return "cannot start Zenoh: " + msg + " — zenoh.listen = " + cfg.get("zenoh.listen")
          + " is probably in use; choose another, e.g. --set zenoh.listen=tcp/127.0.0.1:7448";
    }
    if (!(cause instanceof ZError) && (cause instanceof java.net.BindException
        || (msg != null && msg.contains("Address already in use")))) {
      return "cannot start the HTTP server on " + cfg.get("http.host") + ":" + cfg.get("http.port") + ": " + msg
          + " — http.port is in use; choose another (e.g. --set http.port=8081), 0 for any free port, or"
          + " --set http.enabled=false";
    }
    return "cannot start the component: " + msg;
  }
}
