package cockpit.sim.scene;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The ground around the car as its surround-view camera shows it (a bird's-eye composite with the car
 * in the middle, its front up): a street or a car park, up to {@link #MAX_ROAD_USERS} road users, each
 * in its own corner (side × end), and up to four signs, each in its own direction.
 */
public record ExteriorScene(Place place, List<RoadUserScene> roadUsers, List<SignScene> signs, Lighting lighting)
    implements Scene {
  /** Who is on the road. {@code NONE} only appears in the one-road-user shorthand. */
  public enum RoadUser {
    NONE, PERSON, CYCLIST, VEHICLE;

    public String label() {
      return Names.of(this);
    }

    public static RoadUser parse(String s) {
      return Names.parse(RoadUser.class, s);
    }
  }

  /** Physical side of the car. */
  public enum Side {
    LEFT, RIGHT;

    public String label() {
      return Names.of(this);
    }

    public static Side parse(String s) {
      return Names.parse(Side.class, s);
    }
  }

  /** Which end of the car a road user is nearer to: ahead of its middle ({@code FRONT}) or behind it. */
  public enum End {
    FRONT, REAR;

    public String label() {
      return Names.of(this);
    }

    public static End parse(String s) {
      return Names.parse(End.class, s);
    }
  }

  /** Where the car stands: the ground, markings and what signs look like differ. */
  public enum Place {
    STREET, CAR_PARK;

    public String label() {
      return Names.of(this);
    }

    public static Place parse(String s) {
      return Names.parse(Place.class, s);
    }
  }

  public static final double MIN_DISTANCE_M = 1;
  public static final double MAX_DISTANCE_M = 50;
  /** One per corner of the car. */
  public static final int MAX_ROAD_USERS = 4;

  public ExteriorScene {
    Objects.requireNonNull(place, "place");
    roadUsers = List.copyOf(Objects.requireNonNull(roadUsers, "roadUsers"));
    signs = List.copyOf(Objects.requireNonNull(signs, "signs"));
    Objects.requireNonNull(lighting, "lighting");
    Set<String> corners = new HashSet<>();
    for (RoadUserScene u : roadUsers) {
      if (!corners.add(u.zone())) {
        throw new IllegalArgumentException("two road users in " + u.zone() + "; one per corner of the car");
      }
    }
    Set<SignScene.Direction> used = EnumSet.noneOf(SignScene.Direction.class);
    for (SignScene s : signs) {
      if (!used.add(s.direction())) {
        throw new IllegalArgumentException("two signs on the " + s.direction().label() + "; one per direction");
      }
    }
  }

  /**
   * The one-road-user shorthand (older scenario files): {@code who} behind the car on {@code side}, on a
   * street in daylight; {@code NONE} = an empty street.
   */
  public ExteriorScene(RoadUser who, Side side, double distanceM, boolean approaching) {
    this(Place.STREET, who == RoadUser.NONE ? List.of() : List.of(new RoadUserScene(who, side, End.REAR, distanceM,
        approaching)), List.of(), Lighting.DAY);
  }
}
