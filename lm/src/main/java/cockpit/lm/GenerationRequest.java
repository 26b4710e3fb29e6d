package cockpit.lm;

import cockpit.lm.generate.ConstrainedDecoder;
import cockpit.lm.generate.SamplingOptions;
import java.util.Objects;

/**
 * What to generate after a prompt has been fed. Immutable itself, but the constraint it carries tracks one
 * document: a request serves one generation, on one thread.
 *
 * @param constraint a schema-constrained decoder for this generation, or null for free text
 */
public record GenerationRequest(SamplingOptions sampling, ConstrainedDecoder constraint) {
  public GenerationRequest {
    Objects.requireNonNull(sampling, "sampling");
  }
}
