package cockpit.lm.context;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the cockpit context can tell the model at one moment. A null component is unknown (its line
 * is left out); an empty list is known to be empty ("nobody seen"). Immutable and thread-safe: every
 * record validates in its compact constructor and copies its lists.
 *
 * @param speaker the seat of the person speaking this turn, null when unknown
 * @param now local time of the turn, null to leave the time out
 * @param vehicle from the last VehicleState
 * @param cabin the latest occupancy result (seats and belts)
 * @param driver the latest driver-monitoring result
 * @param presence the latest child/pet presence result
 * @param outside the latest door-hazard and greeter results (road users near the car)
 * @param parking the parking memory
 * @param alerts active and recently cleared alerts (never null: no alert is an empty list)
 */
public record CabinFacts(Seat speaker, LocalDateTime now, Vehicle vehicle, List<Occupant> cabin, Driver driver,
    List<Occupant> presence, List<RoadUser> outside, Parking parking, List<Alert> alerts) {
  public CabinFacts {
    cabin = cabin == null ? null : List.copyOf(cabin);
    presence = presence == null ? null : List.copyOf(presence);
    outside = outside == null ? null : List.copyOf(outside);
    alerts = List.copyOf(Objects.requireNonNull(alerts, "alerts"));
  }

  /** Nothing known. */
  public static CabinFacts none() {
    return new CabinFacts(null, null, null, null, null, null, null, null, List.of());
  }

  /** These facts with the speaker's seat and the turn's local time. */
  public CabinFacts at(Seat seat, LocalDateTime time) {
    return new CabinFacts(seat, time, vehicle, cabin, driver, presence, outside, parking, alerts);
  }

  /** Lateral position within a row, in VSS terms (which physical side depends on the car). */
  public enum Side { DRIVER_SIDE, MIDDLE, PASSENGER_SIDE }

  /** A seat (or the door beside it): row from the front, starting at 1. */
  public record Seat(int row, Side side) {
    public Seat {
      Objects.requireNonNull(side, "side");
      if (row < 1 || row > 9) {
        throw new IllegalArgumentException("seat row must be 1..9, got " + row);
      }
    }
  }

  /** Motion as the perception duty cycles see it: parked (gear P or power off/lock), stopped, driving (≥ 3 km/h). */
  public enum Motion { PARKED, STOPPED, DRIVING }

  /** VSS Vehicle.LowVoltageSystemState. */
  public enum Power { UNKNOWN, LOCK, OFF, ACC, ON, START }

  /**
   * @param speedKmh VSS Vehicle.Speed, ≥ 0
   * @param openDoors doors reported open, null when the car reports no doors
   */
  public record Vehicle(Motion motion, double speedKmh, Power power, List<Seat> openDoors, boolean locked) {
    public Vehicle {
      Objects.requireNonNull(motion, "motion");
      Objects.requireNonNull(power, "power");
      if (!(speedKmh >= 0)) {
        throw new IllegalArgumentException("speed must be >= 0 km/h, got " + speedKmh);
      }
      openDoors = openDoors == null ? null : List.copyOf(openDoors);
    }
  }

  /** Who or what occupies a seat. */
  public enum OccupantKind { ADULT, CHILD, INFANT_SEAT_OCCUPIED, INFANT_SEAT_EMPTY, PET }

  /**
   * @param seat where, null when the finding is not tied to a seat (somewhere in the cabin)
   * @param belted seat-belt state, null when not reported
   */
  public record Occupant(Seat seat, OccupantKind kind, Boolean belted) {
    public Occupant {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** The driver-monitoring result. */
  public record Driver(boolean eyesOnRoad, boolean drowsy) {}

  /** Road user kinds of the exterior tasks. */
  public enum RoadUserKind { PERSON, CYCLIST, VEHICLE }

  private static final Pattern ZONE = Pattern.compile("[a-z]+(-[a-z]+)?");

  /**
   * @param zone the physical side and end, e.g. {@code left-rear}, {@code right}, {@code front}
   * @param distanceM metres, ≥ 0
   */
  public record RoadUser(RoadUserKind kind, String zone, double distanceM, boolean approaching) {
    public RoadUser {
      Objects.requireNonNull(kind, "kind");
      if (zone == null || !ZONE.matcher(zone).matches()) {
        throw new IllegalArgumentException("road-user zone must be like left-rear, got " + zone);
      }
      if (!(distanceM >= 0)) {
        throw new IllegalArgumentException("distance must be >= 0 m, got " + distanceM);
      }
    }
  }

  /**
   * A landmark or sign seen around the parked car.
   *
   * @param sign true for a sign (bay, level, street sign), false for a landmark (shop, lift)
   * @param text what it says or is, as read; not blank
   * @param direction {@code front}, {@code left}, {@code right}, {@code rear}
   */
  public record Landmark(boolean sign, String text, String direction) {
    public Landmark {
      if (text == null || text.isBlank()) {
        throw new IllegalArgumentException("a landmark needs its text");
      }
      if (direction == null || !ZONE.matcher(direction).matches()) {
        throw new IllegalArgumentException("landmark direction must be like left, got " + direction);
      }
    }
  }

  /**
   * The parking memory.
   *
   * @param place the place name, empty when none was read
   * @param landmarks landmarks and signs, as the car finder listed them
   * @param parkedAt local time the car was parked
   */
  public record Parking(String place, List<Landmark> landmarks, LocalDateTime parkedAt) {
    public Parking {
      Objects.requireNonNull(place, "place");
      landmarks = List.copyOf(Objects.requireNonNull(landmarks, "landmarks"));
      Objects.requireNonNull(parkedAt, "parkedAt");
    }
  }

  /** Alert urgency. */
  public enum Severity { INFO, WARNING, CRITICAL }

  private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]*");

  /**
   * An alert, active or recently cleared (so a question after it, "why did you warn me?", still finds it).
   *
   * @param id the alert id (stable from raised to cleared)
   * @param kind snake case, e.g. {@code child_left_behind}
   * @param raised local time it was raised
   * @param cleared local time it was cleared, null while active
   * @param message the alert's human-readable text
   * @param evidence what the rule saw, strongest or latest first
   */
  public record Alert(String id, String kind, Severity severity, LocalDateTime raised, LocalDateTime cleared,
      String message, List<Evidence> evidence) {
    public Alert {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("an alert needs its id");
      }
      if (kind == null || !KIND.matcher(kind).matches()) {
        throw new IllegalArgumentException("alert kind must be snake case, got " + kind);
      }
      Objects.requireNonNull(severity, "severity");
      Objects.requireNonNull(raised, "raised");
      Objects.requireNonNull(message, "message");
      evidence = List.copyOf(Objects.requireNonNull(evidence, "evidence"));
    }
  }

  /** One piece of an alert's evidence. */
  public sealed interface Evidence {}

  /**
   * A detection: {@code what} (e.g. {@code child}, {@code cyclist}) on a seat or in a zone.
   *
   * @param seat null when a zone applies
   * @param zone e.g. {@code exterior/left-rear}, {@code cabin}; empty when the seat says it
   * @param confidence in [0, 1]
   */
  public record Seen(String what, Seat seat, String zone, double confidence) implements Evidence {
    public Seen {
      if (what == null || !KIND.matcher(what.replace('-', '_')).matches()) {
        throw new IllegalArgumentException("evidence kind must be like child or seat-belt, got " + what);
      }
      Objects.requireNonNull(zone, "zone");
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
      }
    }
  }

  /** A vehicle signal: VSS (or overlay) path and its value as text ({@code true}, {@code 0.0}, {@code OFF}). */
  public record Signal(String path, String value) implements Evidence {
    public Signal {
      if (path == null || path.isBlank()) {
        throw new IllegalArgumentException("a signal needs its path");
      }
      Objects.requireNonNull(value, "value");
    }
  }
}
