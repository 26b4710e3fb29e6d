package cockpit.app;

import cockpit.app.CockpitConfig.ConfigException;
import cockpit.bus.zenoh.AccessControl;
import cockpit.bus.zenoh.Config;
import cockpit.bus.zenoh.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the {@code zenoh.*} keys into the session's {@link Config}: mode, endpoints (only the link
 * protocols the native library is built with), scouting, TLS ({@code zenoh.tls.*}), access control
 * ({@code zenoh.acl.*}), accepted protocols and the Zenoh config file ({@code zenoh.config-file}) the
 * keys are merged over. Stateless; every error names the key and the fix.
 */
final class ZenohKeys {
  /** The link protocols bus/native/Cargo.toml builds into the Zenoh core (see bus/native/ABI.md). */
  static final List<String> BUILT_PROTOCOLS = List.of("tcp", "udp", "tls", "quic", "unixsock-stream");
  private static final Pattern IP_ENDPOINT =
      Pattern.compile("(tcp|tls|udp|quic)/(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9_.-]+):([0-9]{1,5})([?#].*)?");

  private ZenohKeys() {}

  static Config zenohConfig(CockpitConfig c) {
    Config.Mode mode;
    try {
      mode = Config.Mode.valueOf(c.get("zenoh.mode").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("zenoh.mode = '" + c.get("zenoh.mode") + "' must be peer, client or router");
    }
    Config.Builder b = Config.builder().mode(mode).multicastScouting(c.flag("zenoh.multicast-scouting"));
    // A constant retry period instead of Zenoh's 1-2-4 s backoff: back within about this long after a
    // router (or connect peer) returns, whatever the outage lasted (issue #11: serving within 2 s).
    long reconnect = c.number("zenoh.reconnect-ms");
    if (reconnect < 1 || reconnect > 60_000) {
      throw new ConfigException("zenoh.reconnect-ms = " + reconnect + " is outside 1-60000 (default 500)");
    }
    b.insertJson5("connect/retry/period_init_ms", Long.toString(reconnect))
        .insertJson5("connect/retry/period_max_ms", Long.toString(reconnect))
        .insertJson5("connect/retry/period_increase_factor", "1.0");
    for (String e : c.list("zenoh.listen")) {
      b.listen(checkEndpoint("zenoh.listen", e));
    }
    for (String e : c.list("zenoh.connect")) {
      b.connect(checkEndpoint("zenoh.connect", e));
    }
    if (mode == Config.Mode.CLIENT && c.list("zenoh.connect").isEmpty()) {
      throw new ConfigException("zenoh.mode = client needs at least one zenoh.connect endpoint (a router)");
    }
    Optional<Path> file = optionalFile(c, "zenoh.config-file");
    TlsConfig tls = tls(c);
    if (file.isEmpty() && tls.certificate().isEmpty() && c.list("zenoh.listen").stream()
        .anyMatch(e -> e.startsWith("tls/") || e.startsWith("quic/"))) {
      throw new ConfigException("zenoh.listen has a tls/ or quic/ endpoint but no certificate: set"
          + " zenoh.tls.certificate and zenoh.tls.private-key (PEM files), or give them in zenoh.config-file");
    }
    b.tls(tls).accessControl(acl(c));
    try {
      b.protocols(c.list("zenoh.protocols"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("zenoh.protocols: " + e.getMessage());
    }
    file.ifPresent(b::baseFile);
    return b.build();
  }

  private static TlsConfig tls(CockpitConfig c) {
    try {
      return new TlsConfig(optionalFile(c, "zenoh.tls.root-ca"), optionalFile(c, "zenoh.tls.certificate"),
          optionalFile(c, "zenoh.tls.private-key"), c.flag("zenoh.tls.mtls"), c.flag("zenoh.tls.verify-name"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("zenoh.tls: " + e.getMessage());
    }
  }

  private static AccessControl acl(CockpitConfig c) {
    AccessControl.Permission def;
    try {
      def = AccessControl.Permission.valueOf(c.get("zenoh.acl.default-permission").trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("zenoh.acl.default-permission = '" + c.get("zenoh.acl.default-permission")
          + "' must be allow or deny");
    }
    try {
      return new AccessControl(c.flag("zenoh.acl.enabled"), def, AccessControl.parseRules(c.get("zenoh.acl.rules")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("zenoh.acl.rules: " + e.getMessage());
    }
  }

  /** A readable file named by {@code key}, or empty when the key is blank. */
  private static Optional<Path> optionalFile(CockpitConfig c, String key) {
    String s = c.get(key).trim();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    Path p = s.startsWith("~/") ? Path.of(System.getProperty("user.home"), s.substring(2)) : Path.of(s);
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new ConfigException(key + " = " + s + " is not a readable file");
    }
    return Optional.of(p.toAbsolutePath());
  }

  /** {@code proto/host:port} (IPv6 in brackets; port 0-65535) or {@code unixsock-stream/path}. */
  static String checkEndpoint(String key, String e) {
    Matcher m = IP_ENDPOINT.matcher(e);
    boolean ok = m.matches() ? Integer.parseInt(m.group(3)) <= 65535 : e.matches("unixsock-stream/.+");
    if (!ok) {
      throw new ConfigException(key + ": '" + e + "' is not a Zenoh endpoint this build opens:"
          + " <protocol>/<host>:<port> with protocol tcp, udp, tls or quic (port 0-65535), or"
          + " unixsock-stream/<path>; the native library is built with " + String.join(", ", BUILT_PROTOCOLS)
          + " only; e.g. --set " + key + "=tcp/127.0.0.1:7447");
    }
    return e;
  }
}
