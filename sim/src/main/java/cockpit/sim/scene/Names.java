package cockpit.sim.scene;

import java.util.Locale;

/**
 * The lower-case names the scene vocabulary uses in scenario files, ground truth and task answers
 * ({@code infant_seat_occupied}, {@code car_park}), and parsing them back with the choices in the error.
 * Stateless.
 */
public final class Names {
  private Names() {}

  /** {@code INFANT_SEAT_EMPTY} → {@code infant_seat_empty}. */
  public static String of(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant named {@code s} (lower case) of {@code type}.
   *
   * @throws IllegalArgumentException naming the choices when there is none
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String s) {
    for (E e : type.getEnumConstants()) {
      if (of(e).equals(s)) {
        return e;
      }
    }
    StringBuilder choices = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      choices.append(choices.isEmpty() ? "" : ", ").append(of(e));
    }
    String what = type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    throw new IllegalArgumentException("unknown " + what + " '" + s + "'; expected one of " + choices);
  }
}
