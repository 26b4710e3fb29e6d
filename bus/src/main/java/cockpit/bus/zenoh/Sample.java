package cockpit.bus.zenoh;

import java.util.Objects;
import java.util.Optional;

/**
 * One received value: its concrete key, payload, optional attachment and the metadata Zenoh carried.
 * Immutable; owns copies of all bytes, so it may outlive the callback that delivered it.
 *
 * @param timestampNtp64 the Zenoh timestamp as NTP64, 0 when the sample carried none
 */
public record Sample(
    KeyExpr keyExpr,
    ZBytes payload,
    Optional<ZBytes> attachment,
    Encoding encoding,
    SampleKind kind,
    Priority priority,
    CongestionControl congestionControl,
    boolean express,
    long timestampNtp64) {
  public Sample {
    Objects.requireNonNull(keyExpr, "keyExpr");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(attachment, "attachment");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(kind, "kind");
  }
}
