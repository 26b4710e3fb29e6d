package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.interop.PythonPeer;
import cockpit.bus.testing.Loopback;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.PerceptionRequest;
import com.google.protobuf.ByteString;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Perception end to end over real Zenoh: a peer on the official Python binding sends a frame. */
class PerceptionOverZenohTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void pythonPeerSendsAFrameAndARequestAndReceivesTheDetectionSets(@TempDir Path snapshots) throws Exception {
    int port = Loopback.freePort();
    CockpitConfig cfg = CockpitConfig.load(null, Map.of(), List.of("vin=V1", "zenoh.listen=tcp/127.0.0.1:" + port,
        "http.port=0", "model.dir=" + TestModels.tiny(), "dialogue.snapshot-dir=" + snapshots));
    byte[] rgb = new byte[64 * 48 * 3];
    new Random(5).nextBytes(rgb);
    CameraFrame frame = CameraFrame.newBuilder().setCameraId("cabin").setSequence(7)
        .setEncoding(FrameEncoding.FRAME_ENCODING_RGB8).setWidth(64).setHeight(48).setData(ByteString.copyFrom(rgb))
        .build();
    try (Component c = Component.start(cfg);
        PythonPeer sub = PythonPeer.start(WAIT, "sub", "vehicle/V1/cockpit/detections/*", "--connect",
            Loopback.endpoint(port), "--wait-connected", "1");
        PythonPeer pub = PythonPeer.start(WAIT, "pub", "vehicle/V1/cabin/camera/cabin", "--connect",
            Loopback.endpoint(port), "--wait-connected", "1", "--wait-matching")) {
      pub.send("PUT " + HexFormat.of().formatHex(frame.toByteArray()));
      JsonObject sample = sub.expect("sample", WAIT);
      assertEquals("vehicle/V1/cockpit/detections/cabin", sample.getString("key"));
      DetectionSet set = DetectionSet.parseFrom(HexFormat.of().parseHex(sample.getString("payload_hex")));
      assertEquals(7, set.getFrame().getSequence());
      assertEquals("cabin", set.getFrame().getCameraId());
      assertTrue(List.of("occupancy", "driver_monitoring", "child_presence").contains(set.getTask()), set.getTask());
      assertTrue(set.getLatency().getTotalMs() > 0, set.getLatency().toString());
      assertTrue(c.status().getCountersMap().getOrDefault("perception_inference_runs", 0L) >= 1,
          c.status().getCountersMap().toString());

      // The car finder runs on request: a PerceptionRequest, then the next exterior frame.
      try (PythonPeer req = PythonPeer.start(WAIT, "pub", "vehicle/V1/cockpit/requests/perception", "--connect",
          Loopback.endpoint(port), "--wait-connected", "1", "--wait-matching");
          PythonPeer ext = PythonPeer.start(WAIT, "pub", "vehicle/V1/cabin/camera/exterior", "--connect",
              Loopback.endpoint(port), "--wait-connected", "1", "--wait-matching")) {
        req.send("PUT " + HexFormat.of().formatHex(PerceptionRequest.newBuilder().setRequestId("where-1")
            .setTask("car_finder").build().toByteArray()));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (c.status().getCountersMap().getOrDefault("perception_requests_accepted", 0L) < 1
            && System.nanoTime() < deadline) {
          Thread.sleep(20); // polling for the request to be accepted before sending the frame it waits for
        }
        ext.send("PUT " + HexFormat.of().formatHex(frame.toBuilder().setCameraId("exterior").setSequence(8).build()
            .toByteArray()));
        DetectionSet found = null;
        while (found == null) {
          JsonObject s = sub.expect("sample", WAIT);
          DetectionSet d = DetectionSet.parseFrom(HexFormat.of().parseHex(s.getString("payload_hex")));
          if (d.getTask().equals("car_finder")) {
            found = d;
            assertEquals("vehicle/V1/cockpit/detections/exterior", s.getString("key"));
          }
        }
        assertEquals("where-1", found.getRequestId());
        assertEquals(8, found.getFrame().getSequence());
      }
    }
  }
}
