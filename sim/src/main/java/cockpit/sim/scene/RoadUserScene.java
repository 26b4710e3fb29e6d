package cockpit.sim.scene;

import java.util.Objects;

/**
 * One person, cyclist or vehicle near the car. Immutable.
 *
 * <p>Approaching is visible in a single frame: an approaching road user faces the car ({@code FRONT}:
 * a person's face and the light shirt of an open jacket, a cyclist's face and white headlight, a
 * vehicle's windscreen and headlights) in a walking or riding pose; one that is not approaching shows
 * its {@code BACK} (hair, plain jacket, red rear light, tail lights and number plate) or its
 * {@code PROFILE} (passing by: scissor legs, two round wheels, a long body).
 *
 * @param distanceM metres from the car, {@link ExteriorScene#MIN_DISTANCE_M}..{@link
 *     ExteriorScene#MAX_DISTANCE_M}; nearer is larger and closer to the car in the frame
 * @param facing {@code FRONT} exactly when approaching
 */
public record RoadUserScene(ExteriorScene.RoadUser kind, ExteriorScene.Side side, ExteriorScene.End end,
    double distanceM, boolean approaching, Facing facing) {
  /** Which side of the road user the camera sees. */
  public enum Facing {
    /** Face, headlights: it comes towards the car. */
    FRONT,
    /** Back, rear light, tail lights: it moves away. */
    BACK,
    /** Side view: it passes by. */
    PROFILE;

    public String label() {
      return Names.of(this);
    }

    public static Facing parse(String s) {
      return Names.parse(Facing.class, s);
    }
  }

  public RoadUserScene {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(facing, "facing");
    if (kind == ExteriorScene.RoadUser.NONE) {
      throw new IllegalArgumentException("a road user needs a kind: person, cyclist or vehicle");
    }
    if (!(distanceM >= ExteriorScene.MIN_DISTANCE_M && distanceM <= ExteriorScene.MAX_DISTANCE_M)) {
      throw new IllegalArgumentException("distance " + distanceM + " m is outside " + ExteriorScene.MIN_DISTANCE_M
          + ".." + ExteriorScene.MAX_DISTANCE_M);
    }
    if (approaching != (facing == Facing.FRONT)) {
      throw new IllegalArgumentException("a road user faces the car (front) exactly when it approaches; got approaching="
          + approaching + " with facing " + facing.label());
    }
  }

  /** Facing follows {@code approaching}: front when approaching, else its back. */
  public RoadUserScene(ExteriorScene.RoadUser kind, ExteriorScene.Side side, ExteriorScene.End end, double distanceM,
      boolean approaching) {
    this(kind, side, end, distanceM, approaching, approaching ? Facing.FRONT : Facing.BACK);
  }

  /** The detection zone, e.g. {@code exterior/left-rear}. */
  public String zone() {
    return "exterior/" + side.label() + "-" + end.label();
  }
}
