package cockpit.perception.alert;

import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import java.util.Optional;

/**
 * DISTRACTION per EU ADDW (Delegated Reg. (EU) 2023/2590, anchors §11): eyes off road continuously
 * for 6 s at 20-50 km/h or 3.5 s above 50 km/h; nothing below 20 km/h. Reads DRIVER_STATE attribute
 * {@code gaze} when given (left, right, down = off road; road = on road), else attribute
 * {@code eyes_on_road} or VSS {@code Vehicle.Driver.IsEyesOnRoad}. Gaze first because ADDW is about
 * visual attention: a driver looking at the road with closed eyes is not distracted but asleep, which
 * {@link FatigueRule} warns about (eyes_on_road is false for both, so it alone would raise both alerts). The band follows the speed at
 * evaluation time, measured from the start of the eyes-off run (so speeding up mid-run can fire at
 * once). See {@link DriverConditionRule} for escalation, clearing and the stale-stream policy.
 */
final class DistractionRule extends DriverConditionRule {
  private final AlertRulesConfig.Distraction cfg;

  DistractionRule(AlertRulesConfig config) {
    super(AlertKind.ALERT_KIND_DISTRACTION, config);
    this.cfg = config.distraction();
  }

  @Override
  Optional<Boolean> read(Detection d) {
    if (d.getKind() != DetectionKind.DETECTION_KIND_DRIVER_STATE && !Vss.EYES_ON_ROAD.equals(d.getVssPath())) {
      return Optional.empty();
    }
    String gaze = d.getAttributesMap().get("gaze");
    if (gaze != null && !gaze.isEmpty()) {
      return Optional.of(!gaze.equalsIgnoreCase("road"));
    }
    // The rule's condition is "eyes off road", the signal's value is "eyes on road".
    return Vss.bool(d, "eyes_on_road", Vss.EYES_ON_ROAD).map(on -> !on);
  }

  @Override
  long delayMs(double speedKmh) {
    if (speedKmh < cfg.minSpeedKmh()) {
      return -1;
    }
    return speedKmh > cfg.highSpeedKmh() ? cfg.highBandDelay().toMillis() : cfg.lowBandDelay().toMillis();
  }

  @Override
  long escalateAfterMs() {
    return cfg.escalateAfter().toMillis();
  }

  @Override
  String text(boolean active) {
    return active ? "Driver eyes off road" : "Driver eyes back on road";
  }
}
