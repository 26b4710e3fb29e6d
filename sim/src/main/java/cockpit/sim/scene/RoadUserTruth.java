package cockpit.sim.scene;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One road user as drawn. Immutable.
 *
 * @param box the sprite in the image, normalized
 * @param covered fraction of the box under road users drawn after it (0 = fully visible)
 */
public record RoadUserTruth(RoadUserScene user, Label.Box box, double covered) {
  public RoadUserTruth {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(box, "box");
    if (!(covered >= 0 && covered <= 1)) {
      throw new IllegalArgumentException("covered " + covered + " is outside 0..1");
    }
  }

  JsonObject toJson() {
    return new JsonObject().put("kind", user.kind().label()).put("side", user.side().label())
        .put("position", user.end().label()).put("approaching", user.approaching())
        .put("distance_m", user.distanceM()).put("facing", user.facing().label()).put("zone", user.zone())
        .put("covered", covered).put("box", GroundTruth.json(box));
  }
}
