package cockpit.app.http;

/**
 * Where the HTTP server listens. {@code port} 0 takes any free port (the bound one is reported by
 * {@link HttpVerticle#port()}).
 */
public record HttpOptions(String host, int port) {
  public HttpOptions {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("http.host must name an interface address such as 127.0.0.1");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("http.port = " + port + " is not a TCP port (0-65535; 0 = any free port)");
    }
  }
}
