package cockpit.perception.alert;

import cockpit.proto.v1.AlertEvidence;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.DoorSide;
import cockpit.proto.v1.DoorState;
import cockpit.proto.v1.DriverPosition;
import cockpit.proto.v1.VehicleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DOOR_OPEN_HAZARD, one incident per physical side (design choice; VSS has no approach signal). A
 * PERSON, CYCLIST or VEHICLE detection in an exterior zone naming a side ("exterior/left-rear"),
 * unless its attribute {@code approaching=false}, counts for {@link AlertRulesConfig.DoorHazard#hold()}.
 * With such a detection: a door open on that side gives CRITICAL; else a stopped (speed at most
 * {@code stoppedSpeedKmh}) and unlocked car gives WARNING. Raised at once; a WARNING escalates to
 * CRITICAL when a door on that side opens; CLEARED when either part of the condition ends. Silence
 * from the exterior camera ends the hold, so a stale stream clears this alert.
 */
final class DoorHazardRule implements AlertRule {
  private static final String[] SIDES = {"left", "right"};

  private final AlertRulesConfig config;
  private final long[] lastSeenMs = {-1, -1};
  private final AlertEvidence[] seen = new AlertEvidence[2];
  private final Incident[] incidents = new Incident[2];

  DoorHazardRule(AlertRulesConfig config) {
    this.config = config;
  }

  @Override
  public void observe(DetectionSet set, long nowMs) {
    for (Detection d : set.getDetectionsList()) {
      int side = side(d.getZone());
      boolean road = d.getKind() == DetectionKind.DETECTION_KIND_PERSON
          || d.getKind() == DetectionKind.DETECTION_KIND_CYCLIST
          || d.getKind() == DetectionKind.DETECTION_KIND_VEHICLE;
      if (side >= 0 && road && d.getConfidence() >= config.minConfidence()
          && !"false".equalsIgnoreCase(d.getAttributesMap().get("approaching"))) {
        lastSeenMs[side] = nowMs;
        seen[side] = Vss.of(set.getFrame(), d);
      }
    }
  }

  @Override
  public void evaluate(Evaluation ev) {
    AlertRulesConfig.DoorHazard cfg = config.doorHazard();
    for (int side = 0; side < 2; side++) {
      boolean recent = lastSeenMs[side] >= 0 && ev.nowMs - lastSeenMs[side] < cfg.hold().toMillis();
      List<DoorState> open = ev.vehicle == null ? List.of() : openDoors(ev.vehicle, side);
      boolean stoppedUnlocked = ev.vehicle != null && !ev.vehicle.getIsLocked() && ev.speedKmh() <= cfg.stoppedSpeedKmh();
      boolean hazard = recent && (!open.isEmpty() || stoppedUnlocked);
      AlertSeverity severity = open.isEmpty() ? AlertSeverity.ALERT_SEVERITY_WARNING : AlertSeverity.ALERT_SEVERITY_CRITICAL;
      String zone = "exterior/" + SIDES[side];
      Incident inc = incidents[side];
      if (inc != null && !hazard) {
        ev.clear(inc, "Door hazard on the " + SIDES[side] + " has passed", List.of());
        incidents[side] = null;
      } else if (inc == null && hazard) {
        incidents[side] = ev.raise(AlertKind.ALERT_KIND_DOOR_OPEN_HAZARD, severity, null, zone, text(side, open), facts(ev, side, open));
      } else if (inc != null && severity.getNumber() > inc.severity.getNumber()) {
        ev.escalate(inc, severity, text(side, open), facts(ev, side, open));
      }
    }
  }

  private String text(int side, List<DoorState> open) {
    return open.isEmpty()
        ? "Road user approaching on the " + SIDES[side] + ": check before opening doors"
        : "Door open on the " + SIDES[side] + " with a road user approaching";
  }

  private List<AlertEvidence> facts(Evaluation ev, int side, List<DoorState> open) {
    List<AlertEvidence> all = new ArrayList<>();
    all.add(seen[side]);
    for (DoorState d : open) {
      all.add(Vss.signal(Vss.doorStem(d.getDoor()) + ".IsOpen", true));
    }
    all.add(Vss.speed(ev.vehicle));
    return all;
  }

  /** Doors open on physical side {@code side} (0 left, 1 right); DriverSide is left unless DriverPosition RIGHT. */
  private static List<DoorState> openDoors(VehicleState v, int side) {
    boolean driverRight = v.getDriverPosition() == DriverPosition.DRIVER_POSITION_RIGHT;
    List<DoorState> open = new ArrayList<>();
    for (DoorState d : v.getDoorsList()) {
      boolean driverSide = d.getDoor().getSide() == DoorSide.DOOR_SIDE_DRIVER_SIDE;
      int physical = driverSide == driverRight ? 1 : 0;
      if (d.getIsOpen() && physical == side) {
        open.add(d);
      }
    }
    return open;
  }

  private static int side(String zone) {
    String z = zone.toLowerCase(Locale.ROOT);
    if (!z.startsWith("exterior/")) {
      return -1;
    }
    return z.contains("left") ? 0 : z.contains("right") ? 1 : -1;
  }
}
