package cockpit.perception.alert;

import cockpit.proto.v1.AlertEvidence;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionSet;
import java.util.List;
import java.util.Optional;

/**
 * A driver condition (eyes off road, drowsy) that must hold continuously for a speed-dependent time.
 * The run starts at the first observation of the condition; time counts only while the rule is
 * armed (speed high enough), so the start is {@code max(conditionSince, armedSince)}. RAISED
 * (WARNING) when the run reaches {@link #delayMs(double)}; ESCALATED (CRITICAL) once, {@link
 * #escalateAfterMs()} after that; CLEARED on an observation without the condition or when disarmed.
 *
 * <p>An observation below {@link AlertRulesConfig#minConfidence()} is no observation: the model was not
 * sure what the driver did. Stale stream: an observation is trusted for {@code driverStaleAfter}. A pending run whose
 * observations stop is dropped (nothing is raised from unobserved time; the next observation starts a
 * new run). An active alert is held, not escalated, until a fresh observation or disarming decides.
 */
abstract sealed class DriverConditionRule implements AlertRule permits DistractionRule, FatigueRule {
  private final AlertKind kind;
  private final long staleMs;
  private final float minConfidence;

  private Boolean present;
  private long lastObservedMs = -1;
  private long presentSinceMs = -1;
  private long armedSinceMs = -1;
  private AlertEvidence lastEvidence;
  private Incident incident;

  DriverConditionRule(AlertKind kind, AlertRulesConfig config) {
    this.kind = kind;
    this.staleMs = config.driverStaleAfter().toMillis();
    this.minConfidence = config.minConfidence();
  }

  /** Whether {@code d} shows the condition (true), shows its absence (false), or says nothing. */
  abstract Optional<Boolean> read(Detection d);

  /** Time the condition must hold at this speed, or -1 when the rule is not armed at this speed. */
  abstract long delayMs(double speedKmh);

  abstract long escalateAfterMs();

  abstract String text(boolean active);

  @Override
  public final void observe(DetectionSet set, long nowMs) {
    for (Detection d : set.getDetectionsList()) {
      Optional<Boolean> r = d.getConfidence() < minConfidence ? Optional.empty() : read(d);
      if (r.isEmpty()) {
        continue;
      }
      if (lastObservedMs >= 0 && nowMs - lastObservedMs > staleMs) {
        present = null;
      }
      if (r.get() && !Boolean.TRUE.equals(present)) {
        presentSinceMs = nowMs;
      }
      present = r.get();
      lastObservedMs = nowMs;
      lastEvidence = Vss.of(set.getFrame(), d);
    }
  }

  @Override
  public final void evaluate(Evaluation ev) {
    long delay = delayMs(ev.speedKmh());
    boolean armed = delay >= 0;
    armedSinceMs = armed ? (armedSinceMs < 0 ? ev.nowMs : armedSinceMs) : -1;
    boolean fresh = lastObservedMs >= 0 && ev.nowMs - lastObservedMs <= staleMs;
    if (incident != null) {
      if (Boolean.FALSE.equals(present) || !armed) {
        String why = armed ? "" : " (speed " + Math.round(ev.speedKmh()) + " km/h)";
        ev.clear(incident, text(false) + why, evidence(ev));
        incident = null;
      } else if (fresh && incident.level == 0 && ev.nowMs - incident.raisedMs >= escalateAfterMs()) {
        ev.escalate(incident, AlertSeverity.ALERT_SEVERITY_CRITICAL, text(true) + ", no reaction", evidence(ev));
      }
      return;
    }
    if (!armed || !fresh || !Boolean.TRUE.equals(present)) {
      return;
    }
    if (ev.nowMs - Math.max(presentSinceMs, armedSinceMs) >= delay) {
      incident = ev.raise(kind, AlertSeverity.ALERT_SEVERITY_WARNING, null, "driver", text(true), evidence(ev));
    }
  }

  private List<AlertEvidence> evidence(Evaluation ev) {
    return ev.vehicle == null || lastEvidence == null
        ? (lastEvidence == null ? List.of() : List.of(lastEvidence))
        : List.of(lastEvidence, Vss.speed(ev.vehicle));
  }
}
