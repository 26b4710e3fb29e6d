package cockpit.sim.scene;

import java.util.Objects;

/**
 * The road beside the car from a side camera: optionally one road user at {@code distanceM} metres on
 * {@code side} (left or right, as seen facing forward), approaching or not.
 */
public record ExteriorScene(RoadUser roadUser, Side side, double distanceM, boolean approaching) implements Scene {
  /** Who is on the road. */
  public enum RoadUser {
    NONE, PERSON, CYCLIST;

    public static RoadUser parse(String s) {
      return DriverState.Enums.parse(RoadUser.class, s);
    }
  }

  /** Physical side of the car. */
  public enum Side {
    LEFT, RIGHT;

    public static Side parse(String s) {
      return DriverState.Enums.parse(Side.class, s);
    }
  }

  public static final double MAX_DISTANCE_M = 50;

  public ExteriorScene {
    Objects.requireNonNull(roadUser, "roadUser");
    Objects.requireNonNull(side, "side");
    if (!(distanceM >= 1 && distanceM <= MAX_DISTANCE_M)) {
      throw new IllegalArgumentException("distance " + distanceM + " m is outside 1.." + MAX_DISTANCE_M);
    }
  }
}
