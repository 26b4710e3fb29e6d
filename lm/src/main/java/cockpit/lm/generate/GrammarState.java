package cockpit.lm.generate;

import cockpit.lm.generate.GrammarNode.Array;
import cockpit.lm.generate.GrammarNode.Literals;
import cockpit.lm.generate.GrammarNode.Number;
import cockpit.lm.generate.GrammarNode.Sequence;
import cockpit.lm.generate.GrammarNode.Text;
import java.util.Arrays;

/**
 * A position in a {@link JsonSchemaGrammar}'s byte automaton: an immutable stack of frames, the root
 * at the bottom and the production being read on top. Every state {@link #step} returns can still be
 * completed to a document (lengths and counts are bounded, number prefixes are checked against their
 * range), so decoding never reaches a dead end. Immutable and thread-safe; equal states behave alike.
 */
final class GrammarState {
  /**
   * One production in progress. Sequence: {@code phase} = literal index, {@code a} = offset in it (the
   * literal's length while its child is on top). Text and Array: {@code phase} as below, {@code a} =
   * characters or items so far. Literals: {@code phase} = offset, {@code [a, b)} = candidates still
   * matching. Number: see {@link NumberFrames}. Root ({@code node} = -1): phase 0 = value pending, 1 = done.
   */
  record Frame(int node, int phase, int a, int b) {}

  static final int ROOT = -1;
  private static final int TEXT_OPEN = 0;
  private static final int TEXT_IN = 1;
  private static final int ARRAY_OPEN = 0;
  private static final int ARRAY_FIRST = 1;
  private static final int ARRAY_ITEM = 2;
  private static final int ARRAY_AFTER = 3;

  /** Marks "no state" in transition tables; never stepped. */
  static final GrammarState DEAD = new GrammarState(null, new Frame[0]);

  private final JsonSchemaGrammar grammar;
  private final Frame[] frames;
  private final int hash;

  private GrammarState(JsonSchemaGrammar grammar, Frame[] frames) {
    this.grammar = grammar;
    this.frames = frames;
    this.hash = Arrays.hashCode(frames);
  }

  /** The state before the first byte of a document. */
  static GrammarState start(JsonSchemaGrammar grammar) {
    return new GrammarState(grammar, new Frame[] {new Frame(ROOT, 0, 0, 0), initial(grammar, grammar.root())});
  }

  /** The state after byte {@code c} (0..255), or null when {@code c} cannot continue the document. */
  GrammarState step(int c) {
    Frame[] st = Arrays.copyOf(frames, frames.length + 2);
    int n = frames.length;
    while (true) {
      Frame top = st[n - 1];
      if (top.node() == ROOT) {
        return null;
      }
      GrammarNode node = grammar.node(top.node());
      Frame next = switch (node) {
        case Sequence s -> sequence(s, top, c);
        case Text t -> text(t, top, c);
        case Number num -> NumberFrames.consume(num, top, c);
        case Literals l -> literals(l, top, c);
        case Array a -> array(a, top, c);
      };
      if (next == DONE) {
        n = finish(st, n - 1);
        return new GrammarState(grammar, Arrays.copyOf(st, n));
      }
      if (next == null) {
        if (!canEnd(top)) {
          return null;
        }
        n = finish(st, n - 1);
        continue;
      }
      st[n - 1] = next;
      if (node instanceof Array a && next.phase() == ARRAY_ITEM) {
        st = grow(st, n);
        st[n++] = initial(grammar, a.item());
        if (top.phase() == ARRAY_FIRST) {
          continue;
        }
      } else if (node instanceof Sequence s && next.a() == s.literals()[next.phase()].length) {
        st = grow(st, n);
        st[n++] = initial(grammar, s.children()[next.phase()]);
      }
      return new GrammarState(grammar, Arrays.copyOf(st, n));
    }
  }

  /** True when the bytes so far form a whole document. */
  boolean complete() {
    Frame[] st = frames.clone();
    int n = st.length;
    while (st[n - 1].node() != ROOT) {
      if (!canEnd(st[n - 1])) {
        return false;
      }
      n = finish(st, n - 1);
    }
    return st[0].phase() == 1;
  }

