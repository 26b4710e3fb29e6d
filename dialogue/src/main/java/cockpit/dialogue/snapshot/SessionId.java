package cockpit.dialogue.snapshot;

import java.util.regex.Pattern;

/**
 * A dialogue session id as it arrives from the bus, checked before it is used anywhere a file name is
 * made from it: 1–64 characters from {@code [A-Za-z0-9._-]}, and not {@code .} or {@code ..}. Ids are
 * never rewritten: anything else is rejected, so two different bus ids never share a snapshot.
 *
 * <p>Immutable and thread-safe. Ids are case-sensitive; the store assumes a case-sensitive file system.
 *
 * @param value the id, exactly as given
 */
public record SessionId(String value) {
  public static final int MAX_LENGTH = 64;
  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
  private static final int QUOTE_LIMIT = 80;

  /** @throws IllegalArgumentException naming the id (escaped, shortened) and what is wrong with it */
  public SessionId {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException("invalid session id " + quote(value) + ": " + problem);
    }
  }

  /**
   * Validates a raw bus id.
   *
   * @throws IllegalArgumentException when {@code raw} is not a valid id
   */
  public static SessionId tryFrom(String raw) {
    return new SessionId(raw);
  }

  /** Whether {@code raw} would be accepted, without building an exception. */
  public static boolean isValid(String raw) {
    return problem(raw) == null;
  }

  /**
   * The snapshot file name, {@code <id>.snap}: a single path element with no separator, never
   * {@code .} or {@code ..}, so it resolves to a direct child of any directory.
   */
  public String fileName() {
    return value + SnapshotFormat.SUFFIX;
  }

  @Override
  public String toString() {
    return value;
  }

  private static String problem(String v) {
    if (v == null) {
      return "it is null";
    }
    if (v.isEmpty()) {
      return "it is empty";
    }
    if (v.length() > MAX_LENGTH) {
      return v.length() + " characters, at most " + MAX_LENGTH + " are allowed";
    }
    if (v.equals(".") || v.equals("..")) {
      return "'.' and '..' are reserved";
    }
    if (!ALLOWED.matcher(v).matches()) {
      int at = firstBad(v);
      return String.format("character U+%04X at index %d is not allowed (only A-Z a-z 0-9 . _ -)",
          v.codePointAt(at), at);
    }
    return null;
  }

  private static int firstBad(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
      if (!ok) {
        return i;
      }
    }
    return 0;
  }

  /** The id for an error message: quoted, control and non-ASCII characters escaped, shortened. */
  private static String quote(String v) {
    if (v == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder("\"");
    int n = Math.min(v.length(), QUOTE_LIMIT);
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (v.length() > n) {
      b.append("...");
    }
    return b.append('"').toString();
  }
}
