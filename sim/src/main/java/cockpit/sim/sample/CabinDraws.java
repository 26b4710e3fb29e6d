package cockpit.sim.sample;

import static cockpit.sim.sample.Pick.chance;
import static cockpit.sim.sample.Pick.one;
import static cockpit.sim.sample.Pick.w;

import cockpit.proto.v1.SeatPosition;
import cockpit.sim.scene.CabinScene;
import cockpit.sim.scene.DriverState;
import cockpit.sim.scene.Lighting;
import cockpit.sim.scene.Occupant;
import cockpit.sim.scene.SeatObject;
import cockpit.sim.scene.SeatScene;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cabin distribution (sim/README.md lists it): two rows, five seats (driver and front passenger,
 * rear left, middle, right). Stateless.
 */
final class CabinDraws {
  private static final SeatPosition D = SeatPosition.SEAT_POSITION_DRIVER_SIDE;
  private static final SeatPosition M = SeatPosition.SEAT_POSITION_MIDDLE;
  private static final SeatPosition P = SeatPosition.SEAT_POSITION_PASSENGER_SIDE;

  private CabinDraws() {}

  static CabinScene draw(SplittableRandom r) {
    Lighting lighting = one(r, w(0.5, 0.2, 0.3), Lighting.DAY, Lighting.NIGHT, Lighting.IR);
    List<SeatScene> seats = new ArrayList<>();
    seats.add(seat(r, 1, D, chance(r, 0.85) ? Occupant.ADULT : Occupant.EMPTY));
    seats.add(seat(r, 1, P, passenger(r)));
    seats.add(seat(r, 2, D, passenger(r)));
    seats.add(seat(r, 2, M, passenger(r)));
    seats.add(seat(r, 2, P, passenger(r)));
    DriverState.Head gaze = one(r, w(0.4, 0.2, 0.2, 0.2), DriverState.Head.FORWARD, DriverState.Head.LEFT,
        DriverState.Head.RIGHT, DriverState.Head.DOWN);
    DriverState driver = new DriverState(gaze, chance(r, 0.2) ? DriverState.Eyes.CLOSED : DriverState.Eyes.OPEN,
        chance(r, 0.15));
    return new CabinScene(2, seats, driver, lighting);
  }

  private static Occupant passenger(SplittableRandom r) {
    return one(r, w(0.34, 0.2, 0.16, 0.08, 0.07, 0.15), Occupant.EMPTY, Occupant.ADULT, Occupant.CHILD,
        Occupant.INFANT_SEAT_OCCUPIED, Occupant.INFANT_SEAT_EMPTY, Occupant.PET);
  }

  /** Belted with p = 0.65 (people); 0–2 objects on empty seats and beside people, none under carriers or pets. */
  private static SeatScene seat(SplittableRandom r, int row, SeatPosition pos, Occupant o) {
    boolean belted = o.wearsBelt() && chance(r, 0.65);
    List<SeatObject> objects = new ArrayList<>();
    boolean room = o == Occupant.EMPTY || o == Occupant.ADULT || o == Occupant.CHILD;
    int n = room ? one(r, o == Occupant.EMPTY ? w(0.5, 0.35, 0.15) : w(0.7, 0.25, 0.05), 0, 1, 2) : 0;
    SeatObject[] all = SeatObject.values();
    while (objects.size() < n) {
      SeatObject pick = all[r.nextInt(all.length)];
      if (!objects.contains(pick)) {
        objects.add(pick);
      }
    }
    return new SeatScene(row, pos, o, belted, objects);
  }
}
