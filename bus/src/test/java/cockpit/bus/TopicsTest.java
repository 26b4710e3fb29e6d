package cockpit.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FrameRef;
import cockpit.proto.v1.Reply;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void keysAreBuiltFromTemplateAndMessage() {
    assertEquals("vehicle/V1/cabin/camera/front", Topics.CAMERA.key("V1", Map.of("camera", "front")).toString());
    DetectionSet d = DetectionSet.newBuilder().setFrame(FrameRef.newBuilder().setCameraId("rear")).build();
    assertEquals("vehicle/V1/cockpit/detections/rear", Topics.DETECTIONS.keyFor("V1", d).toString());
    assertEquals("vehicle/V1/cockpit/replies/s-7",
        Topics.REPLIES.keyFor("V1", Reply.newBuilder().setSessionId("s-7").build()).toString());
    assertEquals("vehicle/V1/cockpit/alerts", Topics.ALERTS.keyFor("V1", cockpit.proto.v1.Alert.getDefaultInstance())
        .toString());
  }

  @Test
  void subscriptionsWildcardEveryParameterButVin() {
    assertEquals("vehicle/V1/cabin/camera/*", Topics.CAMERA.subscription("V1").toString());
    assertEquals("vehicle/V1/cockpit/sessions/*/control", Topics.SESSION_CONTROL.subscription("V1").toString());
    assertEquals("vehicle/V1/state", Topics.VEHICLE_STATE.subscription("V1").toString());
  }

  @Test
  void matchExtractsParametersOrRejects() {
    assertEquals(Optional.of(Map.of("vin", "V1", "camera", "front")),
        Topics.CAMERA.match("vehicle/V1/cabin/camera/front"));
    assertEquals(Optional.empty(), Topics.CAMERA.match("vehicle/V1/cabin/camera/front/extra"));
    assertEquals(Optional.empty(), Topics.CAMERA.match("vehicle/V1/state"));
  }

  @Test
  void parametersThatAreNotOneChunkAreRejectedClearly() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Topics.DETECTIONS.key("V1", Map.of("camera", "a/../b")));
    assertTrue(e.getMessage().contains("{camera}") && e.getMessage().contains("U+002F"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Topics.DETECTIONS.key("V1", Map.of("camera", "")));
    assertThrows(IllegalArgumentException.class, () -> Topics.CAMERA.subscription("V*"));
  }

  @Test
  void tableHasUniqueKeysAndAddressesAndProtobufEncodings() {
    Set<String> keys = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (Topic<?> t : Topics.ALL) {
      assertTrue(keys.add(t.keyTemplate()), t.keyTemplate());
      assertTrue(addresses.add(t.address()), t.address());
      assertTrue(t.encoding().value().startsWith("application/protobuf;cockpit.v1."), t.encoding().value());
    }
    assertEquals("application/protobuf;cockpit.v1.CameraFrame", Topics.CAMERA.encoding().value());
  }

  @Test
  void codecRoundTripsAndRejectsGarbageWithAClearMessage() throws Exception {
    CameraFrame f = CameraFrame.newBuilder().setCameraId("front").setSequence(9).build();
    assertEquals(f, ProtoCodec.decode(Topics.CAMERA, ProtoCodec.encode(f)));
    ProtoCodec.MalformedPayloadException e = assertThrows(ProtoCodec.MalformedPayloadException.class,
        () -> ProtoCodec.decode(Topics.CAMERA, "not a protobuf".getBytes()));
    assertTrue(e.getMessage().contains("cockpit.v1.CameraFrame"), e.getMessage());
  }
}
