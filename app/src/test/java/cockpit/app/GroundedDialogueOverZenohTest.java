package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.Topics;
import cockpit.bus.interop.PythonPeer;
import cockpit.bus.testing.Loopback;
import cockpit.dialogue.context.ParkingMemory;
import cockpit.dialogue.context.ParkingMemoryFile;
import cockpit.dialogue.context.ProtoFacts;
import cockpit.lm.context.CabinFacts;
import cockpit.lm.context.ContextFormat;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.Gear;
import cockpit.proto.v1.PerceptionRequest;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.SessionTranscript;
import cockpit.proto.v1.VehicleState;
import cockpit.proto.v1.VoiceUtterance;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dialogue that sees, end to end over real Zenoh with peers on the official Python binding and the tiny
 * random-weight model (its answers are meaningless; the prompts and the carried state are checked):
 * a car-finder frame is seen, the car parks, the greeter runs on an exterior frame and a person-approaching
 * alert about that frame is published where perception publishes alerts (random weights cannot be relied on
 * to raise one), a turn attaches the exterior camera (sharing perception's encoder run) and asks about the
 * alert, the component restarts,
 * and a later "where did I park?" prompt carries the parking memory — read back through the transcript
 * queryable.
 */
class GroundedDialogueOverZenohTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  static CockpitConfig config(int port, Path snapshots) throws Exception {
    return CockpitConfig.load(null, Map.of(), List.of("vin=V1", "zenoh.listen=tcp/127.0.0.1:" + port,
        "http.port=0", "model.dir=" + TestModels.tiny(), "dialogue.snapshot-dir=" + snapshots,
        "dialogue.temperature=0", "dialogue.max-new-tokens=8", "dialogue.time-zone=UTC"));
  }

  static PythonPeer peer(int port, String role, String key, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(role, key, "--connect", Loopback.endpoint(port),
        "--wait-connected", "1"));
    args.addAll(List.of(more));
    return PythonPeer.start(WAIT, args.toArray(String[]::new));
  }

  static void put(PythonPeer pub, Message m) throws Exception {
    pub.send("PUT " + HexFormat.of().formatHex(m.toByteArray()));
  }

  static <M> M next(PythonPeer sub, com.google.protobuf.Parser<M> parser, Predicate<M> wanted) throws Exception {
    while (true) {
      JsonObject s = sub.next(o -> "sample".equals(o.getString("event")), WAIT)
          .orElseThrow(() -> new AssertionError("no sample in time"));
      M m = parser.parseFrom(HexFormat.of().parseHex(s.getString("payload_hex")));
      if (wanted.test(m)) {
        return m;
      }
    }
  }

  static CameraFrame exterior(long sequence) {
    byte[] rgb = new byte[64 * 48 * 3];
    new Random(sequence).nextBytes(rgb);
    return CameraFrame.newBuilder().setCameraId("exterior").setSequence(sequence)
        .setEncoding(FrameEncoding.FRAME_ENCODING_RGB8).setWidth(64).setHeight(48).setData(ByteString.copyFrom(rgb))
        .build();
  }

  static Reply say(PythonPeer voice, PythonPeer replies, VoiceUtterance u) throws Exception {
    put(voice, u);
    Reply r = next(replies, Reply.parser(), x -> x.getUtteranceId().equals(u.getUtteranceId()) && x.getIsFinal());
    assertTrue(r.getErrorMessage().isEmpty(), r.toString());
    return r;
  }

  static SessionTranscript transcript(int port, String session) throws Exception {
    try (PythonPeer get = peer(port, "get", "vehicle/V1/cockpit/sessions/" + session + "/transcript")) {
      get.send("GO");
      JsonObject reply = get.next(o -> "reply".equals(o.getString("event")), WAIT)
          .orElseThrow(() -> new AssertionError("no transcript reply"));
      assertTrue(reply.getBoolean("ok"), reply.encode());
      return SessionTranscript.parseFrom(HexFormat.of().parseHex(reply.getString("payload_hex")));
    }
  }

  /** A PERSON_APPROACHING alert as {@code PersonApproachingRule} raises it, with evidence from {@code greeter}'s frame. */
  static Alert approachingAlert(DetectionSet greeter) {
    com.google.protobuf.Timestamp now = com.google.protobuf.Timestamp.newBuilder()
        .setSeconds(java.time.Instant.now().getEpochSecond()).build();
    return Alert.newBuilder().setAlertId("person_approaching-exterior-front-left-1")
        .setKind(AlertKind.ALERT_KIND_PERSON_APPROACHING).setSeverity(cockpit.proto.v1.AlertSeverity.ALERT_SEVERITY_INFO)
        .setState(AlertState.ALERT_STATE_RAISED).setZone("exterior-front-left")
        .setMessage("Person approaching the parked vehicle (exterior-front-left)").setRaisedTime(now).setTime(now)
        .addEvidence(cockpit.proto.v1.AlertEvidence.newBuilder().setFrame(greeter.getFrame())
            .setDetectionKind(cockpit.proto.v1.DetectionKind.DETECTION_KIND_PERSON).setConfidence(0.8f)
            .setZone("exterior-front-left"))
        .build();
  }

  @Test
  void theParkingMemorySurvivesARestartAndTheAlertsEvidenceReachesThePrompt(@TempDir Path snapshots)
      throws Exception {
    int port = Loopback.freePort();
    DetectionSet carFinder;
    try (Component c = Component.start(config(port, snapshots));
        PythonPeer state = peer(port, "pub", "vehicle/V1/state", "--wait-matching");
        PythonPeer requests = peer(port, "pub", "vehicle/V1/cockpit/requests/perception", "--wait-matching");
        PythonPeer camera = peer(port, "pub", "vehicle/V1/cabin/camera/exterior", "--wait-matching");
        PythonPeer voice = peer(port, "pub", "vehicle/V1/cabin/voice/driver", "--wait-matching");
        PythonPeer detections = peer(port, "sub", "vehicle/V1/cockpit/detections/*");
        PythonPeer alerts = peer(port, "sub", "vehicle/V1/cockpit/alerts");
        PythonPeer replies = peer(port, "sub", "vehicle/V1/cockpit/replies/*")) {
      put(state, VehicleState.newBuilder().setPowerState(PowerState.POWER_STATE_ON).setSelectedGear(Gear.GEAR_DRIVE)
          .setSpeedKmh(12).build());
      put(requests, PerceptionRequest.newBuilder().setRequestId("park-1").setTask("car_finder").build());
      assertTrue(Loopback.eventually(WAIT, () -> c.status().getCountersMap()
          .getOrDefault("perception_requests_accepted", 0L) >= 1), "the car-finder request is accepted");
      put(camera, exterior(8));
      carFinder = next(detections, DetectionSet.parser(), d -> d.getTask().equals("car_finder"));

      put(state, VehicleState.newBuilder().setPowerState(PowerState.POWER_STATE_OFF).setSelectedGear(Gear.GEAR_PARK)
          .setIsLocked(true).build());
      Path memoryFile = snapshots.resolve(ParkingMemoryFile.NAME);
      assertTrue(Loopback.eventually(WAIT, () -> Files.exists(memoryFile)), "parking memory written");

      put(camera, exterior(9)); // parked: the greeter runs on it (random weights: what it sees means nothing)
      DetectionSet greeter = next(detections, DetectionSet.parser(), d -> d.getTask().equals("greeter")
          && d.getFrame().getSequence() == 9);
      // Whether random weights report an approaching person depends on the prompt text, so the alert the
      // question is about is published where perception's AlertEngine publishes (the component's event-bus
      // address for the alerts topic), as the engine would make it from that greeter frame; it must come out
      // on Zenoh like any alert, and reach the turn's context through the ContextVerticle.
      Alert raised = approachingAlert(greeter);
      c.vertx().runOnContext(v -> c.vertx().eventBus().publish(Topics.ALERTS.address(), raised));
      Alert alert = next(alerts, Alert.parser(), a -> a.getAlertId().equals(raised.getAlertId()));
      assertEquals(raised, alert, "the alert crossed the wire unchanged");
      long runsBefore = c.status().getCountersMap().get("vision_encoder_runs");
      say(voice, replies, VoiceUtterance.newBuilder().setSessionId("family").setUtteranceId("u1")
          .setText("why did you warn me? what is outside?").addAttachCameras("exterior").build());
      assertEquals(2, runsBefore, "one encoder run per frame so far (frames 8 and 9)");
      assertEquals(runsBefore, c.status().getCountersMap().get("vision_encoder_runs"),
          "attaching the exterior camera reused perception's features of frame 9");

      SessionTranscript t = transcript(port, "family");
      CabinFacts.Alert fact = ProtoFacts.alert(alert, null, ZoneOffset.UTC);
      String since = "alert: person_approaching info since " + String.format("%02d:%02d", fact.raised().getHour(),
          fact.raised().getMinute());
      String about = ": " + ContextFormat.quote(fact.message()) + "; evidence: "
          + String.join("; ", fact.evidence().stream().map(ContextFormat::evidence).toList());
      assertTrue(t.getPrompt().contains(since) && t.getPrompt().contains(about), "the alert's kind, severity and"
          + " evidence are in the prompt:\n" + t.getPrompt());
      assertTrue(t.getPrompt().contains("seat: driver"), t.getPrompt());
      assertEquals("camera exterior #9", t.getEntries(1).getImages(0).getSource());
      assertTrue(t.getPrompt().contains("<|image_start|>"), t.getPrompt());
    }

    ParkingMemory memory = new ParkingMemoryFile(snapshots).load().orElseThrow();
    assertEquals(ProtoFacts.place(carFinder), memory.place());
    assertEquals(ProtoFacts.landmarks(carFinder), memory.landmarks());
    int second = Loopback.freePort();
    try (Component restarted = Component.start(config(second, snapshots));
        PythonPeer voice = peer(second, "pub", "vehicle/V1/cabin/voice/driver", "--wait-matching");
        PythonPeer replies = peer(second, "sub", "vehicle/V1/cockpit/replies/*")) {
      say(voice, replies, VoiceUtterance.newBuilder().setSessionId("owner").setUtteranceId("u2")
          .setText("Where did I park?").build());
      SessionTranscript t = transcript(second, "owner");
      CabinFacts.Parking p = memory.fact(ZoneOffset.UTC);
      String today = "parking: " + ContextFormat.parking(p, p.parkedAt());
      String otherDay = "parking: " + ContextFormat.parking(p, null);
      assertTrue(t.getPrompt().contains(today) || t.getPrompt().contains(otherDay),
          "the restarted component told the turn where the car was parked (" + today + "):\n" + t.getPrompt());
      assertTrue(t.getContextLinesList().stream().anyMatch(l -> l.startsWith("parking: ")), t.toString());
      int parking = Math.max(t.getPrompt().indexOf(today), t.getPrompt().indexOf(otherDay));
      int question = t.getPrompt().indexOf("<|im_start|>user\nWhere did I park?<|im_end|>\n<|im_start|>assistant\n");
      assertTrue(parking > 0 && question > parking, "the context message comes right before the question");

      try (PythonPeer get = peer(second, "get", "vehicle/V1/cockpit/sessions/nobody/transcript")) {
        get.send("GO");
        JsonObject reply = get.next(o -> "reply".equals(o.getString("event")), WAIT).orElseThrow();
        assertEquals(false, reply.getBoolean("ok"), "an unknown session gets an error reply: " + reply.encode());
        assertTrue(new String(HexFormat.of().parseHex(reply.getString("payload_hex")),
            java.nio.charset.StandardCharsets.UTF_8).contains("no session nobody"), reply.encode());
      }
    }
  }
}
