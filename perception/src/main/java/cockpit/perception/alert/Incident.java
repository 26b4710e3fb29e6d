package cockpit.perception.alert;

import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.Seat;

/**
 * Book-keeping of one active alert (one alert_id) between RAISED and CLEARED. Owned by the rule that
 * raised it; confined to the engine's thread.
 */
final class Incident {
  final String id;
  final AlertKind kind;
  final long raisedMs;
  final Seat seat;
  final String zone;
  int level;
  AlertSeverity severity;
  long lastStepMs;

  Incident(String id, AlertKind kind, long raisedMs, AlertSeverity severity, Seat seat, String zone) {
    this.id = id;
    this.kind = kind;
    this.raisedMs = raisedMs;
    this.severity = severity;
    this.seat = seat;
    this.zone = zone;
    this.lastStepMs = raisedMs;
  }
}
