package cockpit.sim.scene;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One road user as drawn.
 *
 * @param box the sprite in the image, normalized
 */
public record RoadUserTruth(RoadUserScene user, Label.Box box) {
  public RoadUserTruth {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(box, "box");
  }

  JsonObject toJson() {
    return new JsonObject().put("kind", user.kind().label()).put("side", user.side().label())
        .put("position", user.end().label()).put("approaching", user.approaching())
        .put("distance_m", user.distanceM()).put("facing", user.facing().label()).put("zone", user.zone())
        .put("box", GroundTruth.json(box));
  }
}
