package cockpit.lm.generate;

import java.util.List;

/**
 * How the next token is chosen, applied by {@link Sampler} in this order: allowed-token mask,
 * repetition penalty, temperature, top-k, top-p, min-p, then a seeded draw (or argmax when greedy).
 * Immutable and thread-safe.
 *
 * @param temperature divides the logits; {@code 0} means greedy (argmax, ties to the lowest id)
 * @param topK keep only the {@code topK} most likely tokens; {@code 0} turns it off
 * @param topP keep the smallest most-likely set whose probability reaches {@code topP}, in {@code (0, 1]};
 *     {@code 1} turns it off
 * @param minP drop tokens less likely than {@code minP} times the most likely one, in {@code [0, 1]};
 *     {@code 0} turns it off
 * @param repetitionPenalty divides positive (multiplies negative) logits of tokens already generated, at
 *     least {@code 1}; {@code 1} turns it off
 * @param seed seeds the draw; the same seed, options and logits give the same tokens
 * @param maxNewTokens the most tokens one generation may produce, at least 1
 * @param stopStrings texts that end generation when they appear (see {@link StopStrings}); none empty
 */
public record SamplingOptions(double temperature, int topK, double topP, double minP, double repetitionPenalty,
    long seed, int maxNewTokens, List<String> stopStrings) {
  /** LFM2's recommended settings (temperature 0.3, min-p 0.15, repetition penalty 1.05), seed 0. */
  public static final SamplingOptions DEFAULTS = new SamplingOptions(0.3, 0, 1.0, 0.15, 1.05, 0, 512, List.of());

  public SamplingOptions {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and >= 0 (0 = greedy), got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 = off), got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1] (1 = off), got " + topP);
    }
    if (!(minP >= 0 && minP <= 1)) {
      throw new IllegalArgumentException("minP must be in [0, 1] (0 = off), got " + minP);
    }
    if (!(repetitionPenalty >= 1) || Double.isInfinite(repetitionPenalty)) {
      throw new IllegalArgumentException("repetitionPenalty must be finite and >= 1 (1 = off), got "
          + repetitionPenalty);
    }
    if (maxNewTokens <= 0) {
      throw new IllegalArgumentException("maxNewTokens must be > 0, got " + maxNewTokens);
    }
    if (stopStrings == null) {
      throw new IllegalArgumentException("stopStrings must not be null (use an empty list)");
    }
    for (int i = 0; i < stopStrings.size(); i++) {
      if (stopStrings.get(i) == null || stopStrings.get(i).isEmpty()) {
        throw new IllegalArgumentException("stopStrings[" + i + "] is null or empty");
      }
    }
    stopStrings = List.copyOf(stopStrings);
  }

  /** Greedy decoding: argmax every step, no penalty, 512 new tokens at most, no stop strings. */
  public static SamplingOptions greedy() {
    return greedy(512);
  }

  /** Greedy decoding with at most {@code maxNewTokens} new tokens. */
  public static SamplingOptions greedy(int maxNewTokens) {
    return new SamplingOptions(0, 0, 1.0, 0, 1.0, 0, maxNewTokens, List.of());
  }

  /** {@link #DEFAULTS}. */
  public static SamplingOptions defaults() {
    return DEFAULTS;
  }

  /** True when {@link #temperature} is 0. */
  public boolean isGreedy() {
    return temperature == 0;
  }

  public SamplingOptions withSeed(long seed) {
    return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, seed, maxNewTokens, stopStrings);
  }

  public SamplingOptions withTemperature(double temperature) {
    return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, seed, maxNewTokens, stopStrings);
  }

  public SamplingOptions withTopK(int topK) {
    return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, seed, maxNewTokens, stopStrings);
  }

  public SamplingOptions withTopP(double topP) {
    return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, seed, maxNewTokens, stopStrings);
  }

  public SamplingOptions withMinP(double minP) {
    return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, seed, maxNewTokens, stopStrings);
  }

  public SamplingOptions withRepetitionPenalty(double repetitionPenalty) {
    return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, seed, maxNewTokens, stopStrings);
  }

  public SamplingOptions withMaxNewTokens(int maxNewTokens) {
    return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, seed, maxNewTokens, stopStrings);
  }

  public SamplingOptions withStopStrings(List<String> stopStrings) {
    return new SamplingOptions(temperature, topK, topP, minP, repetitionPenalty, seed, maxNewTokens, stopStrings);
  }
}
