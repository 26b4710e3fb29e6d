package cockpit.perception.alert;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.VehicleState;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Safety alert rules over detections and vehicle state. Each call records its input, then runs every
 * rule at {@code clock.millis()} and returns the Alert messages to publish, in rule order:
 * CHILD_LEFT_BEHIND, PET_LEFT_BEHIND, DISTRACTION, FATIGUE, UNBELTED_OCCUPANT, DOOR_OPEN_HAZARD,
 * PERSON_APPROACHING.
 * Every incident keeps one alert_id from RAISED through ESCALATED to CLEARED; a new incident gets a new
 * id ({@code kind-<engine start, base 36>-<sequence>}).
 *
 * <p>Time is the injected clock at arrival, not the frame's capture time, so thresholds fire on the
 * first call at or after they are due: the owner calls {@link #tick()} periodically (e.g. every 100 ms)
 * for time-based raising, escalation and clearing.
 *
 * <p>Stale streams (no detections for a while), per rule: CHILD/PET LEFT BEHIND treat silence as "no
 * news" and keep presence (only cabin-task sets without the child/pet, spanning the clear hold,
 * clear it); DISTRACTION and FATIGUE trust an observation for {@code driverStaleAfter}, drop a
 * pending run when observations stop, and hold an active alert (without escalating it) until a fresh
 * observation or a speed drop decides; DOOR_OPEN_HAZARD and PERSON_APPROACHING forget an approach after
 * the door-hazard hold, so they clear. Before the first VehicleState, speed counts as 0 and the car as neither parked nor moving.
 *
 * <p>Threading: not thread-safe; confine to one thread (the perception verticle calls it on its own
 * context). Lifetime: owns no resources; discard when done.
 */
public final class AlertEngine {
  private final Clock clock;
  private final String idPrefix;
  private final List<AlertRule> rules;
  private long sequence;
  private VehicleState vehicle;

  public AlertEngine(AlertRulesConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.idPrefix = Long.toString(clock.millis(), 36);
    this.rules =
        List.of(
            new LeftBehindRule(AlertKind.ALERT_KIND_CHILD_LEFT_BEHIND, config),
            new LeftBehindRule(AlertKind.ALERT_KIND_PET_LEFT_BEHIND, config),
            new DistractionRule(config),
            new FatigueRule(config),
            new UnbeltedOccupantRule(config),
            new DoorHazardRule(config),
            new PersonApproachingRule(config));
  }

  /** Records one perception result and evaluates the rules; returns the alerts to publish. */
  public List<Alert> onDetections(DetectionSet set) {
    Objects.requireNonNull(set, "set");
    long now = clock.millis();
    for (AlertRule r : rules) {
      r.observe(set, now);
    }
    return evaluate(now);
  }

  /** Records the latest vehicle snapshot and evaluates the rules; returns the alerts to publish. */
  public List<Alert> onVehicleState(VehicleState state) {
    vehicle = Objects.requireNonNull(state, "state");
    return evaluate(clock.millis());
  }

  /** Evaluates the rules at the current clock time; returns the alerts to publish. */
  public List<Alert> tick() {
    return evaluate(clock.millis());
  }

  private List<Alert> evaluate(long now) {
    Evaluation ev = new Evaluation(now, vehicle, idPrefix, () -> ++sequence);
    for (AlertRule r : rules) {
      r.evaluate(ev);
    }
    return ev.alerts();
  }
}
