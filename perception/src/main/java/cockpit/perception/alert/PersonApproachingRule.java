package cockpit.perception.alert;

import cockpit.proto.v1.AlertEvidence;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.VehicleState;
import java.util.List;
import java.util.Locale;

/**
 * PERSON_APPROACHING (greeter / sentinel, a design choice: VSS has no such signal, anchors §7): a PERSON
 * detection in an exterior zone whose attribute {@code approaching} is not {@code false}, while the car is
 * parked (power OFF/LOCK). RAISED as INFO (it is a greeting cue, not a hazard), never escalated, CLEARED when
 * no such detection came for {@link AlertRulesConfig.DoorHazard#hold()} or the car is no longer parked. One
 * incident per car.
 */
final class PersonApproachingRule implements AlertRule {
  private final AlertRulesConfig config;
  private long lastSeenMs = -1;
  private AlertEvidence seen;
  private String zone = "";
  private Incident incident;

  PersonApproachingRule(AlertRulesConfig config) {
    this.config = config;
  }

  @Override
  public void observe(DetectionSet set, long nowMs) {
    for (Detection d : set.getDetectionsList()) {
      if (d.getKind() == DetectionKind.DETECTION_KIND_PERSON
          && d.getZone().toLowerCase(Locale.ROOT).startsWith("exterior")
          && d.getConfidence() >= config.minConfidence()
          && !"false".equalsIgnoreCase(d.getAttributesMap().get("approaching"))) {
        lastSeenMs = nowMs;
        seen = Vss.of(set.getFrame(), d);
        zone = d.getZone();
      }
    }
  }

  @Override
  public void evaluate(Evaluation ev) {
    boolean recent = lastSeenMs >= 0 && ev.nowMs - lastSeenMs < config.doorHazard().hold().toMillis();
    boolean parked = parked(ev.vehicle);
    if (incident != null && !(recent && parked)) {
      ev.clear(incident, recent ? "Vehicle no longer parked" : "Nobody approaching the vehicle any more", List.of());
      incident = null;
    } else if (incident == null && recent && parked) {
      incident = ev.raise(AlertKind.ALERT_KIND_PERSON_APPROACHING, AlertSeverity.ALERT_SEVERITY_INFO, null, zone,
          "Person approaching the parked vehicle (" + zone + ")", List.of(seen, Vss.power(ev.vehicle)));
    }
  }

  private static boolean parked(VehicleState v) {
    return v != null
        && (v.getPowerState() == PowerState.POWER_STATE_OFF || v.getPowerState() == PowerState.POWER_STATE_LOCK);
  }
}
