package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.GetOptions;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Reply;
import cockpit.bus.zenoh.Sample;
import cockpit.bus.zenoh.SampleKind;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Zenoh;
import cockpit.proto.v1.ComponentState;
import cockpit.proto.v1.ComponentStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cockpit run} as a real second process, started the way the launcher starts it. */
class RunCommandProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path state;

  /** Starts the launcher as its own process; model and session snapshots under a test directory. */
  static Process launch(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "--enable-native-access=ALL-UNNAMED", "cockpit.app.Main"));
    cmd.addAll(List.of(args));
    if (args.length > 0 && args[0].equals("run")) {
      cmd.addAll(List.of("--set", "model.dir=" + TestModels.tiny(), "--set", "dialogue.snapshot-dir=" + state));
    }
    return Launch.builder(cmd).redirectErrorStream(true).start();
  }

  static List<String> collect(Process p) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          lines.add(l);
        }
      } catch (Exception ignored) {
        // Process ended.
      }
    });
    t.setDaemon(true);
    t.start();
    return lines;
  }

  @Test
  void runServesStatusAndLivelinessThenStopsCleanlyOnSigterm() throws Exception {
    int port = Loopback.freePort();
    Process p = launch("run", "--set", "zenoh.listen=tcp/127.0.0.1:" + port, "--set", "vin=V9", "--set",
        "http.port=0");
    List<String> out = collect(p);
    try (Session s = Zenoh.open(Loopback.connecting(port))) {
      assertTrue(Loopback.eventually(WAIT, () -> out.stream().anyMatch(l -> l.startsWith("cockpit: ready"))),
          "not ready: " + out);
      // the printed addresses are the real ones: the metrics URL answers with Prometheus text
      assertTrue(Loopback.eventually(WAIT, () -> out.stream().anyMatch(l -> l.startsWith("cockpit: dashboard "))),
          out.toString());
      String line = out.stream().filter(l -> l.startsWith("cockpit: dashboard ")).findFirst().orElseThrow();
      var m = java.util.regex.Pattern.compile("^cockpit: dashboard (http://127\\.0\\.0\\.1:\\d+/)  metrics (\\S+)  health"
          + " (\\S+)$").matcher(line);
      assertTrue(m.matches(), line);
      assertEquals(m.group(1) + "metrics", m.group(2));
      var http = java.net.http.HttpClient.newHttpClient();
      var metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(m.group(2))).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.body().contains("cockpit_uptime_seconds"), metrics.body());
      var scrape = PrometheusText.parse(metrics.body());
      assertEquals(1, scrape.value("cockpit_build_info", "version", Main.VERSION, "model", "tiny-seed42", "variant",
          "float", "provider", "cpu"), metrics.body());
      assertTrue(scrape.has("jvm_memory_used_bytes") && scrape.has("process_files_open_files"), metrics.body());
      List<Sample> alive = new CopyOnWriteArrayList<>();
      s.liveliness().declareSubscriber(KeyExpr.tryFrom("vehicle/V9/cockpit/alive"), alive::add, true);
      assertTrue(Loopback.eventually(WAIT, () -> alive.stream().anyMatch(x -> x.kind() == SampleKind.PUT)));
      List<Reply> replies = s.get("vehicle/V9/cockpit/status", GetOptions.DEFAULT).get(15, TimeUnit.SECONDS);
      ComponentStatus st = ComponentStatus.parseFrom(replies.get(0).ok().orElseThrow().payload().toBytes());
      assertEquals(ComponentState.COMPONENT_STATE_READY, st.getState());

      p.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its stdout
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "exited after SIGTERM");
      assertEquals(0, p.exitValue(), String.join("\n", out));
      assertTrue(Loopback.eventually(WAIT, () -> out.contains("cockpit: stopped")), out.toString());
      assertTrue(Loopback.eventually(WAIT, () -> alive.stream().anyMatch(x -> x.kind() == SampleKind.DELETE)),
          "the liveliness token was undeclared");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void portInUseFailsFastNamingTheKey() throws Exception {
    int port = Loopback.freePort();
    try (Session holder = Zenoh.open(Loopback.listening(port))) {
      Process p = launch("run", "--set", "zenoh.listen=tcp/127.0.0.1:" + port);
      List<String> out = collect(p);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(2, p.exitValue());
      assertTrue(Loopback.eventually(WAIT, () -> out.stream().anyMatch(l -> l.contains("zenoh.listen"))),
          out.toString());
    }
  }

  @Test
  void unknownConfigurationKeyFailsFast() throws Exception {
    Process p = launch("run", "--set", "zenoh.lisen=tcp/127.0.0.1:1");
    List<String> out = collect(p);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, p.exitValue());
    assertTrue(Loopback.eventually(WAIT, () -> out.stream().anyMatch(l -> l.contains("'zenoh.lisen'"))),
        out.toString());
  }
}
