package cockpit.bus.interop;

import static cockpit.bus.testing.Loopback.endpoint;
import static cockpit.bus.testing.Loopback.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.Topics;
import cockpit.bus.bridge.BridgeOptions;
import cockpit.bus.bridge.BusBridgeVerticle;
import cockpit.bus.bridge.VssMirror;
import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.CongestionControl;
import cockpit.bus.zenoh.Encoding;
import cockpit.bus.zenoh.GetOptions;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.LivelinessToken;
import cockpit.bus.zenoh.Priority;
import cockpit.bus.zenoh.Publisher;
import cockpit.bus.zenoh.PublisherOptions;
import cockpit.bus.zenoh.PutOptions;
import cockpit.bus.zenoh.Reply;
import cockpit.bus.zenoh.Sample;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.ZBytes;
import cockpit.bus.zenoh.Zenoh;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.FrameRef;
import cockpit.proto.v1.VssValue;
import com.google.protobuf.ByteString;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Java binding and bridge against the official Python Zenoh binding ({@code eclipse-zenoh}),
 * an independent implementation, as separate processes on 127.0.0.1 with scouting off.
 */
@ExtendWith(VertxExtension.class)
class PythonInteropTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration READY = Duration.ofSeconds(30);
  private static final HexFormat HEX = HexFormat.of();

  @BeforeAll
  static void pythonPeerIsInstalled() {
    assertTrue(PythonPeer.available(), "the Python peer needs " + PythonPeer.python()
        + " with eclipse-zenoh: run scripts/setup-python.sh (scripts/test.sh does)");
  }

  private static byte[] frame(int size, long seq) {
    byte[] pixels = new byte[size];
    new Random(seq).nextBytes(pixels);
    return CameraFrame.newBuilder().setCameraId("front").setSequence(seq).setEncoding(FrameEncoding.FRAME_ENCODING_RGB8)
        .setWidth(64).setHeight(64).setData(ByteString.copyFrom(pixels)).build().toByteArray();
  }

  private static String sha256(byte[] b) throws Exception {
    return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  @Test
  void pythonPublishesAndJavaReceivesIdenticalBytesAndAttachment() throws Exception {
    int port = Loopback.freePort();
    try (Session java = Zenoh.open(Loopback.listening(port));
        PythonPeer py = PythonPeer.start(READY, "pub", "vehicle/V1/cabin/camera/front", "--connect", endpoint(port),
            "--wait-connected", "1")) {
      List<Sample> got = new CopyOnWriteArrayList<>();
      java.declareSubscriber(KeyExpr.tryFrom("vehicle/V1/cabin/camera/*"), got::add);
      byte[] payload = frame(3000, 1);
      byte[] att = "seq=1;src=python".getBytes();
      assertTrue(eventually(WAIT, () -> {
        send(py, "PUT " + HEX.formatHex(payload) + " " + HEX.formatHex(att));
        return eventually(Duration.ofMillis(200), () -> !got.isEmpty());
      }));
      assertArrayEquals(payload, got.get(0).payload().toBytes());
      assertArrayEquals(att, got.get(0).attachment().orElseThrow().toBytes());
      assertEquals("vehicle/V1/cabin/camera/front", got.get(0).keyExpr().toString());
    }
  }

  @Test
  void javaPublishesAndPythonReceivesIdenticalBytesAttachmentAndEncoding() throws Exception {
    int port = Loopback.freePort();
    try (Session java = Zenoh.open(Loopback.listening(port));
        PythonPeer py = PythonPeer.start(READY, "sub", "vehicle/V1/cabin/camera/*", "--connect", endpoint(port),
            "--wait-connected", "1")) {
      byte[] payload = frame(5000, 2);
      Encoding enc = Topics.CAMERA.encoding();
      Publisher pub = java.declarePublisher(KeyExpr.tryFrom("vehicle/V1/cabin/camera/front"),
          PublisherOptions.DEFAULT.withPriority(Priority.DATA_HIGH).withEncoding(enc));
      Optional<JsonObject> sample = Optional.empty();
      for (int i = 0; i < 100 && sample.isEmpty(); i++) {
        pub.put(ZBytes.of(payload), PutOptions.DEFAULT.withAttachment(ZBytes.from("from-java")));
        sample = py.next(o -> "sample".equals(o.getString("event")), Duration.ofMillis(200));
      }
      JsonObject s = sample.orElseThrow(() -> new AssertionError("python saw nothing: " + py.stderr()));
      assertEquals(HEX.formatHex(payload), s.getString("payload_hex"));
      assertEquals(HEX.formatHex("from-java".getBytes()), s.getString("attachment_hex"));
      assertEquals(enc.value(), s.getString("encoding"));
      assertEquals(Priority.DATA_HIGH.value(), s.getInteger("priority"));
      assertEquals("vehicle/V1/cabin/camera/front", s.getString("key"));
    }
  }

  @Test
  void javaGetReachesPythonQueryable() throws Exception {
    int port = Loopback.freePort();
    try (Session java = Zenoh.open(Loopback.listening(port));
        PythonPeer py = PythonPeer.start(READY, "queryable", "vehicle/V1/cockpit/status", "--reply-hex",
            HEX.formatHex("status-from-python".getBytes()), "--connect", endpoint(port), "--wait-connected", "1")) {
      List<Reply> replies = new CopyOnWriteArrayList<>();
      assertTrue(eventually(WAIT, () -> {
        try {
          replies.addAll(java.get("vehicle/V1/cockpit/status?verbose=1", GetOptions.DEFAULT
              .withPayload(ZBytes.from("q")).withTimeout(Duration.ofSeconds(2))).get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
          return false;
        }
        return !replies.isEmpty();
      }));
      assertEquals("status-from-python", replies.get(0).ok().orElseThrow().payload().toString());
      JsonObject q = py.expect("query", WAIT);
      assertEquals("verbose=1", q.getString("parameters"));
      assertEquals(HEX.formatHex("q".getBytes()), q.getString("payload_hex"));
    }
  }

  @Test
  void pythonGetReachesJavaQueryable() throws Exception {
    int port = Loopback.freePort();
    try (Session java = Zenoh.open(Loopback.listening(port))) {
      java.declareQueryable(KeyExpr.tryFrom("vehicle/V1/cockpit/status"), q -> q.reply(
          KeyExpr.tryFrom("vehicle/V1/cockpit/status"), ZBytes.from("java:" + q.parameters())), true);
      try (PythonPeer py = PythonPeer.start(READY, "get", "vehicle/V1/cockpit/status?who=python", "--connect",
          endpoint(port), "--wait-connected", "1", "--wait-matching", "--timeout", "5")) {
        JsonObject reply = null;
        for (int i = 0; i < 10 && reply == null; i++) {
          py.send("GO");
          reply = py.next(o -> "reply".equals(o.getString("event")) || "get_done".equals(o.getString("event")), WAIT)
              .filter(o -> "reply".equals(o.getString("event"))).orElse(null);
        }
        assertTrue(reply != null && reply.getBoolean("ok"), "python got a reply: " + reply);
        assertEquals(HEX.formatHex("java:who=python".getBytes()), reply.getString("payload_hex"));
      }
    }
  }

  @Test
  void pythonSeesJavaLivelinessTokenAndItsLoss() throws Exception {
    int port = Loopback.freePort();
    Session java = Zenoh.open(Loopback.listening(port));
    try (PythonPeer py = PythonPeer.start(READY, "liveliness-sub", "vehicle/V1/cockpit/**", "--connect",
        endpoint(port), "--wait-connected", "1")) {
      LivelinessToken token = java.liveliness().declareToken(KeyExpr.tryFrom("vehicle/V1/cockpit/alive"));
      JsonObject up = py.expect("liveliness", WAIT);
      assertEquals("put", up.getString("kind"));
      assertEquals("vehicle/V1/cockpit/alive", up.getString("key"));
      assertEquals(token.keyExpr().toString(), up.getString("key"));
      java.close();
      JsonObject down = py.expect("liveliness", WAIT);
      assertEquals("delete", down.getString("kind"));
    } finally {
      java.close();
    }
  }

  @Test
  void clientModeThroughPythonRouterSurvivesARouterRestart() throws Exception {
    int port = Loopback.freePort();
    PythonPeer router = PythonPeer.start(READY, "router", "--listen", endpoint(port));
    try (Session java = Zenoh.open(Loopback.client(port))) {
      List<Sample> got = new CopyOnWriteArrayList<>();
      java.declareSubscriber(KeyExpr.tryFrom("vehicle/V1/state"), got::add);
      receiveThrough(port, got, "before");
      router.kill();
      router = PythonPeer.start(READY, "router", "--listen", endpoint(port), "--wait-connected", "1",
          "--wait-timeout", "20");
      got.clear();
      receiveThrough(port, got, "after");
      assertTrue(!java.isClosed(), "the same session kept working");
    } finally {
      router.close();
    }
  }

  private static void receiveThrough(int port, List<Sample> got, String text) throws Exception {
    try (PythonPeer pub = PythonPeer.start(READY, "pub", "vehicle/V1/state", "--mode", "client", "--connect",
        endpoint(port))) {
      assertTrue(eventually(WAIT, () -> {
        send(pub, "PUT " + HEX.formatHex(text.getBytes()));
        return eventually(Duration.ofMillis(200), () -> !got.isEmpty());
      }), "nothing arrived through the router (" + text + ")");
      assertEquals(text, got.get(0).payload().toString());
    }
  }

  @Test
  void fourMegabytePayloadsArriveIntactBothWays() throws Exception {
    int port = Loopback.freePort();
    int size = 4 * 1024 * 1024;
    try (Session java = Zenoh.open(Loopback.listening(port))) {
      byte[] big = new byte[size];
      new Random(4).nextBytes(big);
      try (PythonPeer sub = PythonPeer.start(READY, "sub", "big/j2p", "--quiet-payload", "--connect", endpoint(port),
          "--wait-connected", "1")) {
        Publisher pub = java.declarePublisher(KeyExpr.tryFrom("big/j2p"),
            PublisherOptions.DEFAULT.withCongestionControl(CongestionControl.BLOCK));
        Optional<JsonObject> s = Optional.empty();
        for (int i = 0; i < 50 && s.isEmpty(); i++) {
          pub.put(ZBytes.of(big));
          s = sub.next(o -> "sample".equals(o.getString("event")), Duration.ofMillis(500));
        }
        JsonObject sample = s.orElseThrow(() -> new AssertionError("python got no 4 MB sample"));
        assertEquals(size, sample.getInteger("payload_len"));
        assertEquals(sha256(big), sample.getString("sha256"));
      }
      List<Sample> got = new CopyOnWriteArrayList<>();
      java.declareSubscriber(KeyExpr.tryFrom("big/p2j"), got::add);
      try (PythonPeer pub = PythonPeer.start(READY, "pub", "big/p2j", "--payload-size", Integer.toString(size),
          "--seed", "9", "--congestion", "block", "--connect", endpoint(port), "--wait-connected", "1",
          "--wait-matching")) {
        pub.send("GO");
        JsonObject published = pub.expect("published", WAIT);
        assertTrue(eventually(WAIT, () -> !got.isEmpty()), "java got no 4 MB sample");
        byte[] received = got.get(0).payload().toBytes();
        assertEquals(size, received.length);
        assertEquals(published.getString("sha256"), sha256(received));
      }
    }
  }

  @Test
  void bridgeCarriesAPythonCameraFrameToTheEventBusAndADetectionBackToPython(Vertx vertx) throws Exception {
    int port = Loopback.freePort();
    String deployment = vertx.deployVerticle(new BusBridgeVerticle(BridgeOptions.of("V1",
        Loopback.listening(port)))).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    List<CameraFrame> frames = new CopyOnWriteArrayList<>();
    vertx.eventBus().<CameraFrame>consumer(Topics.CAMERA.address(), m -> {
      CameraFrame f = m.body();
      frames.add(f);
      vertx.eventBus().publish(Topics.DETECTIONS.address(), DetectionSet.newBuilder().setTask("echo")
          .setFrame(FrameRef.newBuilder().setCameraId(f.getCameraId()).setSequence(f.getSequence())).build());
      m.reply("done");
    });
    try (PythonPeer sub = PythonPeer.start(READY, "sub", "vehicle/V1/cockpit/detections/*", "--connect",
        endpoint(port), "--wait-connected", "1");
        PythonPeer pub = PythonPeer.start(READY, "pub", "vehicle/V1/cabin/camera/front", "--connect",
            endpoint(port), "--wait-connected", "1")) {
      byte[] frame = frame(1000, 77);
      Optional<JsonObject> det = Optional.empty();
      for (int i = 0; i < 100 && det.isEmpty(); i++) {
        pub.send("PUT " + HEX.formatHex(frame));
        det = sub.next(o -> "sample".equals(o.getString("event")), Duration.ofMillis(200));
      }
      JsonObject d = det.orElseThrow(() -> new AssertionError("python got no DetectionSet"));
      assertEquals(CameraFrame.parseFrom(frame), frames.get(0), "the event bus got the frame python sent");
      assertEquals("vehicle/V1/cockpit/detections/front", d.getString("key"));
      assertEquals("application/protobuf;cockpit.v1.DetectionSet", d.getString("encoding"));
      DetectionSet ds = DetectionSet.parseFrom(HEX.parseHex(d.getString("payload_hex")));
      assertEquals(77, ds.getFrame().getSequence());
    } finally {
      vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void kuksaMirrorPutsDetectionVssValuesOnTheProviderKeyLayout(Vertx vertx) throws Exception {
    int port = Loopback.freePort();
    String deployment = vertx.deployVerticle(new BusBridgeVerticle(BridgeOptions.of("V1",
        Loopback.listening(port)).withKuksaMirror(true))).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    DetectionSet set = DetectionSet.newBuilder().setTask("occupancy")
        .setFrame(FrameRef.newBuilder().setCameraId("cabin").setSequence(5))
        .addDetections(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_SEAT_BELT)
            .setVssPath("Vehicle.Cabin.Seat.Row2.PassengerSide.IsBelted")
            .setVssValue(VssValue.newBuilder().setBoolValue(false)))
        .addDetections(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_OBJECT).setLabel("no vss"))
        .build();
    try (PythonPeer sub = PythonPeer.start(READY, "sub", "Vehicle/**", "--connect", endpoint(port),
        "--wait-connected", "1")) {
      Optional<JsonObject> got = Optional.empty();
      for (int i = 0; i < 100 && got.isEmpty(); i++) {
        vertx.eventBus().publish(Topics.DETECTIONS.address(), set);
        got = sub.next(o -> "sample".equals(o.getString("event")), Duration.ofMillis(200));
      }
      JsonObject s = got.orElseThrow(() -> new AssertionError("python got no VSS value"));
      assertEquals("Vehicle/Cabin/Seat/Row2/PassengerSide/IsBelted", s.getString("key"));
      assertEquals("false", new String(HEX.parseHex(s.getString("payload_hex")), StandardCharsets.UTF_8));
      assertEquals(VssMirror.CURRENT_VALUE,
          new String(HEX.parseHex(s.getString("attachment_hex")), StandardCharsets.UTF_8));
      ComponentStatus st = (ComponentStatus) vertx.eventBus().request(BusBridgeVerticle.STATUS_ADDRESS, "")
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).body();
      assertTrue(st.getCountersOrThrow("vss_values_mirrored") >= 1, st.toString());
    } finally {
      vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static void send(PythonPeer peer, String line) {
    try {
      peer.send(line);
    } catch (java.io.IOException e) {
      throw new AssertionError("zpeer is gone: " + peer.stderr(), e);
    }
  }
}
