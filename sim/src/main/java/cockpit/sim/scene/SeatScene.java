package cockpit.sim.scene;

import cockpit.proto.v1.SeatPosition;
import java.util.List;
import java.util.Objects;

/**
 * One seat of a {@link CabinScene}: its place, who sits on it, the belt, and loose objects on it.
 *
 * @param row 1 (front, driver) to {@link CabinScene#MAX_ROWS}
 * @param belted belt fastened; only allowed for occupants that wear one
 * @param objects loose objects lying on the seat cushion, at most {@link #MAX_OBJECTS}, each once (drawn
 *     at the cushion's outer and inner corner, beside the occupant)
 */
public record SeatScene(int row, SeatPosition position, Occupant occupant, boolean belted, List<SeatObject> objects) {
  /** Places on a cushion: beside the occupant's hips, one on each side. */
  public static final int MAX_OBJECTS = 2;

  public SeatScene {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(occupant, "occupant");
    objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
    if (row < 1 || row > CabinScene.MAX_ROWS) {
      throw new IllegalArgumentException("seat row " + row + " is outside 1.." + CabinScene.MAX_ROWS);
    }
    if (position == SeatPosition.SEAT_POSITION_UNSPECIFIED || position == SeatPosition.UNRECOGNIZED) {
      throw new IllegalArgumentException("seat in row " + row + " needs a position (driver_side, middle, "
          + "passenger_side)");
    }
    if (belted && !occupant.wearsBelt()) {
      throw new IllegalArgumentException("row " + row + " " + position + ": a " + occupant.label()
          + " cannot be belted");
    }
    if (objects.size() > MAX_OBJECTS || objects.stream().distinct().count() != objects.size()) {
      throw new IllegalArgumentException("row " + row + " " + position + ": at most " + MAX_OBJECTS
          + " different objects per seat, got " + objects);
    }
  }

  /** An occupied or empty seat without objects. */
  public static SeatScene of(int row, SeatPosition position, Occupant occupant, boolean belted) {
    return new SeatScene(row, position, occupant, belted, List.of());
  }
}
