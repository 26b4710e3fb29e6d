package cockpit.perception.alert;

import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import java.util.Optional;
import java.util.Set;

/**
 * FATIGUE: drowsiness sustained for {@link AlertRulesConfig.Fatigue#sustain()} while driving at or
 * above {@link AlertRulesConfig.Fatigue#minSpeedKmh()}. Reads DRIVER_STATE attribute {@code drowsy},
 * attribute {@code state} (drowsy/microsleep/asleep = drowsy, any other value = not), or VSS {@code
 * Vehicle.Driver.FatigueLevel} above {@link AlertRulesConfig.Fatigue#levelThreshold()}. EU DDAW and
 * Euro NCAP DSM background in anchors §11; the numbers are design choices (see the config).
 */
final class FatigueRule extends DriverConditionRule {
  private static final Set<String> DROWSY_STATES = Set.of("drowsy", "microsleep", "asleep");

  private final AlertRulesConfig.Fatigue cfg;

  FatigueRule(AlertRulesConfig config) {
    super(AlertKind.ALERT_KIND_FATIGUE, config);
    this.cfg = config.fatigue();
  }

  @Override
  Optional<Boolean> read(Detection d) {
    if (Vss.FATIGUE_LEVEL.equals(d.getVssPath()) && d.getVssValue().hasFloatValue()) {
      return Optional.of(d.getVssValue().getFloatValue() > cfg.levelThreshold());
    }
    if (d.getKind() != DetectionKind.DETECTION_KIND_DRIVER_STATE) {
      return Optional.empty();
    }
    Optional<Boolean> drowsy = Vss.bool(d, "drowsy", Vss.FATIGUE_LEVEL);
    if (drowsy.isPresent()) {
      return drowsy;
    }
    String state = d.getAttributesMap().get("state");
    return state == null ? Optional.empty() : Optional.of(DROWSY_STATES.contains(state));
  }

  @Override
  long delayMs(double speedKmh) {
    return speedKmh >= cfg.minSpeedKmh() ? cfg.sustain().toMillis() : -1;
  }

  @Override
  long escalateAfterMs() {
    return cfg.escalateAfter().toMillis();
  }

  @Override
  String text(boolean active) {
    return active ? "Driver drowsy" : "Driver no longer drowsy";
  }
}
