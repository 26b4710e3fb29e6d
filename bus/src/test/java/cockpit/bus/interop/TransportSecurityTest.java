package cockpit.bus.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.AccessControl;
import cockpit.bus.zenoh.Config;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.PutOptions;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.TlsConfig;
import cockpit.bus.zenoh.ZBytes;
import cockpit.bus.zenoh.Zenoh;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11, item 8, against the official Python binding: mTLS between a Java session (the component's
 * config keys) and a Python peer, peers without a valid certificate refused, and an access-control rule
 * that stops a foreign peer's forged Alert at the router while the real one passes. Certificates are
 * made per run by {@code bus/python/certs.py}.
 */
class TransportSecurityTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String ALERTS = "vehicle/V1/cockpit/alerts";
  @TempDir
  static Path certs;

  @BeforeAll
  static void makeCertificates() throws Exception {
    assumeTrue(PythonPeer.available(), "needs .venv (bash scripts/setup-python.sh)");
    Process p = new ProcessBuilder(PythonPeer.python().toString(), PythonPeer.script().resolveSibling("certs.py")
        .toString(), certs.toString(), "cockpit", "peer", "--rogue", "rogue").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
  }

  private static TlsConfig mtls(String name) {
    return new TlsConfig(Optional.of(certs.resolve("ca.pem")), Optional.of(certs.resolve(name + ".pem")),
        Optional.of(certs.resolve(name + "-key.pem")), true, true);
  }

  /** zpeer options for the same TLS settings, Zenoh's own keys. */
  private static List<String> pythonTls(String name, boolean withCertificate) {
    List<String> a = new ArrayList<>(List.of("--cfg", "scouting/multicast/enabled=false",
        "--cfg", "transport/link/tls/root_ca_certificate=\"" + certs.resolve("ca.pem") + "\"",
        "--cfg", "transport/link/tls/enable_mtls=" + withCertificate));
    if (withCertificate) {
      a.addAll(List.of("--cfg", "transport/link/tls/connect_certificate=\"" + certs.resolve(name + ".pem") + "\"",
          "--cfg", "transport/link/tls/connect_private_key=\"" + certs.resolve(name + "-key.pem") + "\""));
    }
    return a;
  }

  private static PythonPeer subscriber(String endpoint, List<String> extra, String key) throws IOException {
    List<String> args = new ArrayList<>(List.of("--connect", endpoint, "--wait-connected", "1", "--wait-timeout", "10"));
    args.addAll(extra);
    args.addAll(List.of("sub", key));
    return PythonPeer.start(WAIT, args.toArray(String[]::new));
  }

  @Test
  void mtlsCarriesSamplesBetweenTheComponentAndAPythonPeerAndRefusesPeersWithoutAValidCertificate()
      throws Exception {
    int port = Loopback.freePort();
    String endpoint = "tls/127.0.0.1:" + port;
    Config cfg = Config.builder().listen(endpoint).tls(mtls("cockpit")).protocols(List.of("tls")).build();
    try (Session component = Zenoh.open(cfg);
        PythonPeer peer = subscriber(endpoint, pythonTls("peer", true), "vehicle/V1/cockpit/replies/s1")) {
      byte[] payload = {7, 8, 9};
      JsonObject got = putUntilSeen(component, "vehicle/V1/cockpit/replies/s1", payload, peer);
      assertEquals(HexFormat.of().formatHex(payload), got.getString("payload_hex"));
      // The same peer with a certificate from a CA the component does not trust, and with none at all.
      for (List<String> bad : List.of(pythonTls("rogue", true), pythonTls("peer", false))) {
        List<String> args = new ArrayList<>(List.of("--connect", endpoint, "--wait-connected", "1",
            "--wait-timeout", "4"));
        args.addAll(bad);
        args.addAll(List.of("sub", "vehicle/V1/cockpit/replies/s1"));
        IOException e = assertThrows(IOException.class, () -> PythonPeer.start(WAIT, args.toArray(String[]::new)));
        assertTrue(e.getMessage().contains("not READY"), e.getMessage());
      }
      // Plain TCP to the TLS port is no Zenoh link either.
      IOException tcp = assertThrows(IOException.class, () -> PythonPeer.start(WAIT, "--connect", "tcp/127.0.0.1:"
          + port, "--wait-connected", "1", "--wait-timeout", "4", "sub", "x"));
      assertTrue(tcp.getMessage().contains("not READY"), tcp.getMessage());
    }
  }

  @Test
  void anAclAtTheRouterDropsAForeignPeersForgedAlertAndCountsItWhileTheRealOnePasses() throws Exception {
    assertEquals(1, forgedAlertsDelivered(false), "without access control the forged alert arrives (the attack)");
    assertEquals(0, forgedAlertsDelivered(true), "with the rule it never does");
  }

  /**
   * The component is the router (its own puts are local, not filtered); a Python subscriber and a
   * foreign Python client connect to it; the client puts a forged Alert. Returns how many forged
   * alerts the subscriber got before the real one.
   */
  private static int forgedAlertsDelivered(boolean acl) throws Exception {
    int port = Loopback.freePort();
    Config.Builder b = Config.builder().mode(Config.Mode.ROUTER).listen(Loopback.endpoint(port))
        .insertJson5("adminspace/enabled", "true").insertJson5("adminspace/permissions/read", "true");
    if (acl) {
      b.accessControl(new AccessControl(true, AccessControl.Permission.ALLOW,
          AccessControl.parseRules("deny put,delete vehicle/*/cockpit/** ingress")));
    }
    byte[] forged = "FORGED".getBytes();
    byte[] real = "REAL".getBytes();
    try (Session router = Zenoh.open(b.build());
        PythonPeer sub = PythonPeer.start(WAIT, "--mode", "client", "--connect", Loopback.endpoint(port),
            "--wait-connected", "1", "sub", ALERTS);
        PythonPeer foreign = PythonPeer.start(WAIT, "--mode", "client", "--connect", Loopback.endpoint(port),
            "--wait-connected", "1", "pub", ALERTS, "--wait-matching", "--payload-hex", HexFormat.of().formatHex(forged))) {
      foreign.send("GO");
      foreign.expect("published", WAIT);
      if (acl) { // the router has taken the forged put and refused it: Zenoh's own counter says so
        assertTrue(Loopback.eventually(WAIT, () -> aclDrops(router) >= 1), "refused puts counted: "
            + metrics(router).lines().filter(l -> !l.startsWith("#")).toList());
      }
      List<JsonObject> seen = new ArrayList<>();
      JsonObject realSample = putUntilSeen(router, ALERTS, real, sub, seen);
      assertEquals(HexFormat.of().formatHex(real), realSample.getString("payload_hex"));
      String forgedHex = HexFormat.of().formatHex(forged);
      if (!acl && seen.stream().noneMatch(o -> forgedHex.equals(o.getString("payload_hex")))) {
        // Without the rule the forged one may still be on its way: wait for it, it must arrive.
        sub.next(o -> forgedHex.equals(o.getString("payload_hex")), WAIT).ifPresent(seen::add);
      }
      return (int) seen.stream().filter(o -> forgedHex.equals(o.getString("payload_hex"))).count();
    }
  }

  /** Access-control drops in the session's own admin-space metrics (Zenoh built with "stats"). */
  private static long aclDrops(Session s) {
    long n = 0;
    for (String line : metrics(s).split("\n")) {
      if (line.startsWith("zenoh_rx_network_message_dropped_payload_bytes_count{")
          && line.contains("reason=\"access-control\"")) {
        n += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return n;
  }

  /** The Prometheus text of the session's admin-space metrics. */
  private static String metrics(Session s) {
    try {
      var replies = s.get("@/" + s.zid() + "/router/metrics?compression=false",
          cockpit.bus.zenoh.GetOptions.DEFAULT).get(10, TimeUnit.SECONDS);
      StringBuilder b = new StringBuilder();
      for (var r : replies) {
        b.append(r instanceof cockpit.bus.zenoh.Reply.Success ok ? new String(ok.sample().payload().toBytes())
            : r.toString());
      }
      return b.toString();
    } catch (Exception e) {
      throw new AssertionError("admin-space metrics", e);
    }
  }

  private static JsonObject putUntilSeen(Session s, String key, byte[] payload, PythonPeer peer) {
    return putUntilSeen(s, key, payload, peer, new ArrayList<>());
  }

  /** Puts until the peer prints the sample; every other sample it printed meanwhile goes to {@code others}. */
  private static JsonObject putUntilSeen(Session s, String key, byte[] payload, PythonPeer peer,
      List<JsonObject> others) {
    String hex = HexFormat.of().formatHex(payload);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      s.put(KeyExpr.tryFrom(key), ZBytes.of(payload), PutOptions.DEFAULT);
      Optional<JsonObject> o;
      while ((o = peer.next(x -> "sample".equals(x.getString("event")), Duration.ofMillis(300))).isPresent()) {
        if (hex.equals(o.get().getString("payload_hex"))) {
          return o.get();
        }
        others.add(o.get());
      }
    }
    throw new AssertionError("the peer never printed " + hex + "; stderr " + peer.stderr());
  }
}
