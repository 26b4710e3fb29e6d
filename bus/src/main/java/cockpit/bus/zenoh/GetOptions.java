package cockpit.bus.zenoh;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a get.
 *
 * @param payload bytes sent with the query, or null for none
 * @param attachment bytes sent beside the query, or null for none
 * @param encoding encoding of the payload, or null
 * @param timeout how long to wait for replies; the get finishes at the latest then
 */
public record GetOptions(
    ZBytes payload,
    ZBytes attachment,
    Encoding encoding,
    Duration timeout,
    QueryTarget target,
    ConsolidationMode consolidation) {
  public static final GetOptions DEFAULT =
      new GetOptions(null, null, null, Duration.ofSeconds(10), QueryTarget.BEST_MATCHING, ConsolidationMode.AUTO);

  public GetOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a get timeout must be positive, got " + timeout);
    }
    if (target == null) {
      target = QueryTarget.BEST_MATCHING;
    }
    if (consolidation == null) {
      consolidation = ConsolidationMode.AUTO;
    }
  }

  public GetOptions withPayload(ZBytes p) {
    return new GetOptions(p, attachment, encoding, timeout, target, consolidation);
  }

  public GetOptions withAttachment(ZBytes a) {
    return new GetOptions(payload, a, encoding, timeout, target, consolidation);
  }

  public GetOptions withEncoding(Encoding e) {
    return new GetOptions(payload, attachment, e, timeout, target, consolidation);
  }

  public GetOptions withTimeout(Duration t) {
    return new GetOptions(payload, attachment, encoding, t, target, consolidation);
  }

  public GetOptions withTarget(QueryTarget t) {
    return new GetOptions(payload, attachment, encoding, timeout, t, consolidation);
  }

  public GetOptions withConsolidation(ConsolidationMode c) {
    return new GetOptions(payload, attachment, encoding, timeout, target, c);
  }
}
