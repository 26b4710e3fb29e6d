package cockpit.sim.scene;

import cockpit.proto.v1.SeatPosition;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The cabin as the interior camera sees it: {@code rows} seat rows of up to three seats, the seats
 * listed (unlisted seats are absent from the car), the driver's state (drawn when an adult sits in row
 * 1 on the driver side) and the lighting.
 */
public record CabinScene(int rows, List<SeatScene> seats, DriverState driver, Lighting lighting) implements Scene {
  public static final int MAX_ROWS = 3;

  public CabinScene {
    seats = List.copyOf(Objects.requireNonNull(seats, "seats"));
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(lighting, "lighting");
    if (rows < 1 || rows > MAX_ROWS) {
      throw new IllegalArgumentException("rows " + rows + " is outside 1.." + MAX_ROWS);
    }
    Set<String> seen = new HashSet<>();
    for (SeatScene s : seats) {
      if (s.row() > rows) {
        throw new IllegalArgumentException("seat row " + s.row() + " but the cabin has " + rows + " rows");
      }
      if (!seen.add(s.row() + "/" + s.position())) {
        throw new IllegalArgumentException("seat row " + s.row() + " " + s.position() + " is listed twice");
      }
    }
  }

  /** In daylight. */
  public CabinScene(int rows, List<SeatScene> seats, DriverState driver) {
    this(rows, seats, driver, Lighting.DAY);
  }

  /** The driver seat (row 1, driver side), or null when the scene lists none. */
  public SeatScene driverSeat() {
    for (SeatScene s : seats) {
      if (s.row() == 1 && s.position() == SeatPosition.SEAT_POSITION_DRIVER_SIDE) {
        return s;
      }
    }
    return null;
  }

  /** Whether an adult sits in the driver seat, so the driver state is visible. */
  public boolean hasDriver() {
    SeatScene d = driverSeat();
    return d != null && d.occupant() == Occupant.ADULT;
  }
}
