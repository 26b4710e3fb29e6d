package cockpit.bus.bridge;

import static cockpit.bus.testing.Loopback.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.Topics;
import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.CongestionControl;
import cockpit.bus.zenoh.GetOptions;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Publisher;
import cockpit.bus.zenoh.PublisherOptions;
import cockpit.bus.zenoh.Reply;
import cockpit.bus.zenoh.Sample;
import cockpit.bus.zenoh.SampleKind;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.ZBytes;
import cockpit.bus.zenoh.Zenoh;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.ComponentState;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import cockpit.proto.v1.FrameRef;
import cockpit.proto.v1.TopicCounters;
import cockpit.proto.v1.VoiceUtterance;
import com.google.protobuf.ByteString;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bridge against a Java Zenoh peer on loopback. */
@ExtendWith(VertxExtension.class)
class BusBridgeVerticleTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String VIN = "V1";
  private Session peer;
  private BusBridgeVerticle bridge;
  private String deployment;
  private int port;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    port = Loopback.freePort();
    peer = Zenoh.open(Loopback.listening(port));
    bridge = new BusBridgeVerticle(BridgeOptions.of(VIN, Loopback.connecting(port)).withMaxPayloadBytes(64 * 1024));
    deployment = await(vertx.deployVerticle(bridge));
  }

  @AfterEach
  void stop(Vertx vertx) throws Exception {
    if (deployment != null) {
      await(vertx.undeploy(deployment));
    }
    peer.close();
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private List<ErrorReport> errorReports() {
    List<ErrorReport> errors = new CopyOnWriteArrayList<>();
    peer.declareSubscriber(KeyExpr.tryFrom("vehicle/V1/cockpit/errors"), s -> {
      try {
        errors.add(ErrorReport.parseFrom(s.payload().toBytes()));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    return errors;
  }

  private static void putUntil(Publisher pub, byte[] payload, List<?> seen) {
    assertTrue(eventually(WAIT, () -> {
      pub.put(ZBytes.of(payload));
      return eventually(Duration.ofMillis(200), () -> !seen.isEmpty());
    }), "nothing arrived");
  }

  private TopicCounters counters(String topicName) {
    return bridge.status().getTopicsList().stream()
        .filter(t -> t.getKeyExpr().equals(Topics.ALL.stream().filter(x -> x.name().equals(topicName)).findFirst()
            .orElseThrow().keyTemplate()))
        .findFirst().orElseThrow();
  }

  @Test
  void inboundVoiceReachesTheEventBusWithKeyHeaders(Vertx vertx) {
    List<Message<VoiceUtterance>> got = new CopyOnWriteArrayList<>();
    vertx.eventBus().<VoiceUtterance>consumer(Topics.VOICE.address(), got::add);
    VoiceUtterance u = VoiceUtterance.newBuilder().setSessionId("s1").setUtteranceId("u1").setText("héllo")
        .build();
    Publisher pub = peer.declarePublisher(KeyExpr.tryFrom("vehicle/V1/cabin/voice/driver"), PublisherOptions.DEFAULT);
    putUntil(pub, u.toByteArray(), got);
    assertEquals(u, got.get(0).body());
    assertEquals("vehicle/V1/cabin/voice/driver", got.get(0).headers().get(BusBridgeVerticle.HEADER_KEY));
    assertEquals("driver", got.get(0).headers().get("seat"));
    assertEquals(VIN, got.get(0).headers().get("vin"));
  }

  @Test
  void cameraFramesAreKeepLatestWhileTheConsumerIsBusy(Vertx vertx) {
    List<Message<CameraFrame>> got = new CopyOnWriteArrayList<>();
    vertx.eventBus().<CameraFrame>consumer(Topics.CAMERA.address(), got::add); // acknowledges only when told
    Publisher pub = peer.declarePublisher(KeyExpr.tryFrom("vehicle/V1/cabin/camera/front"),
        PublisherOptions.DEFAULT.withCongestionControl(CongestionControl.BLOCK));
    long[] seq = {0};
    assertTrue(eventually(WAIT, () -> {
      pub.put(ZBytes.of(CameraFrame.newBuilder().setCameraId("front").setSequence(seq[0]++).build().toByteArray()));
      return eventually(Duration.ofMillis(200), () -> !got.isEmpty());
    }));
    long receivedBefore = counters("camera").getReceived();
    for (int i = 1000; i < 1050; i++) {
      pub.put(ZBytes.of(CameraFrame.newBuilder().setCameraId("front").setSequence(i).build().toByteArray()));
    }
    assertTrue(eventually(WAIT, () -> counters("camera").getReceived() >= receivedBefore + 50),
        "all 50 frames reached the bridge");
    int firstBatch = got.size();
    got.get(firstBatch - 1).reply("done");
    assertTrue(eventually(WAIT, () -> got.size() == firstBatch + 1));
    assertEquals(1049, got.get(firstBatch).body().getSequence(), "the newest frame is delivered next");
    got.get(firstBatch).reply("done");
    assertTrue(counters("camera").getDropped() >= 49, "stale frames are counted: " + counters("camera"));
    assertEquals("front", got.get(firstBatch).headers().get("camera"));
  }

  @Test
  void malformedPayloadIsReportedAndTheBridgeKeepsWorking(Vertx vertx) {
    List<ErrorReport> errors = errorReports();
    Publisher pub = peer.declarePublisher(KeyExpr.tryFrom("vehicle/V1/cabin/voice/rear-left"),
        PublisherOptions.DEFAULT);
    putUntil(pub, "definitely not protobuf".getBytes(), errors);
    ErrorReport e = errors.get(0);
    assertEquals(ErrorReason.ERROR_REASON_MALFORMED_PAYLOAD, e.getReason());
    assertEquals("vehicle/V1/cabin/voice/rear-left", e.getOffendingKey());
    assertEquals(Topics.VOICE.keyTemplate(), e.getTopic());
    assertTrue(e.getMessage().contains("cockpit.v1.VoiceUtterance"), e.getMessage());
    assertTrue(counters("voice").getMalformed() >= 1);

    List<Message<VoiceUtterance>> got = new CopyOnWriteArrayList<>();
    vertx.eventBus().<VoiceUtterance>consumer(Topics.VOICE.address(), got::add);
    putUntil(pub, VoiceUtterance.newBuilder().setSessionId("s1").setText("still here").build().toByteArray(), got);
    assertEquals("still here", got.get(0).body().getText());
  }

  @Test
  void utteranceWhoseSessionIdCannotFormAKeyGetsAnErrorReplyAndNeverReachesTheEventBus(Vertx vertx) {
    List<Message<VoiceUtterance>> delivered = new CopyOnWriteArrayList<>();
    vertx.eventBus().<VoiceUtterance>consumer(Topics.VOICE.address(), delivered::add);
    List<ErrorReport> errors = errorReports();
    List<Sample> replies = new CopyOnWriteArrayList<>();
    peer.declareSubscriber(KeyExpr.tryFrom("vehicle/V1/cockpit/replies/**"), replies::add);
    Publisher pub = peer.declarePublisher(KeyExpr.tryFrom("vehicle/V1/cabin/voice/driver"), PublisherOptions.DEFAULT);
    byte[] hostile = VoiceUtterance.newBuilder().setSessionId("s".repeat(40_000)).setUtteranceId("u-1")
        .setText("hi").build().toByteArray();
    putUntil(pub, hostile, replies);
    Sample s = replies.get(0);
    assertEquals("vehicle/V1/cockpit/replies/~refused", s.keyExpr().toString());
    cockpit.proto.v1.Reply r = parseReply(s);
    assertEquals("u-1", r.getUtteranceId());
    assertEquals("", r.getSessionId(), "the unusable id is not echoed");
    assertTrue(r.getIsFinal());
    assertEquals(cockpit.proto.v1.FinishReason.FINISH_REASON_ERROR, r.getFinishReason());
    assertTrue(r.getErrorMessage().contains("40000 characters, at most 64"), r.getErrorMessage());
    assertTrue(eventually(WAIT, () -> !errors.isEmpty()));
    assertEquals(ErrorReason.ERROR_REASON_INVALID_ARGUMENT, errors.get(0).getReason());
    assertTrue(counters("voice").getInvalid() >= 1);

    // A valid utterance sent after it is the first to reach the event bus.
    byte[] valid = VoiceUtterance.newBuilder().setSessionId("s-1").setUtteranceId("u-2").setText("hi").build()
        .toByteArray();
    putUntil(pub, valid, delivered);
    assertEquals("u-2", delivered.get(0).body().getUtteranceId());
  }

  @Test
  void inboundKeyChunkOverTheBoundIsRefusedAndNotDelivered(Vertx vertx) {
    List<ErrorReport> errors = errorReports();
    Publisher pub = peer.declarePublisher(KeyExpr.tryFrom("vehicle/V1/cabin/camera/" + "c".repeat(3000)),
        PublisherOptions.DEFAULT);
    putUntil(pub, CameraFrame.newBuilder().setSequence(1).build().toByteArray(), errors);
    assertEquals(ErrorReason.ERROR_REASON_INVALID_ARGUMENT, errors.get(0).getReason());
    assertTrue(errors.get(0).getMessage().contains("{camera}"), errors.get(0).getMessage());
    assertTrue(errors.get(0).getOffendingKey().length() <= 256, "the offending key is cut");
    assertTrue(counters("camera").getInvalid() >= 1);
  }

  private static cockpit.proto.v1.Reply parseReply(Sample s) {
    try {
      return cockpit.proto.v1.Reply.parseFrom(s.payload().toBytes());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void oversizedPayloadIsRejectedWithAClearError() {
    List<ErrorReport> errors = errorReports();
    byte[] big = CameraFrame.newBuilder().setCameraId("front").setData(ByteString.copyFrom(new byte[100_000]))
        .build().toByteArray();
    Publisher pub = peer.declarePublisher(KeyExpr.tryFrom("vehicle/V1/cabin/camera/front"), PublisherOptions.DEFAULT);
    putUntil(pub, big, errors);
    assertEquals(ErrorReason.ERROR_REASON_OVERSIZED_PAYLOAD, errors.get(0).getReason());
    assertTrue(errors.get(0).getMessage().contains("65536"), errors.get(0).getMessage());
    assertEquals(big.length, errors.get(0).getPayloadSizeBytes());
    assertTrue(counters("camera").getOversized() >= 1);
  }

  @Test
  void outboundMessagesArePutOnTheirConcreteKeysAsProtobuf(Vertx vertx) {
    List<Sample> got = new CopyOnWriteArrayList<>();
    peer.declareSubscriber(KeyExpr.tryFrom("vehicle/V1/cockpit/detections/*"), got::add);
    DetectionSet d = DetectionSet.newBuilder().setTask("occupancy")
        .setFrame(FrameRef.newBuilder().setCameraId("cabin").setSequence(7)).build();
    assertTrue(eventually(WAIT, () -> {
      vertx.eventBus().publish(Topics.DETECTIONS.address(), d);
      return eventually(Duration.ofMillis(200), () -> !got.isEmpty());
    }));
    Sample s = got.get(0);
    assertEquals("vehicle/V1/cockpit/detections/cabin", s.keyExpr().toString());
    assertEquals("application/protobuf;cockpit.v1.DetectionSet", s.encoding().value());
    assertEquals(d, parse(s));
  }

  @Test
  void outboundMessageWithAnInvalidKeyParameterIsReported(Vertx vertx) {
    List<ErrorReport> errors = errorReports();
    DetectionSet bad = DetectionSet.newBuilder().setFrame(FrameRef.newBuilder().setCameraId("../etc")).build();
    assertTrue(eventually(WAIT, () -> {
      vertx.eventBus().publish(Topics.DETECTIONS.address(), bad);
      return eventually(Duration.ofMillis(200), () -> !errors.isEmpty());
    }));
    assertEquals(ErrorReason.ERROR_REASON_INVALID_ARGUMENT, errors.get(0).getReason());
    assertTrue(errors.get(0).getMessage().contains("{camera}"), errors.get(0).getMessage());
  }

  @Test
  void statusQueryableAndLivelinessTokenAnswer(Vertx vertx) throws Exception {
    List<Reply> replies = new CopyOnWriteArrayList<>();
    assertTrue(eventually(WAIT, () -> {
      try {
        replies.addAll(peer.get("vehicle/V1/cockpit/status", GetOptions.DEFAULT).get(10, TimeUnit.SECONDS));
      } catch (Exception e) {
        return false;
      }
      return !replies.isEmpty();
    }));
    ComponentStatus st = ComponentStatus.parseFrom(replies.get(0).ok().orElseThrow().payload().toBytes());
    assertEquals(ComponentState.COMPONENT_STATE_READY, st.getState());
    assertEquals(Topics.ALL.size(), st.getTopicsCount());
    assertTrue(!st.getZenohId().isEmpty());

    List<Sample> alive = new CopyOnWriteArrayList<>();
    peer.liveliness().declareSubscriber(KeyExpr.tryFrom("vehicle/V1/cockpit/alive"), alive::add, true);
    assertTrue(eventually(WAIT, () -> alive.stream().anyMatch(s -> s.kind() == SampleKind.PUT)));
    await(vertx.undeploy(deployment));
    deployment = null;
    assertTrue(eventually(WAIT, () -> alive.stream().anyMatch(s -> s.kind() == SampleKind.DELETE)),
        "the token disappears when the bridge stops");
  }

  private static DetectionSet parse(Sample s) {
    try {
      return DetectionSet.parseFrom(s.payload().toBytes());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
