package cockpit.sim.scene;

import java.util.Locale;

/** A loose object that can be left on a seat. */
public enum SeatObject {
  BAG, PHONE;

  /** Lower-case name, also the Detection label. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SeatObject parse(String s) {
    for (SeatObject o : values()) {
      if (o.label().equals(s)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown object '" + s + "'; expected bag or phone");
  }
}
