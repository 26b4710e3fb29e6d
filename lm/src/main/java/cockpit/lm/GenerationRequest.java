package cockpit.lm;

import cockpit.lm.generate.ConstrainedDecoder;
import cockpit.lm.generate.SamplingOptions;
import java.util.Objects;

/**
 * What to generate after a prompt has been fed. Immutable itself, but the constraint it carries tracks one
 * document: a request serves one generation, on one thread.
 *
 * @param constraint a schema-constrained decoder for this generation, or null for free text
 * @param traceTokens record each sampled token's probability and whether it was forced in
 *     {@link GenerationResult#tokens()} (one softmax over the allowed ids per step; off for dialogue)
 */
public record GenerationRequest(SamplingOptions sampling, ConstrainedDecoder constraint, boolean traceTokens) {
  public GenerationRequest {
    Objects.requireNonNull(sampling, "sampling");
  }

  /** Without a token trace. */
  public GenerationRequest(SamplingOptions sampling, ConstrainedDecoder constraint) {
    this(sampling, constraint, false);
  }
}
