package cockpit.perception.alert;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertEvidence;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.VehicleState;
import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One pass of the rules at one instant: the clock reading, the last vehicle state, and the Alert
 * messages produced. Created by {@link AlertEngine} per call and discarded after it.
 */
final class Evaluation {
  final long nowMs;
  /** Last VehicleState received, or null before the first. */
  final VehicleState vehicle;

  private final LongSupplier sequence;
  private final String idPrefix;
  private final List<Alert> out = new ArrayList<>();

  Evaluation(long nowMs, VehicleState vehicle, String idPrefix, LongSupplier sequence) {
    this.nowMs = nowMs;
    this.vehicle = vehicle;
    this.idPrefix = idPrefix;
    this.sequence = sequence;
  }

  /** Speed in km/h, 0 while no vehicle state has arrived. */
  double speedKmh() {
    return vehicle == null ? 0 : vehicle.getSpeedKmh();
  }

  Incident raise(
      AlertKind kind, AlertSeverity severity, Seat seat, String zone, String message, List<AlertEvidence> ev) {
    String name = kind.name().substring("ALERT_KIND_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    String id = name + "-" + idPrefix + "-" + sequence.getAsLong();
    Incident inc = new Incident(id, kind, nowMs, severity, seat, zone);
    emit(inc, AlertState.ALERT_STATE_RAISED, message, ev);
    return inc;
  }

  void escalate(Incident inc, AlertSeverity severity, String message, List<AlertEvidence> ev) {
    inc.level++;
    inc.severity = severity;
    inc.lastStepMs = nowMs;
    emit(inc, AlertState.ALERT_STATE_ESCALATED, message, ev);
  }

  void clear(Incident inc, String message, List<AlertEvidence> ev) {
    emit(inc, AlertState.ALERT_STATE_CLEARED, message, ev);
  }

  List<Alert> alerts() {
    return List.copyOf(out);
  }

  private void emit(Incident inc, AlertState state, String message, List<AlertEvidence> ev) {
    Alert.Builder b =
        Alert.newBuilder()
            .setAlertId(inc.id)
            .setKind(inc.kind)
            .setSeverity(inc.severity)
            .setState(state)
            .setMessage(message)
            .setRaisedTime(timestamp(inc.raisedMs))
            .setTime(timestamp(nowMs))
            .setEscalationLevel(inc.level)
            .setZone(inc.zone)
            .addAllEvidence(ev);
    if (inc.seat != null) {
      b.setSeat(inc.seat);
    }
    if (vehicle != null) {
      b.setVehicleState(vehicle);
    }
    out.add(b.build());
  }

  static Timestamp timestamp(long ms) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(ms, 1000L))
        .setNanos((int) Math.floorMod(ms, 1000L) * 1_000_000)
        .build();
  }
}
