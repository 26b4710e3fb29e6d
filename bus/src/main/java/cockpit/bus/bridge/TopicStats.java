package cockpit.bus.bridge;

import cockpit.proto.v1.TopicCounters;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counters of one topic, reported in ComponentStatus. */
final class TopicStats {
  final String keyExpr;
  final LongAdder received = new LongAdder();
  final LongAdder published = new LongAdder();
  final LongAdder dropped = new LongAdder();
  final LongAdder malformed = new LongAdder();
  final LongAdder oversized = new LongAdder();
  final LongAdder invalid = new LongAdder();

  TopicStats(String keyExpr) {
    this.keyExpr = keyExpr;
  }

  TopicCounters toProto(long extraDropped) {
    return TopicCounters.newBuilder().setKeyExpr(keyExpr).setReceived(received.sum())
        .setPublished(published.sum()).setDropped(dropped.sum() + extraDropped).setMalformed(malformed.sum())
        .setOversized(oversized.sum()).setInvalid(invalid.sum()).build();
  }
}
