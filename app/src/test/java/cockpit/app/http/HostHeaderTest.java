package cockpit.app.http;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.ComponentStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, item 8: the HTTP server answers only the Host names it is meant to be reached by, so a
 * DNS-rebinding page ({@code Host: attacker.example}) gets neither /metrics nor the /events transcript.
 */
class HostHeaderTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private int start(List<String> allowed) {
    ComponentProbe probe = new ComponentProbe() {
      @Override
      public ComponentStatus status() {
        return ComponentStatus.getDefaultInstance();
      }

      @Override
      public List<Check> readiness() {
        return List.of(new Check("test", true, "up"));
      }
    };
    HttpVerticle http = new HttpVerticle(new HttpOptions("127.0.0.1", 0, allowed), probe,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new DashboardAddresses("cam", "voice", "det",
            "alerts", "replies", "errors"), "vehicle/{vin}/cabin/camera/{camera}");
    vertx.deployVerticle(http).toCompletionStage().toCompletableFuture().join();
    return http.port();
  }

  /** The status line and the first body line of a raw HTTP/1.1 request with this Host header. */
  private static String[] get(int port, String path, String host) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), US_ASCII));
      String status = in.readLine();
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        // headers
      }
      String body = status.contains(" 421 ") ? in.readLine() : "";
      return new String[] {status, body};
    }
  }

  @Test
  void aForeignHostGets421OnMetricsAndEventsWhileLoopbackNamesAreServed() throws Exception {
    int port = start(List.of());
    for (String path : List.of("/metrics", "/events", "/health/ready", "/")) {
      String[] r = get(port, path, "attacker.example");
      assertEquals("HTTP/1.1 421 Misdirected Request", r[0], path);
      assertTrue(r[1].contains("attacker.example") && r[1].contains("http.allowed-hosts"), r[1]);
    }
    assertEquals("HTTP/1.1 421 Misdirected Request", get(port, "/metrics", "attacker.example:" + port)[0]);
    assertTrue(get(port, "/metrics", "127.0.0.1:" + port)[0].contains(" 200 "));
    assertTrue(get(port, "/metrics", "localhost")[0].contains(" 200 "));
    assertTrue(get(port, "/events", "LOCALHOST:" + port)[0].contains(" 200 "));
    assertTrue(get(port, "/health/live", "[::1]:" + port)[0].contains(" 200 "));
  }

  @Test
  void namesInTheAllowListAreServedAndAStarTurnsTheCheckOff() throws Exception {
    int port = start(List.of("cockpit.local"));
    assertTrue(get(port, "/metrics", "cockpit.local")[0].contains(" 200 "));
    assertTrue(get(port, "/metrics", "other.local")[0].contains(" 421 "));
    vertx.undeploy(vertx.deploymentIDs().iterator().next()).toCompletionStage().toCompletableFuture().join();
    int open = start(List.of("*"));
    assertTrue(get(open, "/metrics", "attacker.example")[0].contains(" 200 "));
  }
}
