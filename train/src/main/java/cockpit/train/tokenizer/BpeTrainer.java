package cockpit.train.tokenizer;

import cockpit.npu.model.TokenizerFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Learns byte-level BPE merges from a corpus: count the corpus's pre-tokenized pieces
 * ({@link ByteLevel}), then repeatedly merge the most frequent adjacent pair of symbols, ties broken
 * by the smaller left id, then the smaller right id, so the same corpus always gives the same
 * merges. Special-token text in a document is cut out before counting (those tokens are never
 * learned). Pair counts are kept incrementally: a merge only revisits the pieces that hold the pair.
 * Single-use helper; {@link #train} is stateless and thread-safe.
 */
public final class BpeTrainer {
  /** A candidate merge as it was counted; stale entries are skipped when popped. */
  private record Candidate(long count, int left, int right) {}

  private BpeTrainer() {}

  /** Trains on {@code documents} (plain text; special-token strings in them are ignored). */
  public static Bpe train(Iterable<String> documents, BpeOptions options) {
    Map<String, Long> counts = new TreeMap<>();
    for (String doc : documents) {
      for (String part : Bpe.splitOnSpecials(doc)) {
        for (String piece : ByteLevel.pieces(part)) {
          counts.merge(piece, 1L, Long::sum);
        }
      }
    }
    return new Run(counts, options).learn();
  }

  /** The mutable state of one training run. */
  private static final class Run {
    private final BpeOptions options;
    private final String[] vocab;
    private final Map<String, Integer> ids = new HashMap<>();
    private final int[][] words;
    private final long[] freq;
    private final Map<Long, Long> pairCounts = new HashMap<>();
    private final Map<Long, Set<Integer>> where = new HashMap<>();
    private final PriorityQueue<Candidate> queue = new PriorityQueue<>((a, b) -> a.count != b.count
        ? Long.compare(b.count, a.count) : a.left != b.left ? Integer.compare(a.left, b.left)
        : Integer.compare(a.right, b.right));
    private final List<String[]> merges = new ArrayList<>();
    private final Set<Long> banned = new HashSet<>();

    Run(Map<String, Long> counts, BpeOptions options) {
      this.options = options;
      vocab = Bpe.baseVocabulary(options.vocabSize());
      for (int id = 0; id < vocab.length; id++) {
        if (vocab[id] != null) {
          ids.put(vocab[id], id);
        }
      }
      words = new int[counts.size()][];
      freq = new long[counts.size()];
      int w = 0;
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        String piece = e.getKey();
        int[] symbols = new int[piece.length()];
        for (int i = 0; i < symbols.length; i++) {
          symbols[i] = ids.get(String.valueOf(piece.charAt(i)));
        }
        words[w] = symbols;
        freq[w] = e.getValue();
        addPairs(w, +1);
        w++;
      }
      pairCounts.forEach((k, c) -> queue.add(new Candidate(c, left(k), right(k))));
    }

    Bpe learn() {
      int next = TokenizerFiles.BYTE_OFFSET + 256;
      Set<String> specials = new HashSet<>(TokenizerFiles.SPECIAL.values());
      while (true) {
        next = nextFree(next);
        if (next >= vocab.length) {
          break;
        }
        Candidate c = queue.poll();
        if (c == null || c.count < options.minFrequency()) {
          break;
        }
        long key = key(c.left, c.right);
        if (banned.contains(key) || pairCounts.getOrDefault(key, 0L) != c.count) {
          continue; // stale: the pair's count changed after this entry was queued
        }
        String merged = vocab[c.left] + vocab[c.right];
        if (specials.contains(merged)) {
          banned.add(key); // never learn a special token's spelling
          continue;
        }
        Integer product = ids.get(merged);
        if (product == null) {
          product = next;
          vocab[next] = merged;
          ids.put(merged, next);
        }
        merges.add(new String[] {vocab[c.left], vocab[c.right]});
        apply(key, c.left, c.right, product);
      }
      for (int id = 0; id < vocab.length; id++) {
        if (vocab[id] == null) {
          vocab[id] = "<|reserved_" + id + "|>";
        }
      }
      return new Bpe(Arrays.asList(vocab), merges);
    }

    private int nextFree(int id) {
      while (id < vocab.length && vocab[id] != null) {
        id++;
      }
      return id;
    }

    /** Replaces (left, right) by {@code product} in every piece that holds it, updating the counts. */
    private void apply(long key, int left, int right, int product) {
      Set<Integer> holders = where.remove(key);
      int[] sorted = holders.stream().mapToInt(Integer::intValue).sorted().toArray();
      Set<Long> touched = new HashSet<>();
      for (int w : sorted) {
        int[] s = words[w];
        int[] out = new int[s.length];
        int n = 0;
        for (int i = 0; i < s.length; i++) {
          if (i + 1 < s.length && s[i] == left && s[i + 1] == right) {
            out[n++] = product;
            i++;
          } else {
            out[n++] = s[i];
          }
        }
        if (n == s.length) {
          continue;
        }
        touched.addAll(addPairs(w, -1));
        words[w] = Arrays.copyOf(out, n);
        touched.addAll(addPairs(w, +1));
      }
      for (long k : touched) {
        long c = pairCounts.getOrDefault(k, 0L);
        if (c > 0) {
          queue.add(new Candidate(c, left(k), right(k)));
        }
      }
    }

    /** Adds (sign +1) or removes (−1) piece {@code w}'s adjacent pairs; returns the pairs touched. */
    private List<Long> addPairs(int w, int sign) {
      int[] s = words[w];
      List<Long> keys = new ArrayList<>(s.length);
      for (int i = 0; i + 1 < s.length; i++) {
        long k = key(s[i], s[i + 1]);
        long c = pairCounts.getOrDefault(k, 0L) + sign * freq[w];
        if (c == 0) {
          pairCounts.remove(k);
        } else {
          pairCounts.put(k, c);
        }
        if (sign > 0) {
          where.computeIfAbsent(k, x -> new HashSet<>()).add(w);
        }
        keys.add(k);
      }
      return keys;
    }

    private static long key(int left, int right) {
      return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static int left(long key) {
      return (int) (key >>> 32);
    }

    private static int right(long key) {
      return (int) key;
    }
  }
}
