package cockpit.lm.generate;

import java.util.List;
import java.util.Optional;

/**
 * Finds stop strings in text that arrives piece by piece (one detokenized token at a time), across
 * piece boundaries. {@link #append} returns the text that is safe to show now: it holds back the
 * longest tail that could still be the start of a stop string. When a stop string completes, the text
 * before it is released, the stop string and everything after it are dropped, and {@link #stopped()}
 * turns true. When generation ends for another reason, {@link #flush()} releases the held tail. Stop
 * strings are matched exactly (case-sensitive); if two complete in the same piece, the one that ends
 * first wins, then the one that starts first. One instance per generation; not thread-safe.
 */
public final class StopStrings {
  private final List<String> stops;
  private final StringBuilder held = new StringBuilder();
  private String matched;

  /** @param stops the stop strings, none null or empty; an empty list never stops */
  public StopStrings(List<String> stops) {
    for (int i = 0; i < stops.size(); i++) {
      if (stops.get(i) == null || stops.get(i).isEmpty()) {
        throw new IllegalArgumentException("stop string " + i + " is null or empty");
      }
    }
    this.stops = List.copyOf(stops);
  }

  /**
   * Adds the next piece of generated text.
   *
   * @return the text now safe to emit (possibly empty)
   * @throws IllegalStateException if a stop string was already found
   */
  public String append(String piece) {
    if (matched != null) {
      throw new IllegalStateException("stop string \"" + matched + "\" already ended this generation");
    }
    held.append(piece);
    int bestStart = -1;
    int bestEnd = Integer.MAX_VALUE;
    for (String stop : stops) {
      // Only a match ending inside the new piece is new: everything before it was checked already.
      int from = Math.max(0, held.length() - piece.length() - stop.length() + 1);
      int at = held.indexOf(stop, from);
      int end = at + stop.length();
      if (at >= 0 && (end < bestEnd || (end == bestEnd && at < bestStart))) {
        bestStart = at;
        bestEnd = end;
        matched = stop;
      }
    }
    if (matched != null) {
      String out = held.substring(0, bestStart);
      held.setLength(0);
      return out;
    }
    int keep = longestPendingTail();
    String out = held.substring(0, held.length() - keep);
    held.delete(0, held.length() - keep);
    return out;
  }

  /** Releases the held tail at the end of a generation that did not stop on a stop string. */
  public String flush() {
    String out = held.toString();
    held.setLength(0);
    return out;
  }

  /** True once a stop string has been found. */
  public boolean stopped() {
    return matched != null;
  }

  /** The stop string that ended generation, if any. */
  public Optional<String> matched() {
    return Optional.ofNullable(matched);
  }

  /** Length of the longest suffix of the held text that is a proper prefix of some stop string. */
  private int longestPendingTail() {
    String text = held.toString();
    int best = 0;
    for (String stop : stops) {
      for (int len = Math.min(stop.length() - 1, text.length()); len > best; len--) {
        if (text.regionMatches(text.length() - len, stop, 0, len)) {
          best = len;
          break;
        }
      }
    }
    return best;
  }
}
