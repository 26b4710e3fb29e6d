package cockpit.app;

import cockpit.bus.zenoh.ZError;
import cockpit.bus.zenoh.Zenoh;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code cockpit run}: starts the component and runs until SIGTERM or SIGINT, then stops intake,
 * undeclares from Zenoh, closes the session and exits 0. A second signal, or the shutdown deadline
 * passing, forces the exit.
 */
@Command(name = "run", description = "Run the component until SIGTERM/SIGINT.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--config", description = "YAML configuration file (keys in README).")
  Path config;

  @Option(names = "--set", description = "Override one key: --set zenoh.mode=client (repeatable).")
  List<String> sets = new ArrayList<>();

  @Option(names = "--exit-after", description = "Stop by itself after this many seconds (smoke runs); "
      + "default: run until SIGTERM/SIGINT.")
  Long exitAfterSeconds;

  @Override
  public Integer call() throws Exception {
    CockpitConfig cfg = CockpitConfig.load(config, System.getenv(), sets);
    Zenoh.initLogFromEnvOr(cfg.get("zenoh.log-level"));
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger signals = new AtomicInteger();
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), sig -> {
        if (signals.incrementAndGet() > 1) {
          System.err.println("cockpit: second signal, exiting now");
          Runtime.getRuntime().halt(130);
        }
        stop.countDown();
      });
    }
    Component component;
    try {
      component = Component.start(cfg);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new CockpitConfig.ConfigException(startFailure(cfg, e.getCause()));
    }
    var st = component.status();
    say("cockpit: ready vin=" + cfg.get("vin") + " zenoh-id=" + st.getZenohId() + " mode="
        + cfg.get("zenoh.mode") + " listen=" + cfg.get("zenoh.listen") + " connect=" + cfg.get("zenoh.connect"));
    if (exitAfterSeconds == null) {
      stop.await();
    } else {
      stop.await(exitAfterSeconds, java.util.concurrent.TimeUnit.SECONDS);
    }
    say("cockpit: stopping");
    Duration deadline = Duration.ofMillis(cfg.number("shutdown.deadline-ms"));
    try {
      component.stop(deadline);
    } catch (java.util.concurrent.TimeoutException e) {
      System.err.println("cockpit: shutdown did not finish within " + deadline.toMillis()
          + " ms (shutdown.deadline-ms); exiting anyway");
      return 1;
    }
    say("cockpit: stopped");
    return 0;
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
    return "cannot start the component: " + msg;
  }
}
