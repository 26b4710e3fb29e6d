package cockpit.lm.generate;

/**
 * One production of a compiled {@link JsonSchemaGrammar}, over bytes of compact JSON. Children are
 * indexes into the grammar's node table (the tree has no cycles: the subset has no {@code $ref}).
 * Immutable once built; the arrays are never handed out.
 */
sealed interface GrammarNode {
  /** Longest byte string this node can produce. */
  long maxBytes(JsonSchemaGrammar grammar);

  /**
   * Fixed byte runs around child values: {@code literals[0] child[0] literals[1] … child[n-1] literals[n]}.
   * An object is {@code {"a":} A {,"b":} B {@code }}, every literal non-empty.
   */
  record Sequence(byte[][] literals, int[] children) implements GrammarNode {
    public Sequence {
      if (literals.length != children.length + 1) {
        throw new IllegalArgumentException("a sequence needs one more literal than children");
      }
      for (byte[] l : literals) {
        if (l.length == 0) {
          throw new IllegalArgumentException("sequence literals must be non-empty");
        }
      }
    }

    @Override
    public long maxBytes(JsonSchemaGrammar grammar) {
      long n = 0;
      for (byte[] l : literals) {
        n += l.length;
      }
      for (int c : children) {
        n += grammar.node(c).maxBytes(grammar);
      }
      return n;
    }
  }

  /** A string of {@code minLength..maxLength} printable ASCII characters other than {@code "} and {@code \}. */
  record Text(int minLength, int maxLength) implements GrammarNode {
    public Text {
      if (minLength < 0 || maxLength < minLength) {
        throw new IllegalArgumentException("need 0 <= minLength <= maxLength, got " + minLength + ", " + maxLength);
      }
    }

    @Override
    public long maxBytes(JsonSchemaGrammar grammar) {
      return 2L + maxLength;
    }
  }

  /**
   * A decimal number with at most 9 integer digits and at most {@code fractionDigits} fraction digits
   * (0 for integers), whose value lies in {@code [min, max]} counted in units of
   * {@code 10^-fractionDigits}.
   */
  record Number(int fractionDigits, long min, long max) implements GrammarNode {
    public Number {
      if (fractionDigits < 0 || fractionDigits > 6 || min > max) {
        throw new IllegalArgumentException("bad number production " + fractionDigits + " " + min + " " + max);
      }
    }

    /** {@code 10^fractionDigits}: one integer step in units. */
    long unit() {
      return NumberFrames.POW10[fractionDigits];
    }

    @Override
    public long maxBytes(JsonSchemaGrammar grammar) {
      long magnitude = Math.max(Math.abs(min), Math.abs(max)) / unit();
      return (min < 0 ? 1 : 0) + Long.toString(magnitude).length() + (fractionDigits > 0 ? 1 + fractionDigits : 0);
    }
  }

  /** One of a fixed set of JSON texts (enum, const, booleans, null), sorted as unsigned bytes. */
  record Literals(byte[][] sorted) implements GrammarNode {
    public Literals {
      if (sorted.length == 0) {
        throw new IllegalArgumentException("a literal set needs at least one value");
      }
    }

    @Override
    public long maxBytes(JsonSchemaGrammar grammar) {
      long n = 0;
      for (byte[] l : sorted) {
        n = Math.max(n, l.length);
      }
      return n;
    }
  }

  /** {@code [item,item,…]} with {@code minItems..maxItems} items. */
  record Array(int item, int minItems, int maxItems) implements GrammarNode {
    public Array {
      if (minItems < 0 || maxItems < minItems) {
        throw new IllegalArgumentException("need 0 <= minItems <= maxItems, got " + minItems + ", " + maxItems);
      }
    }

    @Override
    public long maxBytes(JsonSchemaGrammar grammar) {
      return 2 + maxItems * grammar.node(item).maxBytes(grammar) + Math.max(0, maxItems - 1);
    }
  }
}
