package cockpit.sim.scene;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The driver's face as drawn (row 1, driver side, an adult). Immutable.
 *
 * @param face the head in the image, normalized: gaze, eyes and mouth all change pixels inside it
 */
public record DriverTruth(DriverState state, Label.Box face) {
  public DriverTruth {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(face, "face");
  }

  public boolean eyesOnRoad() {
    return state.eyesOnRoad();
  }

  public boolean drowsy() {
    return state.drowsy();
  }

  JsonObject toJson() {
    return new JsonObject().put("gaze", state.head().gaze()).put("eyes", Names.of(state.eyes()))
        .put("yawning", state.yawning()).put("eyes_on_road", eyesOnRoad()).put("drowsy", drowsy())
        .put("face", GroundTruth.json(face));
  }
}
