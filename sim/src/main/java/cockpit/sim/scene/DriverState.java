package cockpit.sim.scene;

import java.util.Locale;
import java.util.Objects;

/**
 * The driver's head pose and eyes, as drawn on the driver seat. Eyes on road = head forward and eyes
 * open; drowsy = eyes closed.
 */
public record DriverState(Head head, Eyes eyes) {
  /** Where the head points. */
  public enum Head {
    FORWARD, LEFT, RIGHT, DOWN;

    public static Head parse(String s) {
      return Enums.parse(Head.class, s);
    }
  }

  /** Eye lids. */
  public enum Eyes {
    OPEN, CLOSED;

    public static Eyes parse(String s) {
      return Enums.parse(Eyes.class, s);
    }
  }

  public static final DriverState ATTENTIVE = new DriverState(Head.FORWARD, Eyes.OPEN);

  public DriverState {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(eyes, "eyes");
  }

  public boolean eyesOnRoad() {
    return head == Head.FORWARD && eyes == Eyes.OPEN;
  }

  public boolean drowsy() {
    return eyes == Eyes.CLOSED;
  }

  /** Lower-case enum parsing with the choices in the error. */
  static final class Enums {
    private Enums() {}

    static <E extends Enum<E>> E parse(Class<E> type, String s) {
      for (E e : type.getEnumConstants()) {
        if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
          return e;
        }
      }
      StringBuilder choices = new StringBuilder();
      for (E e : type.getEnumConstants()) {
        choices.append(choices.isEmpty() ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
      }
      throw new IllegalArgumentException("unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " '" + s
          + "'; expected one of " + choices);
    }
  }
}
