package cockpit.app.http;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the HTTP server listens and which {@code Host} headers it answers. {@code port} 0 takes any
 * free port (the bound one is reported by {@link HttpVerticle#port()}).
 *
 * <p>Host check (against DNS rebinding: a web page whose name an attacker re-points at 127.0.0.1 could
 * otherwise read /metrics and the /events transcript): a request is answered only when its
 * {@code Host} (port ignored) is {@code localhost}, {@code 127.0.0.1}, {@code ::1}, the bound
 * {@code host} or one of {@code allowedHosts} ({@code http.allowed-hosts}); {@code *} there turns the
 * check off. Others get 421 Misdirected Request naming the key. Immutable.
 */
public record HttpOptions(String host, int port, List<String> allowedHosts) {
  /** Names that are this machine's loopback interface, always allowed. */
  public static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

  public HttpOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("http.host must name an interface address such as 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port = " + port + " is not a TCP port (0-65535; 0 = any free port)");
    }
    allowedHosts = List.copyOf(allowedHosts);
    for (String h : allowedHosts) {
      if (h.isBlank() || h.contains("/") || h.contains(" ")) {
        throw new IllegalArgumentException("http.allowed-hosts: '" + h + "' is not a host name or address");
      }
    }
  }

  public HttpOptions(String host, int port) {
    this(host, port, List.of());
  }

  /** The host names a request's Host header may carry, lower case, IPv6 without brackets; empty: any. */
  Set<String> acceptedHosts() {
    if (allowedHosts.contains("*")) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>(LOOPBACK_NAMES);
    out.add(normalize(host));
    allowedHosts.forEach(h -> out.add(normalize(h)));
    return out;
  }

  /** Lower case, without IPv6 brackets. */
  static String normalize(String hostName) {
    String h = hostName.trim().toLowerCase(Locale.ROOT);
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }
}
