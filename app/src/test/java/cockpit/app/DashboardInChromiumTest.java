package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.Topics;
import cockpit.bus.interop.PythonPeer;
import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Zenoh;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.VoiceUtterance;
import com.google.protobuf.ByteString;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side of a real component: health and readiness, then the dashboard in headless Debian
 * chromium (playwright-core, scripts/setup-browser.sh) while a Python peer sends a camera frame and
 * an utterance over Zenoh; what the page shows is compared with what came out over Zenoh, and the
 * Prometheus metrics with the same messages.
 */
class DashboardInChromiumTest {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void dashboardShowsFrameDetectionsTranscriptAndAlertsAndMetricsCountThem(@TempDir Path snapshots) throws Exception {
    int port = Loopback.freePort();
    CockpitConfig cfg = CockpitConfig.load(null, Map.of(), List.of("vin=V3", "zenoh.listen=tcp/127.0.0.1:" + port,
        "http.port=0", "model.dir=" + TestModels.tiny(), "dialogue.snapshot-dir=" + snapshots,
        "dialogue.temperature=0", "dialogue.max-new-tokens=16", "perception.tasks=occupancy,driver_monitoring"));
    byte[] rgb = new byte[64 * 48 * 3];
    new Random(11).nextBytes(rgb);
    CameraFrame frame = CameraFrame.newBuilder().setCameraId("cabin").setSequence(7)
        .setEncoding(FrameEncoding.FRAME_ENCODING_RGB8).setWidth(64).setHeight(48).setData(ByteString.copyFrom(rgb))
        .build();
    VoiceUtterance said = VoiceUtterance.newBuilder().setSessionId("dash").setUtteranceId("u1")
        .setText("Is the rear door closed?").build();
    Map<String, DetectionSet> setsByTask = new ConcurrentHashMap<>();
    List<Reply> replies = new CopyOnWriteArrayList<>();
    try (Component c = Component.start(cfg);
        Session java = Zenoh.open(Loopback.connecting(port));
        PythonPeer camera = PythonPeer.start(WAIT, "pub", "vehicle/V3/cabin/camera/cabin", "--connect",
            Loopback.endpoint(port), "--wait-connected", "1", "--wait-matching");
        PythonPeer voice = PythonPeer.start(WAIT, "pub", "vehicle/V3/cabin/voice/driver", "--connect",
            Loopback.endpoint(port), "--wait-connected", "1", "--wait-matching")) {
      String base = "http://127.0.0.1:" + c.httpPort();
      assertEquals(200, get(base + "/health/live").statusCode());
      HttpResponse<String> ready = get(base + "/health/ready");
      assertEquals(200, ready.statusCode(), ready.body());
      JsonArray checks = new JsonObject(ready.body()).getJsonArray("checks");
      assertEquals(List.of("bus", "model", "verticles"), checks.stream().map(o -> ((JsonObject) o).getString("name"))
          .toList());

      java.declareSubscriber(KeyExpr.tryFrom("vehicle/V3/cockpit/detections/cabin"), s -> {
        DetectionSet d = parse(DetectionSet.parser(), s.payload().toBytes());
        setsByTask.put(d.getTask(), d);
      });
      java.declareSubscriber(KeyExpr.tryFrom("vehicle/V3/cockpit/replies/dash"),
          s -> replies.add(parse(Reply.parser(), s.payload().toBytes())));

      Process page = browser(base + "/", "cabin", 7, "driver_monitoring,occupancy", "u1", "a1");
      List<String> out = RunCommandProcessTest.collect(page);
      try {
        assertTrue(Loopback.eventually(WAIT, () -> out.contains("CONNECTED") || !page.isAlive()),
            "the page connected its event stream: " + out);
        camera.send("PUT " + HexFormat.of().formatHex(frame.toByteArray()));
        voice.send("PUT " + HexFormat.of().formatHex(said.toByteArray()));
        publishAlerts(c);
        assertTrue(page.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "the browser script finished: " + out);
        JsonObject state = out.stream().filter(l -> l.startsWith("STATE ")).findFirst()
            .map(l -> new JsonObject(l.substring(6))).orElseThrow(() -> new AssertionError("no state: " + out));
        assertEquals(0, page.exitValue(), state.encodePrettily());
        assertTrue(state.getJsonArray("problems").isEmpty(), "no page errors: " + state.getJsonArray("problems"));
        assertTrue(Loopback.eventually(WAIT, () -> setsByTask.size() == 2 && replies.stream().anyMatch(
            Reply::getIsFinal)), "Zenoh saw both detection sets and the final reply");
        assertPageShows(state, rgb, setsByTask, replies, said);
        assertMetrics(base, c, setsByTask, replies, snapshots);
      } finally {
        page.destroyForcibly();
      }
    }
  }

