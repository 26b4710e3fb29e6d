package cockpit.perception.alert;

import cockpit.proto.v1.DetectionSet;

/** One rule: remembers what it observed and turns it into alerts at evaluation time. Thread-confined. */
sealed interface AlertRule
    permits LeftBehindRule, DriverConditionRule, UnbeltedOccupantRule, DoorHazardRule, PersonApproachingRule {
  /** Records what {@code set} says, received at {@code nowMs}; produces no alerts. */
  void observe(DetectionSet set, long nowMs);

  /** Raises, escalates or clears this rule's incidents at {@code ev.nowMs}. */
  void evaluate(Evaluation ev);
}
