package cockpit.sim.mcap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.Topics;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.VehicleState;
import cockpit.proto.v1.VoiceUtterance;
import cockpit.sim.scene.FrameEncoder;
import cockpit.sim.scene.SceneRenderer;
import cockpit.sim.scene.ExteriorScene;
import com.google.protobuf.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MCAP written here, read back by this reader and by the official Python reader. */
class McapRoundTripTest {
  private static final long T0 = 1_700_000_000_000_000_000L;

  static List<Message> sampleMessages() {
    List<Message> out = new ArrayList<>();
    SceneRenderer r = new SceneRenderer();
    for (int i = 0; i < 6; i++) {
      out.add(FrameEncoder.frame(r.render(new ExteriorScene(ExteriorScene.RoadUser.CYCLIST, ExteriorScene.Side.LEFT,
          30 - 4 * i, true), i, 160, 120).image(), FrameEncoding.FRAME_ENCODING_JPEG, "exterior-left", i,
          Instant.ofEpochSecond(1_700_000_000L, i)));
      out.add(VoiceUtterance.newBuilder().setSessionId("s").setUtteranceId("u" + i).setText("turn " + i).build());
      out.add(VehicleState.newBuilder().setSpeedKmh(10 * i).setIsLocked(i % 2 == 0).build());
    }
    out.add(Alert.newBuilder().setAlertId("a1").setKind(AlertKind.ALERT_KIND_DOOR_OPEN_HAZARD).build());
    return out;
  }

  private static void write(Path file, List<Message> msgs, McapWriter.Options opts) throws Exception {
    try (OutputStream os = Files.newOutputStream(file); McapWriter w = new McapWriter(os, opts)) {
      java.util.Map<String, Integer> channels = new java.util.HashMap<>();
      for (int i = 0; i < msgs.size(); i++) {
        Message m = msgs.get(i);
        String name = m.getDescriptorForType().getFullName();
        int ch = channels.computeIfAbsent(name, n -> w.registerChannel(w.registerSchema(n, "protobuf",
            ProtoSchemas.fileDescriptorSet(m.getDescriptorForType())), "vehicle/V1/" + n, "protobuf", Map.of()));
        w.write(ch, i, T0 + i * 1_000_000L, T0 + i * 1_000_000L, m.toByteArray());
      }
    }
  }

  @Test
  void chunkedZstdFileReadsBackInJavaAndInTheOfficialPythonReader(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.mcap");
    List<Message> msgs = sampleMessages();
    write(file, msgs, new McapWriter.Options("", "zstd", 16 * 1024));
    McapFile f = McapReader.read(file);
    assertEquals(msgs.size(), f.messages().size());
    assertTrue(f.chunkCount() > 1, "small chunks: " + f.chunkCount());
    for (int i = 0; i < msgs.size(); i++) {
      assertArrayEquals(msgs.get(i).toByteArray(), f.messages().get(i).data());
    }
    JsonObject py = PythonMcap.check(file);
    JsonObject s = py.getJsonObject("summary");
    assertEquals(msgs.size(), s.getInteger("message_count"));
    assertEquals(4, s.getInteger("schema_count"));
    assertEquals(f.chunkCount(), s.getInteger("chunk_count"));
    assertEquals(f.chunkCount(), s.getInteger("chunk_indexes"));
    assertEquals(new JsonArray().add("zstd"), s.getJsonArray("compression"));
    assertEquals(new JsonArray().add("protobuf"), s.getJsonArray("schema_encodings"));
    assertEquals(T0, s.getLong("message_start_time"));
    JsonArray decoded = py.getJsonArray("messages");
    assertEquals(msgs.size(), decoded.size());
    assertEquals(msgs.size(), py.getInteger("stream_messages"));
    JsonObject records = py.getJsonObject("stream_records");
    assertTrue(records.getInteger("MessageIndex") >= f.chunkCount(), records.encode());
    assertEquals(f.chunkCount(), records.getInteger("ChunkIndex"), records.encode());
    assertEquals(1, records.getInteger("DataEnd"), records.encode());
    assertEquals(1, records.getInteger("Statistics"), records.encode());
    JsonObject frame = decoded.getJsonObject(0);
    assertEquals("cockpit.v1.CameraFrame", frame.getString("schema"));
    assertEquals("exterior-left", frame.getJsonObject("message").getString("camera_id"));
    assertEquals("FRAME_ENCODING_JPEG", frame.getJsonObject("message").getString("encoding"));
    assertEquals("turn 5", decoded.getJsonObject(16).getJsonObject("message").getString("text"));
    assertEquals("ALERT_KIND_DOOR_OPEN_HAZARD", decoded.getJsonObject(18).getJsonObject("message").getString("kind"));
  }