  private static void assertPageShows(JsonObject state, byte[] rgb, Map<String, DetectionSet> sets,
      List<Reply> replies, VoiceUtterance said) {
    JsonObject f = state.getJsonObject("frame");
    assertEquals("7", f.getString("sequence"));
    assertEquals(64, f.getInteger("width"));
    assertArrayEquals(rgb, Base64.getDecoder().decode(f.getString("rgb")), "the canvas holds the frame's pixels");
    List<String> expected = new ArrayList<>();
    new TreeMap<>(sets).values().forEach(s -> s.getDetectionsList().forEach(d -> expected.add(d.getLabel())));
    List<String> shown = f.getJsonArray("labels").stream().map(String::valueOf).sorted().toList();
    assertEquals(expected.stream().sorted().toList(), shown, "labels of the latest set of each task");
    assertTrue(shown.contains("driver"), "driver monitoring labels the driver: " + shown);
    assertTrue(f.getInteger("overlayInkedPixels") > 0, "detections are drawn over the frame");

    JsonObject turn = state.getJsonArray("turns").getJsonObject(0);
    assertEquals("dash", turn.getString("session"));
    assertEquals(said.getText(), turn.getString("user"));
    StringBuilder text = new StringBuilder();
    replies.stream().filter(r -> r.getUtteranceId().equals("u1")).forEach(r -> text.append(r.getText()));
    assertEquals(text.toString(), turn.getString("assistant"), "the streamed reply, chunk by chunk");
    Reply last = replies.get(replies.size() - 1);
    assertEquals(last.getFinishReason().name(), turn.getString("finish"));

    JsonArray alerts = state.getJsonArray("alerts");
    assertEquals(1, alerts.size(), "a2 was cleared: " + alerts.encode());
    assertEquals("ALERT_KIND_CHILD_LEFT_BEHIND", alerts.getJsonObject(0).getString("kind"));
    assertTrue(alerts.getJsonObject(0).getString("text").contains("Child on rear seat"), alerts.encode());
    assertEquals(2, state.getJsonObject("charts").getInteger("chart-perception"), "one point per detection set");
    assertEquals(last.getTimings().getCompletionTokens() > 0 ? 1 : 0,
        state.getJsonObject("charts").getInteger("chart-ttft"));
  }

  private static void assertMetrics(String base, Component c, Map<String, DetectionSet> sets, List<Reply> replies,
      Path snapshots) throws Exception {
    HttpResponse<String> res = get(base + "/metrics");
    assertEquals(200, res.statusCode());
    PrometheusText m = PrometheusText.parse(res.body());
    assertEquals(1, m.value("cockpit_bus_messages_total", "topic", Topics.CAMERA.keyTemplate(), "kind", "received"));
    assertEquals(1, m.value("cockpit_frames_total", "stage", "received"));
    assertEquals(1, m.value("cockpit_frames_total", "stage", "processed"));
    assertEquals(0, m.value("cockpit_frames_total", "stage", "skipped"));
    assertEquals(2, m.value("cockpit_perception_inferences_total", "outcome", "ok"));
    for (DetectionSet s : sets.values()) {
      String[] tags = {"task", s.getTask(), "stage", "total"};
      assertEquals(1, m.value("cockpit_perception_latency_seconds_count", tags));
      assertEquals(s.getLatency().getTotalMs() / 1000, m.value("cockpit_perception_latency_seconds_sum", tags), 1e-4);
    }
    Reply last = replies.get(replies.size() - 1);
    assertEquals(1, m.value("cockpit_dialogue_turns_total", "finish_reason", last.getFinishReason().name()));
    if (last.getTimings().getCompletionTokens() > 0) {
      assertEquals(1, m.value("cockpit_dialogue_ttft_seconds_count"));
      assertEquals(last.getTimings().getTtftMs() / 1000, m.value("cockpit_dialogue_ttft_seconds_sum"), 1e-4);
      assertEquals(last.getTimings().getTokensPerSecond(), m.value("cockpit_dialogue_tokens_per_second_sum"), 1e-2);
    }
    assertEquals(1, m.value("cockpit_dialogue_sessions_active"));
    long file = Files.size(snapshots.resolve("dash.snap"));
    assertEquals(1, m.value("cockpit_snapshot_operations_total", "op", "save"), "snapshot after the turn");
    assertEquals(file - 22 - 4, m.value("cockpit_snapshot_bytes_total", "op", "save"), "header and payload bytes");
    assertEquals(2, m.value("cockpit_alerts_total", "kind", "ALERT_KIND_CHILD_LEFT_BEHIND", "state",
        "ALERT_STATE_RAISED"));
    assertTrue(m.has("vertx_http_server_requests_total"), "Vert.x's own meters are there too");
    assertEquals(c.status().getCountersOrDefault("perception_frames_received", -1),
        (long) m.value("cockpit_frames_total", "stage", "received"));
  }

  /**
   * Two alerts on the component's alerts address, as perception publishes them (the tiny model's random
   * weights cannot be steered into raising one), the second one cleared again.
   */
  private static void publishAlerts(Component c) {
    for (String[] a : new String[][] {{"a1", "RAISED"}, {"a2", "RAISED"}, {"a2", "CLEARED"}}) {
      c.vertx().eventBus().publish(Topics.ALERTS.address(), Alert.newBuilder().setAlertId(a[0])
          .setKind(AlertKind.ALERT_KIND_CHILD_LEFT_BEHIND).setSeverity(AlertSeverity.ALERT_SEVERITY_CRITICAL)
          .setState(AlertState.valueOf("ALERT_STATE_" + a[1])).setMessage("Child on rear seat (" + a[0] + ")")
          .build());
    }
  }

  private static Process browser(String url, String camera, long sequence, String tasks, String utterance,
      String alert) throws Exception {
    Path home = Path.of(System.getProperty(PythonPeer.HOME_PROPERTY, "."));
    Path modules = home.resolve(".tools/playwright/node_modules");
    assertTrue(Files.isDirectory(modules.resolve("playwright-core")), "run scripts/setup-browser.sh first");
    Path script = Path.of(DashboardInChromiumTest.class.getResource("/dashboard/check-dashboard.js").toURI());
    ProcessBuilder pb = new ProcessBuilder("node", script.toString(), url, camera, Long.toString(sequence), tasks,
        utterance, alert).redirectErrorStream(true);
    pb.environment().put("NODE_PATH", modules.toString());
    return pb.start();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static <M> M parse(com.google.protobuf.Parser<M> parser, byte[] bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }
}
