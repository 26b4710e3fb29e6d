package cockpit.perception.alert;

import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import java.util.Optional;
import java.util.Set;

/**
 * FATIGUE: drowsiness sustained for {@link AlertRulesConfig.Fatigue#sustain()} while driving at or
 * above {@link AlertRulesConfig.Fatigue#minSpeedKmh()}. Reads DRIVER_STATE attributes {@code drowsy},
 * {@code eyes} and {@code yawning} (any sign counts: drowsy, eyes closed — Euro NCAP DSM treats closure
 * over 3 s as sleep — or yawning, the renderer's and the model's definition of drowsy; so an answer that
 * says yawning but not drowsy still counts, and a yawn held for the sustain time warns), attribute
 * {@code state} (drowsy/microsleep/asleep = drowsy, any other value = not), or VSS {@code
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
    String eyes = d.getAttributesMap().get("eyes");
    Optional<Boolean> closed = eyes == null || eyes.isEmpty() ? Optional.empty()
        : Optional.of(eyes.equalsIgnoreCase("closed"));
    Optional<Boolean> yawning = Vss.bool(d, "yawning", Vss.FATIGUE_LEVEL);
    if (drowsy.isPresent() || closed.isPresent() || yawning.isPresent()) {
      return Optional.of(drowsy.orElse(false) || closed.orElse(false) || yawning.orElse(false));
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
