package cockpit.lm.generate;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Allowed-token masks of one {@link JsonSchemaGrammar} over one {@link TokenBytes} vocabulary. A token
 * is allowed in a state when its whole byte sequence keeps the output a prefix of some document; the
 * end-of-turn token when the document is complete. A mask is computed by walking the vocabulary's
 * byte trie from the state, pruning at the first byte the grammar rejects, and cached under the state's
 * {@linkplain GrammarState#maskKey mask key} (counters clamped to the longest token), so later steps
 * and later generations reuse it, together with whether the state leaves a choice at all
 * ({@link ConstrainedDecoder#forced()}). The cache holds at most {@code maxCachedMasks} masks (each up to
 * {@code vocabSize / 8} bytes) and is emptied when full. Thread-safe: share one instance per (grammar,
 * vocabulary) pair across generations; make a {@link ConstrainedDecoder} per generation.
 */
public final class TokenMasks {
  public static final int DEFAULT_MAX_CACHED_MASKS = 4096;

  private final JsonSchemaGrammar grammar;
  private final TokenBytes tokens;
  private final TokenTrie trie;
  private final int maxCachedMasks;
  private final ConcurrentHashMap<GrammarState, Mask> cache = new ConcurrentHashMap<>();
  private final AtomicLong computed = new AtomicLong();

  public TokenMasks(JsonSchemaGrammar grammar, TokenBytes tokens) {
    this(grammar, tokens, DEFAULT_MAX_CACHED_MASKS);
  }

  /**
   * Builds the vocabulary's byte trie once: milliseconds for a byte-level vocabulary, up to a few hundred
   * for 65536 multi-byte tokens.
   */
  public TokenMasks(JsonSchemaGrammar grammar, TokenBytes tokens, int maxCachedMasks) {
    if (maxCachedMasks < 1) {
      throw new IllegalArgumentException("maxCachedMasks must be >= 1, got " + maxCachedMasks);
    }
    this.grammar = Objects.requireNonNull(grammar, "grammar");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.trie = new TokenTrie(tokens);
    this.maxCachedMasks = maxCachedMasks;
  }

  /** A decoder for one new document. */
  public ConstrainedDecoder newDecoder() {
    return new ConstrainedDecoder(this);
  }

  public JsonSchemaGrammar grammar() {
    return grammar;
  }

  public TokenBytes tokens() {
    return tokens;
  }

  /** Masks held in the cache now. */
  public int cachedMasks() {
    return cache.size();
  }

  /** Masks computed so far (cache misses). */
  public long computedMasks() {
    return computed.get();
  }

  /** The allowed ids in {@code state}; shared with the cache, so callers must not modify it. */
  BitSet mask(GrammarState state) {
    return entry(state).allowed();
  }

  /**
   * True when the grammar leaves no choice in {@code state}: the document must go on with one byte string at
   * least as long as the longest allowed token (and may not end here), so every allowed token spells a
   * prefix of it — the tokens differ only in how they split forced text. A step whose allowed tokens are
   * {@code 1} and {@code 12} where {@code 13} is also valid is not forced: taking {@code 12} chose the 2.
   */
  boolean forced(GrammarState state) {
    return entry(state).forced();
  }

  private Mask entry(GrammarState state) {
    GrammarState key = state.maskKey(trie.maxTokenLength);
    Mask mask = cache.get(key);
    if (mask == null) {
      mask = compute(state);
      computed.incrementAndGet();
      if (cache.size() >= maxCachedMasks) {
        cache.clear();
      }
      cache.putIfAbsent(key, mask);
    }
    return mask;
  }

  /** The allowed ids and whether they leave a choice; equal for states with equal mask keys. */
  private record Mask(BitSet allowed, boolean forced) {}

  private Mask compute(GrammarState state) {
    // Unsized, so masks of low ids (a byte-level vocabulary's) stay a few words long.
    BitSet mask = new BitSet();
    if (state.complete()) {
      mask.set(tokens.endOfTurn());
    }
    // Transitions met during this walk: many trie paths pass through the same states.
    Map<GrammarState, GrammarState[]> steps = new HashMap<>();
    int[] nodeStack = new int[64];
    int[] depthStack = new int[64];
    GrammarState[] stateStack = new GrammarState[64];
    nodeStack[0] = 0;
    stateStack[0] = state;
    int sp = 1;
    int longest = 0;
    while (sp > 0) {
      sp--;
      int node = nodeStack[sp];
      int depth = depthStack[sp];
      GrammarState s = stateStack[sp];
      GrammarState[] next = steps.computeIfAbsent(s, k -> new GrammarState[256]);
      for (int e = trie.edgeStart[node]; e < trie.edgeStart[node + 1]; e++) {
        int c = trie.edgeByte[e] & 0xFF;
        GrammarState t = next[c];
        if (t == null) {
          t = s.step(c);
          next[c] = t = t == null ? GrammarState.DEAD : t;
        }
        if (t == GrammarState.DEAD) {
          continue;
        }
        int child = trie.edgeNode[e];
        for (int i = trie.tokenStart[child]; i < trie.tokenStart[child + 1]; i++) {
          mask.set(trie.tokenIds[i]);
          longest = Math.max(longest, depth + 1);
        }
        if (trie.edgeStart[child] < trie.edgeStart[child + 1]) {
          if (sp == nodeStack.length) {
            nodeStack = java.util.Arrays.copyOf(nodeStack, sp * 2);
            depthStack = java.util.Arrays.copyOf(depthStack, sp * 2);
            stateStack = java.util.Arrays.copyOf(stateStack, sp * 2);
          }
          nodeStack[sp] = child;
          depthStack[sp] = depth + 1;
          stateStack[sp++] = t;
        }
      }
    }
    return new Mask(mask, forced(state, longest, steps));
  }

  /**
   * Walks {@code longest} bytes from {@code state}; forced when each of them is the only byte the grammar
   * allows there (and the document cannot end first). Only end-of-turn allowed ({@code longest} 0) is forced.
   */
  private static boolean forced(GrammarState state, int longest, Map<GrammarState, GrammarState[]> steps) {
    if (longest == 0) {
      return true;
    }
    if (state.complete()) {
      return false;
    }
    GrammarState s = state;
    for (int k = 0; k < longest; k++) {
      GrammarState[] next = steps.computeIfAbsent(s, x -> new GrammarState[256]);
      GrammarState only = null;
      for (int c = 0; c < 256; c++) {
        GrammarState t = next[c];
        if (t == null) {
          t = s.step(c);
          next[c] = t = t == null ? GrammarState.DEAD : t;
        }
        if (t != GrammarState.DEAD) {
          if (only != null) {
            return false;
          }
          only = t;
        }
      }
      if (only == null) {
        return false;
      }
      s = only;
    }
    return true;
  }
}
