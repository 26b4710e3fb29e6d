package cockpit.sim.scene;

import cockpit.proto.v1.DetectionKind;
import java.util.Locale;

/** Who or what sits on a seat; the names are the occupancy task's vocabulary ({@code infant_seat}, ...). */
public enum Occupant {
  EMPTY(DetectionKind.DETECTION_KIND_UNSPECIFIED, false),
  ADULT(DetectionKind.DETECTION_KIND_PERSON, true),
  CHILD(DetectionKind.DETECTION_KIND_CHILD, true),
  /** An infant seat with an infant in it. */
  INFANT_SEAT(DetectionKind.DETECTION_KIND_INFANT_SEAT, false),
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

  /** The lower-case name used in scenario files and by the occupancy task, e.g. {@code infant_seat}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@link #label()}; the error lists the choices. */
  public static Occupant parse(String s) {
    for (Occupant o : values()) {
      if (o.label().equals(s)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown occupant '" + s + "'; expected one of empty, adult, child, "
        + "infant_seat, pet");
  }
}
