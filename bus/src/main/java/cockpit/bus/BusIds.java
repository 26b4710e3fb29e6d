package cockpit.bus;

import java.util.Optional;

/**
 * The rule for every id a peer sends that becomes a key chunk or is echoed back (session, camera,
 * seat, utterance and request ids, the VIN): 1–{@value #MAX_LENGTH} characters from
 * {@code A-Z a-z 0-9 . _ -}, not {@code .} or {@code ..}. The same rule as a dialogue session id, so
 * an id accepted on the bus is also a valid snapshot file name.
 *
 * <p>Why a bound at all: an id becomes part of a key expression, and the Zenoh core cannot write a
 * key that does not fit one transport batch (about 64 KiB) — it panics inside its transmission
 * pipeline and poisons that transport for good. Bounding ids here keeps every key the component
 * forms far below that. Stateless and thread-safe.
 */
public final class BusIds {
  /** Longest accepted id, in characters. */
  public static final int MAX_LENGTH = 64;
  /**
   * The key chunk a Reply goes to when its session id cannot form a key: a refused sender finds its
   * error Reply on {@code vehicle/{vin}/cockpit/replies/~refused}, matched by utterance id. The
   * {@code ~} keeps it apart from every valid session id.
   */
  public static final String REFUSED_CHUNK = "~refused";
  private static final int QUOTE_LIMIT = 80;

  private BusIds() {}

  /** Why {@code id} is not acceptable, or empty when it is. */
  public static Optional<String> problem(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.of("it is empty");
    }
    if (id.length() > MAX_LENGTH) {
      return Optional.of(id.length() + " characters, at most " + MAX_LENGTH + " are allowed");
    }
    if (id.equals(".") || id.equals("..")) {
      return Optional.of("'.' and '..' are reserved");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-'))) {
        return Optional.of(String.format("character U+%04X at index %d is not allowed (only A-Z a-z 0-9 . _ -)",
            id.codePointAt(i), i));
      }
    }
    return Optional.empty();
  }

  /** Whether {@code id} satisfies the rule. */
  public static boolean isValid(String id) {
    return problem(id).isEmpty();
  }

  /**
   * {@code s} for an error message: quoted, control and non-ASCII characters escaped, cut to
   * {@value #QUOTE_LIMIT} characters with the full length named, so a hostile megabyte id never
   * travels into reports or logs.
   */
  public static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    int n = Math.min(s.length(), QUOTE_LIMIT);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
    if (s.length() > n) {
      b.append("... (").append(s.length()).append(" characters)");
    }
    return b.toString();
  }

  /** {@code s} cut to at most {@code max} characters (for fields echoed in reports). */
  public static String shorten(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
