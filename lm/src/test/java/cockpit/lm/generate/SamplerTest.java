package cockpit.lm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final SamplingOptions PLAIN = SamplingOptions.DEFAULTS.withTemperature(1).withMinP(0)
      .withRepetitionPenalty(1);

  @Test
  void sameSeedSameTokensOtherSeedOtherTokens() {
    float[][] steps = randomLogits(50, 1000, 1);
    assertEquals(run(PLAIN.withSeed(3), steps), run(PLAIN.withSeed(3), steps));
    assertTrue(!run(PLAIN.withSeed(3), steps).equals(run(PLAIN.withSeed(4), steps)));
  }

  @Test
  void greedyIsArgmaxWithTiesToTheLowestId() {
    Sampler s = new Sampler(SamplingOptions.greedy());
    assertEquals(2, s.next(new float[] {1, 3, 5, 5, -1}, null, null));
    for (float[] l : randomLogits(20, 500, 2)) {
      assertEquals(argmax(l), s.next(l, null, null));
    }
  }

  @Test
  void topKOfOneIsGreedyAtAnyTemperature() {
    Sampler k1 = new Sampler(PLAIN.withTopK(1).withTemperature(5).withSeed(9));
    assertEquals(2, k1.next(new float[] {1, 3, 5, 5, -1}, null, null));
    for (float[] l : randomLogits(50, 500, 3)) {
      assertEquals(argmax(l), k1.next(l, null, null));
    }
  }

  @Test
  void topPKeepsTheSmallestSetReachingP() {
    // Probabilities 0.5, 0.3, 0.2 (ids 0, 1, 2).
    float[] l = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
    assertEquals(BitSet.valueOf(new long[] {0b001}), drawn(PLAIN.withTopP(0.5), l, 500), "p = top mass: top only");
    assertEquals(BitSet.valueOf(new long[] {0b011}), drawn(PLAIN.withTopP(0.51), l, 500), "just above: two");
    assertEquals(BitSet.valueOf(new long[] {0b111}), drawn(PLAIN.withTopP(1.0), l, 2000), "p = 1: all");
    assertEquals(BitSet.valueOf(new long[] {0b001}), drawn(PLAIN.withTopP(1e-9), l, 100), "tiny p: argmax");
  }

  @Test
  void minPDropsUnlikelyTokens() {
    float[] l = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
    assertEquals(BitSet.valueOf(new long[] {0b011}), drawn(PLAIN.withMinP(0.5), l, 1000), "0.2 < 0.5 * 0.5");
  }

  @Test
  void masksAreRespectedAndAnEmptyMaskIsAnError() {
    float[] l = {10, 9, -2, 0, 3};
    BitSet allowed = BitSet.valueOf(new long[] {0b10100});
    for (SamplingOptions o : List.of(SamplingOptions.greedy(), PLAIN, PLAIN.withTopK(2), PLAIN.withTopP(0.9))) {
      BitSet seen = drawn(o, l, allowed, 300);
      seen.andNot(allowed);
      assertTrue(seen.isEmpty(), "drew masked ids " + seen + " with " + o);
    }
    assertEquals(2, new Sampler(PLAIN).next(new float[] {1, 1, Float.NEGATIVE_INFINITY}, BitSet.valueOf(new long[] {4}),
        null), "allowed but impossible: the lowest allowed id");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new Sampler(PLAIN).next(l, new BitSet(), null));
    assertEquals("no token is allowed: the mask excludes all 5 ids", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Sampler(PLAIN).next(new float[] {1, Float.NaN}, null, null));
  }

  @Test
  void probabilityIsTheSoftmaxOverTheAllowedIdsRenormalised() {
    float ln2 = (float) Math.log(2);
    float ln3 = (float) Math.log(3);
    float[] logits = {0, ln2, ln3, 5, Float.NEGATIVE_INFINITY};
    BitSet three = new BitSet();
    three.set(0, 3);
    // ln 2 and ln 3 rounded to float: 1e-7 relative
    assertEquals(3 / 6.0, Sampler.probability(logits, three, 2), 1e-7);
    assertEquals(1 / 6.0, Sampler.probability(logits, three, 0), 1e-7);
    BitSet two = new BitSet();
    two.set(1, 3);
    assertEquals(2 / 5.0, Sampler.probability(logits, two, 1), 1e-7);
    assertEquals(0, Sampler.probability(logits, two, 0), "not allowed");
    double all = 1 + 2 + 3 + Math.exp(5);
    assertEquals(Math.exp(5) / all, Sampler.probability(logits, null, 3), 1e-7);
    assertEquals(0, Sampler.probability(logits, null, 4), "-Infinity");
    BitSet one = new BitSet();
    one.set(3);
    assertEquals(1, Sampler.probability(logits, one, 3), "a single allowed id is certain");
    BitSet dead = new BitSet();
    dead.set(4);
    dead.set(2);
    logits[2] = Float.NEGATIVE_INFINITY;
    assertEquals(0.5, Sampler.probability(logits, dead, 2), "all -Infinity: uniform");
    assertThrows(IllegalArgumentException.class, () -> Sampler.probability(logits, new BitSet(), 0));
    assertThrows(IllegalArgumentException.class, () -> Sampler.probability(logits, null, 5));
  }

  @Test
  void probabilityIsStableForLargeLogits() {
    float[] logits = {1000f, 1000f, -1000f};
    assertEquals(0.5, Sampler.probability(logits, null, 0), 1e-12);
    assertEquals(0, Sampler.probability(logits, null, 2), 1e-12);
  }

  @Test
  void repetitionPenaltyDemotesGeneratedTokens() {
    Sampler s = new Sampler(SamplingOptions.greedy().withRepetitionPenalty(1.5));
    assertEquals(0, s.next(new float[] {4, 3, 1}, null, new int[] {1}));
    assertEquals(1, s.next(new float[] {4, 3, 1}, null, new int[] {0, 0}), "4 / 1.5 < 3");
    assertEquals(1, s.next(new float[] {-1, -1.2f}, null, new int[] {0}),
        "negative logits are multiplied: -1.5 < -1.2");
  }

  @Test
  void frequenciesFollowTheSoftmax() {
    float[] l = {0, 1, 2, -1};
    double[] p = softmax(l);
    int[] counts = new int[l.length];
    Sampler s = new Sampler(PLAIN.withSeed(1));
    int draws = 40_000;
    for (int i = 0; i < draws; i++) {
      counts[s.next(l, null, null)]++;
    }
    for (int id = 0; id < l.length; id++) {
      double sd = Math.sqrt(draws * p[id] * (1 - p[id]));
      assertTrue(Math.abs(counts[id] - draws * p[id]) < 5 * sd,
          "id " + id + ": " + counts[id] + " vs " + draws * p[id]);
    }
  }

  @Test
  void matchesTheFullSortReferenceOnRandomInputs() {
    Random rnd = new Random(77);
    for (int trial = 0; trial < 300; trial++) {
      int vocab = 1 + rnd.nextInt(trial % 10 == 0 ? 70_000 : 300);
      SamplingOptions o = new SamplingOptions(rnd.nextInt(4) == 0 ? 0 : 0.1 + 2 * rnd.nextDouble(),
          rnd.nextBoolean() ? 0 : 1 + rnd.nextInt(50), rnd.nextBoolean() ? 1 : 0.01 + 0.99 * rnd.nextDouble(),
          rnd.nextBoolean() ? 0 : rnd.nextDouble() * 0.5, 1 + rnd.nextDouble(), trial, 10, List.of());
      Sampler s = new Sampler(o);
      SplittableRandom reference = new SplittableRandom(trial);
      for (int step = 0; step < 5; step++) {
        float[] l = randomLogits(1, vocab, rnd.nextLong())[0];
        l[rnd.nextInt(vocab)] = Float.NEGATIVE_INFINITY;
        BitSet allowed = new BitSet();
        for (int id = 0; id < vocab; id++) {
          allowed.set(id, rnd.nextInt(4) != 0);
        }
        allowed.set(rnd.nextInt(vocab));
        int[] previous = rnd.ints(3, 0, vocab).toArray();
        assertEquals(reference(o, reference, l, allowed, previous), s.next(l, allowed, previous),
            "trial " + trial + " step " + step + " " + o);
      }
    }
  }

  /** The documented procedure, written plainly with a full sort: the oracle for the sampler's shortcuts. */
  private static int reference(SamplingOptions o, SplittableRandom r, float[] logits, BitSet allowed, int[] prev) {
    BitSet seen = new BitSet();
    for (int t : prev) {
      seen.set(t);
    }
    List<Integer> ids = new ArrayList<>();
    float[] score = new float[logits.length];
    int best = -1;
    for (int id = allowed.nextSetBit(0); id >= 0; id = allowed.nextSetBit(id + 1)) {
      float v = logits[id];
      if (seen.get(id) && o.repetitionPenalty() != 1) {
        v = v > 0 ? (float) (v / o.repetitionPenalty()) : (float) (v * o.repetitionPenalty());
      }
      score[id] = v;
      if (v != Float.NEGATIVE_INFINITY) {
        ids.add(id);
        best = best < 0 || v > score[best] ? id : best;
      }
    }
    if (best < 0) {
      return allowed.nextSetBit(0);
    }
    if (o.isGreedy()) {
      return best;
    }
    double[] w = new double[logits.length];
    for (int id : ids) {
      w[id] = Math.exp(((double) score[id] - score[best]) / o.temperature());
    }
    ids.removeIf(id -> w[id] == 0);
    double total = sum(ids, w);
    if (o.topK() != 0 || o.topP() != 1) {
      ids.sort(Comparator.<Integer>comparingDouble(id -> -score[id]).thenComparingInt(id -> id));
      if (o.topK() > 0 && ids.size() > o.topK()) {
        ids = new ArrayList<>(ids.subList(0, o.topK()));
      }
      double mass = o.topK() == 0 ? total : sum(ids, w);
      double cumulative = 0;
      for (int i = 0; i < ids.size() && o.topP() < 1; i++) {
        cumulative += w[ids.get(i)];
        if (cumulative >= o.topP() * mass) {
          ids = new ArrayList<>(ids.subList(0, i + 1));
          break;
        }
      }
    }
    List<Integer> kept = new ArrayList<>(ids);
    kept.removeIf(id -> w[id] < o.minP());
    if (kept.isEmpty()) {
      kept.add(ids.get(0));
    }
    double u = r.nextDouble() * sum(kept, w);
    for (int id : kept.subList(0, kept.size() - 1)) {
      u -= w[id];
      if (u < 0) {
        return id;
      }
    }
    return kept.get(kept.size() - 1);
  }

  /** Plain left-to-right sum, as the sampler adds (streams compensate, which would differ in the last bit). */
  private static double sum(List<Integer> ids, double[] w) {
    double s = 0;
    for (int id : ids) {
      s += w[id];
    }
    return s;
  }

  private static List<Integer> run(SamplingOptions o, float[][] steps) {
    Sampler s = new Sampler(o);
    List<Integer> out = new ArrayList<>();
    for (float[] l : steps) {
      out.add(s.next(l, null, out.stream().mapToInt(Integer::intValue).toArray()));
    }
    return out;
  }

  private static BitSet drawn(SamplingOptions o, float[] logits, int draws) {
    return drawn(o, logits, null, draws);
  }

  private static BitSet drawn(SamplingOptions o, float[] logits, BitSet allowed, int draws) {
    Sampler s = new Sampler(o);
    BitSet seen = new BitSet();
    for (int i = 0; i < draws; i++) {
      seen.set(s.next(logits, allowed, null));
    }
    return seen;
  }

  private static float[][] randomLogits(int steps, int vocab, long seed) {
    Random g = new Random(seed);
    float[][] out = new float[steps][vocab];
    for (float[] l : out) {
      for (int i = 0; i < vocab; i++) {
        l[i] = (float) (g.nextGaussian() * 3);
      }
    }
    return out;
  }

  private static int argmax(float[] l) {
    int best = 0;
    for (int i = 1; i < l.length; i++) {
      best = l[i] > l[best] ? i : best;
    }
    return best;
  }

  private static double[] softmax(float[] l) {
    double[] p = new double[l.length];
    double sum = 0;
    for (int i = 0; i < l.length; i++) {
      sum += p[i] = Math.exp(l[i]);
    }
    for (int i = 0; i < l.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