  @Test
  void uncompressedFileReadsBackToo(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("plain.mcap");
    write(file, sampleMessages(), new McapWriter.Options("cockpit", "", 1 << 20));
    assertEquals(19, McapReader.read(file).messages().size());
    JsonObject py = PythonMcap.check(file);
    assertEquals(19, py.getJsonArray("messages").size());
    assertEquals(new JsonArray().add(""), py.getJsonObject("summary").getJsonArray("compression"));
    assertEquals("cockpit", py.getJsonObject("summary").getString("profile"));
  }

  @Test
  void anEmptyRecordingIsStillAValidFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("empty.mcap");
    write(file, List.of(), McapWriter.Options.DEFAULT);
    assertEquals(0, McapReader.read(file).messages().size());
    assertEquals(0, PythonMcap.check(file).getJsonObject("summary").getInteger("message_count"));
  }

  @Test
  void corruptedChunkOrTruncatedFileIsRejectedWithTheOffset(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.mcap");
    write(file, sampleMessages(), new McapWriter.Options("", "", 1 << 20));
    byte[] bytes = Files.readAllBytes(file);
    byte[] bad = bytes.clone();
    bad[bytes.length / 3] ^= 0x5A;
    var e = assertThrows(java.io.IOException.class, () -> McapReader.read(bad, "bad.mcap"));
    assertTrue(e.getMessage().contains("CRC") && e.getMessage().contains("byte"), e.getMessage());
    var t = assertThrows(java.io.IOException.class,
        () -> McapReader.read(java.util.Arrays.copyOf(bytes, bytes.length - 10), "cut.mcap"));
    assertTrue(t.getMessage().contains("magic"), t.getMessage());
    assertTrue(Topics.CAMERA.match("vehicle/V1/cabin/camera/x").isPresent());
  }

  @Test
  void filesFromTheOfficialPythonWriterReadHere(@TempDir Path dir) throws Exception {
    for (String compression : List.of("zstd", "none")) {
      Path file = dir.resolve("py-" + compression + ".mcap");
      PythonMcap.write(file, 50, compression);
      McapFile f = McapReader.read(file);
      assertEquals(100, f.messages().size(), compression);
      assertEquals(100, f.statisticsMessageCount());
      assertTrue(f.chunkCount() > 5, "512-byte chunks: " + f.chunkCount());
      assertTrue(f.library().contains("mcap"), "written by the Python library: " + f.library());
      Map<String, McapFile.Channel> byTopic = new java.util.HashMap<>();
      f.channels().values().forEach(c -> byTopic.put(c.topic(), c));
      assertEquals("google.protobuf.Timestamp", f.schemas().get(byTopic.get("/clock").schemaId()).name());
      assertEquals("protobuf", f.schemas().get(byTopic.get("/clock").schemaId()).encoding());
      var clock = f.messages().stream().filter(m -> m.channelId() == byTopic.get("/clock").id()).toList();
      com.google.protobuf.Timestamp t = com.google.protobuf.Timestamp.parseFrom(clock.get(42).data());
      assertEquals(42, t.getSeconds());
      assertEquals(294, t.getNanos());
      assertEquals(42_000_000L, clock.get(42).logTime());
      assertEquals(42, clock.get(42).sequence());
    }
  }
}
