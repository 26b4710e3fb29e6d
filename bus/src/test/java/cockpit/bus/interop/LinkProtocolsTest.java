package cockpit.bus.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.Config;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.PutOptions;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.TlsConfig;
import cockpit.bus.zenoh.ZBytes;
import cockpit.bus.zenoh.Zenoh;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, item 8: every link protocol the endpoint validator accepts opens in the native library
 * (udp, quic and unixsock-stream besides tcp and tls): a sample round trip over each, loopback only.
 */
class LinkProtocolsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Session A listens on {@code endpoint}, B connects and subscribes, A puts until B has a sample. */
  private static void roundTrip(String endpoint, TlsConfig tls) {
    Config listen = Config.builder().listen(endpoint).tls(tls).build();
    Config connect = Config.builder().connect(endpoint).tls(tls).build();
    KeyExpr key = KeyExpr.tryFrom("demo/link/" + endpoint.substring(0, endpoint.indexOf('/')));
    try (Session a = Zenoh.open(listen); Session b = Zenoh.open(connect)) {
      AtomicInteger got = new AtomicInteger();
      b.declareSubscriber(key, s -> got.incrementAndGet());
      assertTrue(Loopback.eventually(WAIT, () -> {
        a.put(key, ZBytes.of(new byte[] {1, 2, 3}), PutOptions.DEFAULT);
        return Loopback.eventually(Duration.ofMillis(200), () -> got.get() > 0);
      }), "no sample over " + endpoint);
    }
  }

  @Test
  void udp() {
    roundTrip("udp/127.0.0.1:" + Loopback.freePort(), TlsConfig.none());
  }

  @Test
  void unixsockStream(@TempDir Path dir) {
    roundTrip("unixsock-stream/" + dir.resolve("zenoh.sock"), TlsConfig.none());
  }

  @Test
  void quic(@TempDir Path certs) throws Exception {
    assumeTrue(PythonPeer.available(), "needs .venv for bus/python/certs.py (bash scripts/setup-python.sh)");
    Process p = new ProcessBuilder(PythonPeer.python().toString(), PythonPeer.script().resolveSibling("certs.py")
        .toString(), certs.toString(), "node").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    roundTrip("quic/127.0.0.1:" + Loopback.freePort(), new TlsConfig(Optional.of(certs.resolve("ca.pem")),
        Optional.of(certs.resolve("node.pem")), Optional.of(certs.resolve("node-key.pem")), false, true));
  }
}
