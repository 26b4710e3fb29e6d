package cockpit.sim.replay;

import cockpit.bus.Topics;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.PerceptionRequest;
import cockpit.proto.v1.VoiceUtterance;
import cockpit.sim.scenario.Action;
import cockpit.sim.scenario.Event;
import cockpit.sim.scenario.Scenario;
import cockpit.sim.scenario.ScenarioException;
import cockpit.sim.scene.FrameEncoder;
import cockpit.sim.scene.SceneRenderer;
import com.google.protobuf.Timestamp;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Turns a scenario's timeline into encoded inputs, rendering every frame up front so publishing keeps
 * its timing. Frame sequences count from 0 per camera; capture times are {@code epoch + at}.
 */
public final class ScenarioInputs {
  private ScenarioInputs() {}

  public static List<TimedInput> prepare(Scenario s, String vin, Instant epoch) throws ScenarioException {
    SceneRenderer renderer = new SceneRenderer();
    Map<String, Long> sequences = new HashMap<>();
    List<TimedInput> out = new ArrayList<>();
    for (Event e : s.timeline()) {
      Instant when = epoch.plus(e.at());
      Timestamp ts = Timestamp.newBuilder().setSeconds(when.getEpochSecond()).setNanos(when.getNano()).build();
      out.add(switch (e.action()) {
        case Action.Frame f -> {
          BufferedImage img = switch (f.source()) {
            case Action.Rendered r -> renderer.render(r.scene(), r.seed(), r.width(), r.height()).image();
            case Action.ImageFile file -> read(file, e);
          };
          long seq = sequences.merge(f.camera(), 1L, Long::sum) - 1;
          CameraFrame frame = FrameEncoder.frame(img, f.encoding(), f.camera(), seq, when);
          yield new TimedInput(e.at(), e.id(), e.group(), Topics.CAMERA, Topics.CAMERA.key(vin,
              Map.of("camera", f.camera())), frame.toByteArray(), TimedInput.frame(f.camera(), seq));
        }
        case Action.Say say -> new TimedInput(e.at(), e.id(), e.group(), Topics.VOICE,
            Topics.VOICE.key(vin, Map.of("seat", say.seat())), VoiceUtterance.newBuilder().setSessionId(say.session())
                .setUtteranceId(e.id()).setText(say.text()).setTime(ts).build().toByteArray(),
            TimedInput.say(say.session(), e.id()));
        case Action.Vehicle v -> new TimedInput(e.at(), e.id(), e.group(), Topics.VEHICLE_STATE,
            Topics.VEHICLE_STATE.key(vin, Map.of()), v.state().toBuilder().setTime(ts).build().toByteArray(), "");
        case Action.Perceive r -> new TimedInput(e.at(), e.id(), e.group(), Topics.PERCEPTION_REQUEST,
            Topics.PERCEPTION_REQUEST.key(vin, Map.of()), PerceptionRequest.newBuilder().setRequestId(e.id())
                .setTask(r.task()).addAllCameraIds(r.cameras()).build().toByteArray(), "");
        case Action.Control c -> new TimedInput(e.at(), e.id(), e.group(), Topics.SESSION_CONTROL,
            Topics.SESSION_CONTROL.key(vin, Map.of("session", c.control().getSessionId())),
            c.control().toBuilder().setTime(ts).build().toByteArray(), "");
      });
    }
    return out;
  }

  private static BufferedImage read(Action.ImageFile file, Event e) throws ScenarioException {
    try {
      BufferedImage img = ImageIO.read(file.path().toFile());
      if (img == null) {
        throw new ScenarioException(file.path() + ": not a PNG or JPEG image (event " + e.id() + ")");
      }
      return img;
    } catch (IOException x) {
      throw new ScenarioException(file.path() + ": cannot read image for event " + e.id() + ": " + x.getMessage(), x);
    }
  }
}
