package cockpit.sim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.Topics;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.PerceptionRequest;
import cockpit.proto.v1.VehicleState;
import cockpit.proto.v1.VoiceUtterance;
import cockpit.sim.scenario.Scenario;
import cockpit.sim.scenario.ScenarioException;
import cockpit.sim.scenario.ScenarioParser;
import java.awt.image.BufferedImage;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioInputsTest {
  private static final Instant EPOCH = Instant.parse("2026-11-22T08:00:00Z");

  @Test
  void timelineBecomesKeyedPayloadsWithPerCameraSequencesAndCorrelations() throws Exception {
    Scenario s = ScenarioParser.parse(Path.of(System.getProperty("cockpit.home", "..")).resolve(
        "sim/scenarios/car-finder.yaml"));
    List<TimedInput> in = ScenarioInputs.prepare(s, "V5", EPOCH);
    assertEquals(s.timeline().size(), in.size());
    TimedInput ext = in.get(1);
    assertEquals("vehicle/V5/cabin/camera/exterior", ext.key().toString());
    CameraFrame f = CameraFrame.parseFrom(ext.payload());
    assertEquals(FrameEncoding.FRAME_ENCODING_PNG, f.getEncoding());
    assertEquals(0, f.getSequence());
    assertEquals(EPOCH.getEpochSecond(), f.getCaptureTime().getSeconds());
    CameraFrame nv = CameraFrame.parseFrom(in.get(3).payload());
    assertEquals(FrameEncoding.FRAME_ENCODING_NV12, nv.getEncoding());
    assertEquals(320 * 240 * 3 / 2, nv.getData().size());
    assertEquals("frame/cabin/0", in.get(3).correlation());
    PerceptionRequest req = PerceptionRequest.parseFrom(in.get(4).payload());
    assertEquals("find-request", req.getRequestId());
    assertEquals("car_finder", req.getTask());
    assertEquals(List.of("exterior"), req.getCameraIdsList());
    assertEquals("vehicle/V5/cockpit/requests/perception", in.get(4).key().toString());
    assertEquals(1, CameraFrame.parseFrom(in.get(5).payload()).getSequence(), "second exterior frame");
    VoiceUtterance u = VoiceUtterance.parseFrom(in.get(6).payload());
    assertEquals("where", u.getUtteranceId());
    assertEquals("say/finder/where", in.get(6).correlation());
    assertEquals(Topics.VOICE, in.get(6).topic());
    VehicleState parked = VehicleState.parseFrom(in.get(2).payload());
    assertEquals(0f, parked.getSpeedKmh());
    assertTrue(parked.hasTime());
  }

  @Test
  void imageFilesAreReadRelativeToTheScenarioAndMissingOnesNamed(@TempDir Path dir) throws Exception {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    img.setRGB(3, 4, 0x123456);
    ImageIO.write(img, "png", dir.resolve("cabin.png").toFile());
    String yaml = "name: files\ntimeline:\n  - {at: 0s, id: f, frame: {camera: cabin, encoding: rgb8, image: cabin.png}}\n";
    Scenario s = ScenarioParser.parse(new StringReader(yaml), "files.yaml", dir);
    CameraFrame f = CameraFrame.parseFrom(ScenarioInputs.prepare(s, "V1", EPOCH).getFirst().payload());
    assertEquals(64, f.getWidth());
    assertEquals(0x12, f.getData().byteAt((4 * 64 + 3) * 3) & 0xFF);
    Scenario missing = ScenarioParser.parse(new StringReader(yaml.replace("cabin.png", "nope.png")), "files.yaml", dir);
    var e = assertThrows(ScenarioException.class, () -> ScenarioInputs.prepare(missing, "V1", EPOCH));
    assertTrue(e.getMessage().contains("nope.png") && e.getMessage().contains("event f"), e.getMessage());
  }
}
