package cockpit.bus.testing;

import cockpit.bus.zenoh.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback-only Zenoh configurations on free ports, multicast and gossip scouting off. */
public final class Loopback {
  private Loopback() {}

  /** A TCP port on 127.0.0.1 that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String endpoint(int port) {
    return "tcp/127.0.0.1:" + port;
  }

  /** A peer listening on {@code port}. */
  public static Config listening(int port) {
    return Config.builder().mode(Config.Mode.PEER).listen(endpoint(port)).build();
  }

  /** A peer (not listening) that connects to {@code port}. */
  public static Config connecting(int port) {
    return Config.builder().mode(Config.Mode.PEER).connect(endpoint(port)).build();
  }

  /** A client that connects to a router on {@code port}. */
  public static Config client(int port) {
    return Config.builder().mode(Config.Mode.CLIENT).connect(endpoint(port)).build();
  }

  /**
   * Polls {@code condition} until it holds or {@code timeout} passes; this waits for something to
   * happen (discovery, delivery), never proves that something did not.
   */
  public static boolean eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }
}
