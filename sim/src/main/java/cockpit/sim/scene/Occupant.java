package cockpit.sim.scene;

import cockpit.proto.v1.DetectionKind;

/**
 * Who or what sits on a seat. {@link #label()} is the occupancy task's vocabulary ({@code adult},
 * {@code infant_seat_occupied}, ...); scenario files may also write {@code infant_seat} for an occupied
 * infant seat (the older name).
 */
public enum Occupant {
  EMPTY(DetectionKind.DETECTION_KIND_UNSPECIFIED, false),
  ADULT(DetectionKind.DETECTION_KIND_PERSON, true),
  CHILD(DetectionKind.DETECTION_KIND_CHILD, true),
  /** A rear-facing infant carrier with a baby in it (the baby's face shows). */
  INFANT_SEAT_OCCUPIED(DetectionKind.DETECTION_KIND_INFANT_SEAT, false),
  /** The same carrier, empty (its padding shows). */
  INFANT_SEAT_EMPTY(DetectionKind.DETECTION_KIND_INFANT_SEAT, false),
  PET(DetectionKind.DETECTION_KIND_PET, false);

  private final DetectionKind kind;
  private final boolean wearsBelt;

  Occupant(DetectionKind kind, boolean wearsBelt) {
    this.kind = kind;
    this.wearsBelt = wearsBelt;
  }

  /** The DetectionKind a perfect model reports for this occupant. */
  public DetectionKind kind() {
    return kind;
  }

  /** Whether the occupant can wear the seat belt (adults and children). */
  public boolean wearsBelt() {
    return wearsBelt;
  }

  /** Whether someone (a person, a baby or a pet) is on the seat. */
  public boolean alive() {
    return this != EMPTY && this != INFANT_SEAT_EMPTY;
  }

  /** The occupancy task's name, e.g. {@code infant_seat_occupied}. */
  public String label() {
    return Names.of(this);
  }

  /** Parses {@link #label()} (and {@code infant_seat} = occupied); the error lists the choices. */
  public static Occupant parse(String s) {
    return s.equals("infant_seat") ? INFANT_SEAT_OCCUPIED : Names.parse(Occupant.class, s);
  }
}
