package cockpit.lm;

/**
 * One token a traced generation sampled ({@link GenerationRequest#traceTokens()}), in order. Immutable.
 *
 * @param id the token id
 * @param probability the model's own probability of {@code id} at this step: the softmax of the step's logits
 *     at temperature 1, before the repetition penalty and any sampling filter, over the ids the constraint
 *     allowed (every id without a constraint), renormalised — {@link cockpit.lm.generate.Sampler#probability}
 * @param forced the constraint left no choice at this step: whichever allowed token is taken, the document
 *     goes on with the same bytes ({@link cockpit.lm.generate.ConstrainedDecoder#forced()}); always false
 *     without a constraint
 */
public record SampledToken(int id, float probability, boolean forced) {
  public SampledToken {
    if (id < 0) {
      throw new IllegalArgumentException("token id must be >= 0, got " + id);
    }
    if (!(probability >= 0f && probability <= 1f)) {
      throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
    }
  }
}