  /**
   * A key such that states with equal keys accept the same byte strings of length at most
   * {@code horizon} (and agree on completeness): counters are clamped to what {@code horizon} bytes can
   * change, numbers wholly inside their range lose their digits. Only compared with other keys.
   */
  GrammarState maskKey(int horizon) {
    Frame[] key = frames.clone();
    int cap = horizon + 1;
    for (int i = 1; i < key.length; i++) {
      Frame f = key[i];
      key[i] = switch (grammar.node(f.node())) {
        case Text t -> new Frame(f.node(), f.phase(), Math.min(t.maxLength() - f.a(), cap),
            Math.min(Math.max(t.minLength() - f.a(), 0), cap));
        case Array a -> new Frame(f.node(), f.phase(), Math.min(a.maxItems() - f.a(), cap),
            Math.min(Math.max(a.minItems() - f.a(), 0), cap));
        case Number num -> NumberFrames.key(num, f, horizon);
        case Sequence s -> f;
        case Literals l -> f;
      };
    }
    return new GrammarState(grammar, key);
  }

  /** Marks a frame that consumed its closing byte. */
  private static final Frame DONE = new Frame(Integer.MIN_VALUE, 0, 0, 0);

  private static Frame sequence(Sequence s, Frame f, int c) {
    byte[] lit = s.literals()[f.phase()];
    if ((lit[f.a()] & 0xFF) != c) {
      return null;
    }
    if (f.a() + 1 == lit.length && f.phase() == s.children().length) {
      return DONE;
    }
    return new Frame(f.node(), f.phase(), f.a() + 1, 0);
  }

  private static Frame text(Text t, Frame f, int c) {
    if (f.phase() == TEXT_OPEN) {
      return c == '"' ? new Frame(f.node(), TEXT_IN, 0, 0) : null;
    }
    if (c == '"') {
      return f.a() >= t.minLength() ? DONE : null;
    }
    boolean plain = c >= 0x20 && c <= 0x7E && c != '\\';
    return plain && f.a() < t.maxLength() ? new Frame(f.node(), TEXT_IN, f.a() + 1, 0) : null;
  }

  private static Frame literals(Literals l, Frame f, int c) {
    byte[][] all = l.sorted();
    int off = f.phase();
    int lo = f.a();
    while (lo < f.b() && (all[lo].length <= off || (all[lo][off] & 0xFF) < c)) {
      lo++;
    }
    int hi = lo;
    while (hi < f.b() && all[hi].length > off && (all[hi][off] & 0xFF) == c) {
      hi++;
    }
    if (lo == hi) {
      return null;
    }
    return hi - lo == 1 && all[lo].length == off + 1 ? DONE : new Frame(f.node(), off + 1, lo, hi);
  }

  private static Frame array(Array a, Frame f, int c) {
    return switch (f.phase()) {
      case ARRAY_OPEN -> c == '[' ? new Frame(f.node(), ARRAY_FIRST, 0, 0) : null;
      case ARRAY_FIRST -> c == ']' && a.minItems() == 0 ? DONE
          : a.maxItems() > 0 && c != ']' ? new Frame(f.node(), ARRAY_ITEM, 1, 0) : null;
      case ARRAY_AFTER -> c == ']' && f.a() >= a.minItems() ? DONE
          : c == ',' && f.a() < a.maxItems() ? new Frame(f.node(), ARRAY_ITEM, f.a() + 1, 0) : null;
      default -> null;
    };
  }

  private boolean canEnd(Frame f) {
    return switch (grammar.node(f.node())) {
      case Number num -> NumberFrames.canEnd(num, f);
      case Literals l -> l.sorted()[f.a()].length == f.phase();
      default -> false;
    };
  }

  /** Pops the frame at {@code top} and advances its parent past the finished child; returns the new depth. */
  private int finish(Frame[] st, int top) {
    Frame p = st[top - 1];
    if (p.node() == ROOT) {
      st[top - 1] = new Frame(ROOT, 1, 0, 0);
    } else if (grammar.node(p.node()) instanceof Array) {
      st[top - 1] = new Frame(p.node(), ARRAY_AFTER, p.a(), 0);
    } else {
      st[top - 1] = new Frame(p.node(), p.phase() + 1, 0, 0);
    }
    return top;
  }

  private static Frame[] grow(Frame[] st, int n) {
    return n < st.length ? st : Arrays.copyOf(st, st.length * 2);
  }

  private static Frame initial(JsonSchemaGrammar g, int node) {
    return switch (g.node(node)) {
      case Sequence s -> new Frame(node, 0, 0, 0);
      case Text t -> new Frame(node, TEXT_OPEN, 0, 0);
      case Number num -> NumberFrames.initial(node);
      case Literals l -> new Frame(node, 0, 0, l.sorted().length);
      case Array a -> new Frame(node, ARRAY_OPEN, 0, 0);
    };
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof GrammarState s && s.hash == hash && Arrays.equals(s.frames, frames));
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
