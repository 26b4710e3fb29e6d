package cockpit.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT for {@code cockpit run}, taken over as the first thing {@link Main} does, so a
 * signal at any moment of start-up is a request for the ordered stop (or a clean exit when nothing has
 * started yet), never the JVM's default exit 143. The first signal sets the request; a second one, at
 * any time, exits at once with {@link RunCommand#EXIT_SECOND_SIGNAL}.
 *
 * <p>Process-wide, installed once; thread-safe. Only a signal that reaches the JVM before
 * {@code main} runs still gets the JVM's default handling — at that point nothing of the component
 * exists.
 */
final class StopSignals {
  private static final CountDownLatch REQUESTED = new CountDownLatch(1);
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static boolean installed;

  private StopSignals() {}

  /** Handles TERM and INT from now on. Idempotent. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), sig -> {
        if (COUNT.incrementAndGet() > 1) {
          System.err.println("cockpit: second signal, exiting now");
          System.err.flush();
          Runtime.getRuntime().halt(RunCommand.EXIT_SECOND_SIGNAL);
        }
        REQUESTED.countDown();
      });
    }
    installed = true;
  }

  /** Whether a stop was requested. */
  static boolean requested() {
    return REQUESTED.getCount() == 0;
  }

  /** Waits for the request; {@code seconds} null waits without limit. */
  static void await(Long seconds) throws InterruptedException {
    if (seconds == null) {
      REQUESTED.await();
    } else {
      REQUESTED.await(seconds, TimeUnit.SECONDS);
    }
  }
}
