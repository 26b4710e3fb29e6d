package cockpit.sim.mcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.Topics;
import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Publisher;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.ZBytes;
import cockpit.bus.zenoh.Zenoh;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.VoiceUtterance;
import cockpit.sim.replay.TimedInput;
import com.google.protobuf.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live traffic from a second Zenoh peer recorded to MCAP, read by the Python reader, turned into inputs. */
class McapRecorderTest {
  @Test
  void recordsEveryKnownTopicOfTheVehicleAndPlaysBackItsInputs(@TempDir Path dir) throws Exception {
    int port = Loopback.freePort();
    Path file = dir.resolve("live.mcap");
    List<Message> msgs = McapRoundTripTest.sampleMessages();
    try (Session recorderSide = Zenoh.open(Loopback.listening(port));
        Session publisherSide = Zenoh.open(Loopback.connecting(port))) {
      McapRecorder rec;
      try (OutputStream os = Files.newOutputStream(file); McapWriter w = new McapWriter(os, McapWriter.Options.DEFAULT)) {
        rec = new McapRecorder(recorderSide, "V1", w);
        try (Publisher stray = publisherSide.declarePublisher(KeyExpr.tryFrom("vehicle/V1/not/a/topic"),
            Topics.ALERTS.publisherOptions()); Publisher other = publisherSide.declarePublisher(
                KeyExpr.tryFrom("vehicle/V2/state"), Topics.VEHICLE_STATE.publisherOptions())) {
          // Routes settle asynchronously after connecting: resend a probe until the recorder sees one.
          assertTrue(Loopback.eventually(Duration.ofSeconds(20), () -> {
            stray.put(ZBytes.of(new byte[] {1}));
            return rec.unknownKeys() > 0;
          }), "recorder sees the publisher's traffic");
          for (Message m : msgs) {
            var topic = Topics.ALL.stream().filter(t -> t.type().isInstance(m)).findFirst().orElseThrow();
            Map<String, String> params = switch (m) {
              case CameraFrame f -> Map.of("camera", f.getCameraId());
              case VoiceUtterance u -> Map.of("seat", "driver");
              default -> Map.of();
            };
            publisherSide.put(topic.key("V1", params), ZBytes.of(m.toByteArray()), null);
            other.put(ZBytes.of(m.toByteArray())); // another vehicle: not recorded
          }
          assertTrue(Loopback.eventually(Duration.ofSeconds(20), () -> rec.recorded() == msgs.size()),
              "recorded " + rec.recorded() + " of " + msgs.size());
        } finally {
          rec.close();
        }
      }
      assertTrue(rec.failure().isEmpty(), rec.failure().toString());
    }
    JsonObject py = PythonMcap.check(file);
    JsonArray got = py.getJsonArray("messages");
    assertEquals(msgs.size() + 6, got.size(), "every bus message plus a Foxglove image per JPEG frame");
    assertEquals("vehicle/V1/cabin/camera/exterior-left", got.getJsonObject(0).getString("topic"));
    assertEquals(List.of("cockpit.v1.Alert", "cockpit.v1.CameraFrame", "cockpit.v1.VehicleState",
        "cockpit.v1.VoiceUtterance", "foxglove.CompressedImage"),
        py.getJsonObject("summary").getJsonArray("schemas").getList());
    JsonObject image = got.getJsonObject(1);
    assertEquals("vehicle/V1/cabin/camera/exterior-left/foxglove_image", image.getString("topic"));
    assertEquals("foxglove.CompressedImage", image.getString("schema"));
    assertEquals("jpeg", image.getJsonObject("message").getString("format"));
    assertEquals("exterior-left", image.getJsonObject("message").getString("frame_id"));
    assertEquals(java.util.Base64.getEncoder().encodeToString(((CameraFrame) msgs.getFirst()).getData().toByteArray()),
        image.getJsonObject("message").getString("data"), "the JPEG bytes, unchanged");
    long publish = got.getJsonObject(0).getLong("publish_time");
    long log = got.getJsonObject(0).getLong("log_time");
    assertTrue(Math.abs(publish - log) < Duration.ofSeconds(5).toNanos(), "times are both wall clock ns");
    List<TimedInput> inputs = McapPlayback.inputs(McapReader.read(file), "V9");
    assertEquals(18, inputs.size(), "the alert is an output and is not played back");
    assertEquals("vehicle/V9/cabin/camera/exterior-left", inputs.getFirst().key().toString());
    assertEquals("frame/exterior-left/0", inputs.getFirst().correlation());
    assertEquals("say/s/u0", inputs.get(1).correlation());
    assertTrue(inputs.getLast().at().compareTo(inputs.getFirst().at()) >= 0);
  }
}
