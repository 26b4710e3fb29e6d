package cockpit.sim.scene;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A sign or labelled landmark in a car park, with text the car finder reads back: a level sign (a blue
 * plate, e.g. {@code P3}, {@code LEVEL 3}), a bay number painted on the floor ({@code B12}) or a pillar
 * with its label on a coloured band ({@code C4}). Text is drawn in capitals in one of the
 * {@link SignFont}s (letters, digits, space, {@code -} and {@code .}); the ground truth carries it
 * exactly as drawn. Immutable.
 *
 * @param direction where the sign is, seen from the car: ahead, behind, left or right of it
 */
public record SignScene(Kind kind, String text, Direction direction, SignFont font) {
  /** What carries the text; the car finder's schema calls a level sign and a bay number a sign, a pillar a landmark. */
  public enum Kind {
    LEVEL("sign"), BAY("sign"), PILLAR("landmark");

    private final String schemaKind;

    Kind(String schemaKind) {
      this.schemaKind = schemaKind;
    }

    /** {@code sign} or {@code landmark}, the car finder's vocabulary. */
    public String schemaKind() {
      return schemaKind;
    }

    public String label() {
      return Names.of(this);
    }

    public static Kind parse(String s) {
      return Names.parse(Kind.class, s);
    }
  }

  /** Direction from the car, the car finder's vocabulary. */
  public enum Direction {
    FRONT, LEFT, RIGHT, REAR;

    public String label() {
      return Names.of(this);
    }

    /** Beside the car, where a sign has less room: at most two lines of {@link #SIDE_LINE} characters. */
    public boolean beside() {
      return this == LEFT || this == RIGHT;
    }

    public static Direction parse(String s) {
      return Names.parse(Direction.class, s);
    }
  }

  /** Longest text ahead of or behind the car (one line). */
  public static final int END_LINE = 8;
  /** Longest line beside the car; longer text breaks at its space into two lines. */
  public static final int SIDE_LINE = 4;

  public SignScene {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(font, "font");
    text = Objects.requireNonNull(text, "text").trim().toUpperCase(Locale.ROOT);
    if (text.isEmpty()) {
      throw new IllegalArgumentException("a sign needs text");
    }
    for (char c : text.toCharArray()) {
      if (!Glyphs.drawable(c)) {
        throw new IllegalArgumentException("sign text '" + text + "' has '" + c + "'; signs draw A-Z, 0-9, space, - and .");
      }
    }
    if (direction.beside() ? lines(text, direction) == null : text.length() > END_LINE) {
      throw new IllegalArgumentException("sign text '" + text + "' is too long for the " + direction.label() + " ("
          + (direction.beside() ? "two lines of " + SIDE_LINE : END_LINE) + " characters at most)");
    }
  }

  /** The text as drawn: one line ahead/behind, up to two lines beside the car; null when it does not fit. */
  static List<String> lines(String text, Direction direction) {
    if (!direction.beside()) {
      return text.length() <= END_LINE ? List.of(text) : null;
    }
    if (text.length() <= SIDE_LINE) {
      return List.of(text);
    }
    int cut = text.indexOf(' ');
    if (cut < 0 || cut > SIDE_LINE || text.length() - cut - 1 > SIDE_LINE || text.indexOf(' ', cut + 1) >= 0) {
      return null;
    }
    return List.of(text.substring(0, cut), text.substring(cut + 1));
  }

  /** The drawn lines (see {@link #lines(String, Direction)}). */
  public List<String> lines() {
    return lines(text, direction);
  }
}
