package cockpit.bus.zenoh;

import java.util.Optional;

/** One answer to a get: a sample from a queryable, or the error a queryable replied. */
public sealed interface Reply {
  /** A queryable answered with a value. */
  record Success(Sample sample) implements Reply {}

  /** A queryable answered with an error payload. */
  record Error(ZBytes payload, Encoding encoding) implements Reply {}

  /** The sample of a success; empty for an error. */
  default Optional<Sample> ok() {
    return this instanceof Success s ? Optional.of(s.sample()) : Optional.empty();
  }
}
