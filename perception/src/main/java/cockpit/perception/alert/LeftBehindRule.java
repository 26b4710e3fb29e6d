package cockpit.perception.alert;

import cockpit.proto.v1.AlertEvidence;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.VehicleState;
import java.util.ArrayList;
import java.util.List;

/**
 * CHILD_LEFT_BEHIND (CHILD, or INFANT_SEAT with attribute {@code occupied=true}) and PET_LEFT_BEHIND
 * (PET): one incident per kind per car. Presence starts with the first detection and lasts until
 * cabin-task sets without it span {@link AlertRulesConfig.LeftBehind#clearHold()}; silence is not
 * absence (fail-safe). RAISED (WARNING) once presence and "locked with power OFF/LOCK" have both held
 * for {@code delay}; ESCALATED (CRITICAL, level +1) every {@code escalationInterval} after that;
 * CLEARED when the car is unlocked or powered (someone came back) or absence is confirmed.
 */
final class LeftBehindRule implements AlertRule {
  private final AlertKind kind;
  private final AlertRulesConfig config;
  private final String noun;

  private long presentSinceMs = -1;
  private long absentSinceMs = -1;
  private long lastAbsentMs = -1;
  private long parkedSinceMs = -1;
  private List<AlertEvidence> evidence = List.of();
  private Seat seat;
  private Incident incident;

  LeftBehindRule(AlertKind kind, AlertRulesConfig config) {
    if (kind != AlertKind.ALERT_KIND_CHILD_LEFT_BEHIND && kind != AlertKind.ALERT_KIND_PET_LEFT_BEHIND) {
      throw new IllegalArgumentException("not a left-behind kind: " + kind);
    }
    this.kind = kind;
    this.config = config;
    this.noun = kind == AlertKind.ALERT_KIND_CHILD_LEFT_BEHIND ? "Child" : "Pet";
  }

  @Override
  public void observe(DetectionSet set, long nowMs) {
    List<AlertEvidence> seen = new ArrayList<>();
    Seat firstSeat = null;
    for (Detection d : set.getDetectionsList()) {
      if (matches(d)) {
        seen.add(Vss.of(set.getFrame(), d));
        if (firstSeat == null && d.hasSeat()) {
          firstSeat = d.getSeat();
        }
      }
    }
    if (!seen.isEmpty()) {
      if (presentSinceMs < 0) {
        presentSinceMs = nowMs;
      }
      absentSinceMs = -1;
      evidence = List.copyOf(seen);
      seat = firstSeat;
    } else if (presentSinceMs >= 0 && config.cabinTasks().contains(set.getTask())) {
      if (absentSinceMs < 0) {
        absentSinceMs = nowMs;
      }
      lastAbsentMs = nowMs;
    }
  }

  private boolean matches(Detection d) {
    if (d.getConfidence() < config.minConfidence()) {
      return false;
    }
    if (kind == AlertKind.ALERT_KIND_PET_LEFT_BEHIND) {
      return d.getKind() == DetectionKind.DETECTION_KIND_PET;
    }
    return d.getKind() == DetectionKind.DETECTION_KIND_CHILD
        || (d.getKind() == DetectionKind.DETECTION_KIND_INFANT_SEAT
            && "true".equalsIgnoreCase(d.getAttributesMap().get("occupied")));
  }

  @Override
  public void evaluate(Evaluation ev) {
    AlertRulesConfig.LeftBehind cfg = config.leftBehind();
    boolean parked = parked(ev.vehicle);
    parkedSinceMs = parked ? (parkedSinceMs < 0 ? ev.nowMs : parkedSinceMs) : -1;
    boolean absenceConfirmed = absentSinceMs >= 0 && lastAbsentMs - absentSinceMs >= cfg.clearHold().toMillis();
    if (absenceConfirmed) {
      presentSinceMs = -1;
      absentSinceMs = -1;
    }
    if (incident != null) {
      if (!parked) {
        ev.clear(incident, noun + " alert cleared: vehicle unlocked or powered on", List.of(Vss.power(ev.vehicle)));
        incident = null;
      } else if (absenceConfirmed) {
        ev.clear(incident, noun + " no longer detected in the cabin", List.of());
        incident = null;
      } else if (ev.nowMs - incident.raisedMs >= (incident.level + 1L) * cfg.escalationInterval().toMillis()) {
        ev.escalate(incident, AlertSeverity.ALERT_SEVERITY_CRITICAL, message("still"), facts(ev.vehicle));
      }
      return;
    }
    if (parked && presentSinceMs >= 0
        && ev.nowMs - Math.max(presentSinceMs, parkedSinceMs) >= cfg.delay().toMillis()) {
      incident = ev.raise(kind, AlertSeverity.ALERT_SEVERITY_WARNING, seat, "", message("left"), facts(ev.vehicle));
    }
  }

  private String message(String verb) {
    String where = seat == null ? "" : " (" + Vss.seatName(seat) + ")";
    return noun + " " + verb + " in locked vehicle" + where;
  }

  private List<AlertEvidence> facts(VehicleState v) {
    List<AlertEvidence> all = new ArrayList<>(evidence);
    all.add(Vss.power(v));
    return all;
  }

  private static boolean parked(VehicleState v) {
    return v != null
        && v.getIsLocked()
        && (v.getPowerState() == PowerState.POWER_STATE_OFF || v.getPowerState() == PowerState.POWER_STATE_LOCK);
  }
}
