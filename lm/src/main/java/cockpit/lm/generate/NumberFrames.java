package cockpit.lm.generate;

import cockpit.lm.generate.GrammarNode.Number;
import cockpit.lm.generate.GrammarState.Frame;

/**
 * The byte steps of a {@link Number} production: {@code -?(0|[1-9][0-9]{0,8})(\.[0-9]{1,F})?}, where
 * every prefix must still reach a value in {@code [min, max]} and {@code -0} never ends a number.
 * A frame's phase packs the sub-phase (bits 0–2), the sign (bit 3) and the count of fraction digits
 * (bits 4–7); {@code a} is the integer part, {@code b} the fraction digits as an integer. Stateless.
 */
final class NumberFrames {
  static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
      1_000_000_000L};
  /** Largest magnitude of the integer part: nine digits. */
  static final long MAX_INTEGER_PART = 999_999_999L;

  static final int START = 0;
  static final int SIGN = 1;
  static final int INT = 2;
  static final int DOT = 3;
  static final int FRAC = 4;
  private static final int NEGATIVE = 8;
  /** Marks a mask key whose prefix lies wholly inside the range, so only its shape matters. */
  private static final int INSIDE = 1 << 8;

  private NumberFrames() {}

  static Frame initial(int node) {
    return new Frame(node, START, 0, 0);
  }

  /** The frame after byte {@code c}, or null when {@code c} cannot extend the number. */
  static Frame consume(Number n, Frame f, int c) {
    int sub = f.phase() & 7;
    boolean neg = (f.phase() & NEGATIVE) != 0;
    int m = f.phase() >>> 4;
    int v = f.a();
    int d = c - '0';
    boolean digit = d >= 0 && d <= 9;
    Frame next = null;
    if (sub == START && c == '-') {
      next = new Frame(f.node(), SIGN | NEGATIVE, 0, 0);
    } else if ((sub == START || sub == SIGN) && digit) {
      next = new Frame(f.node(), INT | (f.phase() & NEGATIVE), d, 0);
    } else if (sub == INT && digit && v != 0 && v <= MAX_INTEGER_PART / 10) {
      next = new Frame(f.node(), f.phase(), v * 10 + d, 0);
    } else if (sub == INT && c == '.' && n.fractionDigits() > 0) {
      next = new Frame(f.node(), DOT | (f.phase() & NEGATIVE), v, 0);
    } else if ((sub == DOT || sub == FRAC) && digit && m < n.fractionDigits()) {
      next = new Frame(f.node(), FRAC | (neg ? NEGATIVE : 0) | (m + 1) << 4, v, f.b() * 10 + d);
    }
    return next != null && reach(n, next) > 0 ? next : null;
  }

  /** True when the number read so far is complete and in range. */
  static boolean canEnd(Number n, Frame f) {
    int sub = f.phase() & 7;
    if (sub != INT && sub != FRAC) {
      return false;
    }
    int m = f.phase() >>> 4;
    long magnitude = f.a() * n.unit() + (sub == FRAC ? f.b() * POW10[n.fractionDigits() - m] : 0);
    boolean neg = (f.phase() & NEGATIVE) != 0;
    if (neg && magnitude == 0) {
      return false;
    }
    long value = neg ? -magnitude : magnitude;
    return value >= n.min() && value <= n.max();
  }

  /**
   * The frame as a mask key for tokens of at most {@code horizon} bytes: when every value the prefix can
   * reach is in range, steps depend only on its shape — sub-phase, sign, room left for integer and
   * fraction digits (clamped to the horizon), a leading zero, and whether a negative is still -0.
   */
  static Frame key(Number n, Frame f, int horizon) {
    int sub = f.phase() & 7;
    if ((sub != INT && sub != DOT && sub != FRAC) || reach(n, f) != 2) {
      return f;
    }
    int cap = horizon + 1;
    boolean neg = (f.phase() & NEGATIVE) != 0;
    int intRoom = sub == INT ? Math.min(9 - Long.toString(f.a()).length(), cap) : 0;
    int fracRoom = Math.min(n.fractionDigits() - (f.phase() >>> 4), cap);
    int negativeZero = neg && f.a() == 0 && f.b() == 0 ? 1 : 0;
    int leadingZero = sub == INT && f.a() == 0 ? 1 : 0;
    return new Frame(f.node(), sub | (f.phase() & NEGATIVE) | INSIDE, intRoom,
        fracRoom | negativeZero << 8 | leadingZero << 9);
  }

  /** 0: no value in range is reachable from this prefix; 1: some are; 2: all reachable values are. */
  static int reach(Number n, Frame f) {
    int sub = f.phase() & 7;
    boolean neg = (f.phase() & NEGATIVE) != 0;
    long u = n.unit();
    long v = f.a();
    if (sub == START || sub == SIGN) {
      return neg ? interval(n, true, 0, (MAX_INTEGER_PART + 1) * u - 1) : 1;
    }
    if (sub == DOT) {
      return interval(n, neg, v * u, v * u + u - 1);
    }
    if (sub == FRAC) {
      long step = POW10[n.fractionDigits() - (f.phase() >>> 4)];
      long lo = v * u + f.b() * step;
      return interval(n, neg, lo, lo + step - 1);
    }
    if (v == 0) {
      return interval(n, neg, 0, u - 1);
    }
    // More integer digits may follow: j of them reach [v*10^j, (v+1)*10^j) whole units.
    int digits = Long.toString(v).length();
    int best = 0;
    boolean allInside = true;
    for (int j = 0; digits + j <= 9; j++) {
      int r = interval(n, neg, v * POW10[j] * u, (v + 1) * POW10[j] * u - 1);
      best = Math.max(best, r);
      allInside &= r == 2;
    }
    return allInside ? 2 : best > 0 ? 1 : 0;
  }

  /** Classifies the magnitudes {@code [lo, hi]} (negated when {@code neg}, without -0) against the range. */
  private static int interval(Number n, boolean neg, long lo, long hi) {
    if (neg) {
      lo = Math.max(lo, 1);
      if (lo > hi) {
        return 0;
      }
      long a = -hi;
      long b = -lo;
      return b < n.min() || a > n.max() ? 0 : a >= n.min() && b <= n.max() ? 2 : 1;
    }
    return hi < n.min() || lo > n.max() ? 0 : lo >= n.min() && hi <= n.max() ? 2 : 1;
  }
}
