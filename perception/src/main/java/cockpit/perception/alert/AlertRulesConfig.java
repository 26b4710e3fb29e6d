package cockpit.perception.alert;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Thresholds of the alert rules. Sources are named per value: "anchors §11" is
 * {@code shared/reference/anchors.md} section 11 (regulation and rating timings); "design choice"
 * marks values no regulation in hand gives numbers for.
 *
 * @param minConfidence detections below this confidence are ignored (design choice)
 * @param driverStaleAfter a driver-state observation is trusted this long; see {@link AlertEngine}
 *     for the stale-stream policy (design choice)
 * @param cabinTasks DetectionSet tasks whose empty results count as "no child/pet seen"; sets from
 *     other tasks (driver monitoring, exterior) say nothing about the rear seats (design choice)
 * @param leftBehind CHILD_LEFT_BEHIND and PET_LEFT_BEHIND
 * @param distraction DISTRACTION (EU ADDW)
 * @param fatigue FATIGUE
 * @param unbelted UNBELTED_OCCUPANT
 * @param doorHazard DOOR_OPEN_HAZARD
 */
public record AlertRulesConfig(
    float minConfidence,
    Duration driverStaleAfter,
    Set<String> cabinTasks,
    LeftBehind leftBehind,
    Distraction distraction,
    Fatigue fatigue,
    Unbelted unbelted,
    DoorHazard doorHazard) {

  public AlertRulesConfig {
    if (!(minConfidence >= 0f && minConfidence <= 1f)) {
      throw new IllegalArgumentException("minConfidence must be in [0, 1]: " + minConfidence);
    }
    positive(driverStaleAfter, "driverStaleAfter");
    cabinTasks = Set.copyOf(cabinTasks);
    Objects.requireNonNull(leftBehind, "leftBehind");
    Objects.requireNonNull(distraction, "distraction");
    Objects.requireNonNull(fatigue, "fatigue");
    Objects.requireNonNull(unbelted, "unbelted");
    Objects.requireNonNull(doorHazard, "doorHazard");
  }

  /** These thresholds with detections below {@code confidence} ignored. */
  public AlertRulesConfig withMinConfidence(float confidence) {
    return new AlertRulesConfig(confidence, driverStaleAfter, cabinTasks, leftBehind, distraction, fatigue, unbelted,
        doorHazard);
  }

  /** The defaults listed on each component record. */
  public static AlertRulesConfig defaults() {
    return new AlertRulesConfig(
        0.5f,
        Duration.ofSeconds(2),
        Set.of("occupancy", "child_presence"),
        LeftBehind.defaults(),
        Distraction.defaults(),
        Fatigue.defaults(),
        Unbelted.defaults(),
        DoorHazard.defaults());
  }

  /**
   * Child or pet left in a locked, switched-off car. Euro NCAP CPD (anchors §11) requires detection
   * and escalation but its deadlines and intervals are unverified, so all three are design choices.
   *
   * @param delay presence while locked and OFF/LOCK before RAISED (default 60 s)
   * @param escalationInterval time between ESCALATED repeats; level 1 onwards is CRITICAL (60 s)
   * @param clearHold cabin observations without the child/pet must span this long to clear (10 s)
   */
  public record LeftBehind(Duration delay, Duration escalationInterval, Duration clearHold) {
    public LeftBehind {
      positive(delay, "delay");
      positive(escalationInterval, "escalationInterval");
      positive(clearHold, "clearHold");
    }

    public static LeftBehind defaults() {
      return new LeftBehind(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(10));
    }
  }

  /**
   * Eyes off the road (EU ADDW, Delegated Reg. (EU) 2023/2590, anchors §11): no warning below
   * {@code minSpeedKmh}; 6 s from {@code minSpeedKmh} to {@code highSpeedKmh} inclusive; 3.5 s above.
   * ADDW says "before 3.5 s": the engine measures from frame arrival, so deployments subtract their
   * camera-to-engine latency from {@code highBandDelay}.
   *
   * @param minSpeedKmh 20 km/h (ADDW)
   * @param highSpeedKmh 50 km/h (ADDW)
   * @param lowBandDelay 6 s (ADDW)
   * @param highBandDelay 3.5 s (ADDW)
   * @param escalateAfter WARNING to CRITICAL this long after RAISED; 3 s mirrors Euro NCAP DSM
   *     "no gaze return within 3 s of a warning" (anchors §11)
   */
  public record Distraction(
      double minSpeedKmh,
      double highSpeedKmh,
      Duration lowBandDelay,
      Duration highBandDelay,
      Duration escalateAfter) {
    public Distraction {
      if (!(minSpeedKmh >= 0 && highSpeedKmh >= minSpeedKmh)) {
        throw new IllegalArgumentException("need 0 <= minSpeedKmh <= highSpeedKmh");
      }
      positive(lowBandDelay, "lowBandDelay");
      positive(highBandDelay, "highBandDelay");
      positive(escalateAfter, "escalateAfter");
    }

    public static Distraction defaults() {
      return new Distraction(20, 50, Duration.ofSeconds(6), Duration.ofMillis(3500), Duration.ofSeconds(3));
    }
  }

  /**
   * Drowsiness while driving. EU DDAW (anchors §11) must be active above 70 km/h and warn at KSS >= 8
   * "as soon as possible"; the 20 km/h floor (stricter, a superset), the percent threshold and the
   * sustain time are design choices (Euro NCAP DSM treats eye closure over 3 s as sleep).
   *
   * @param levelThreshold {@code Vehicle.Driver.FatigueLevel} above this percent counts as drowsy (70)
   * @param minSpeedKmh driving means at least this speed (20 km/h)
   * @param sustain drowsy this long before RAISED (3 s)
   * @param escalateAfter WARNING to CRITICAL this long after RAISED (10 s)
   */
  public record Fatigue(double levelThreshold, double minSpeedKmh, Duration sustain, Duration escalateAfter) {
    public Fatigue {
      positive(sustain, "sustain");
      positive(escalateAfter, "escalateAfter");
    }

    public static Fatigue defaults() {
      return new Fatigue(70, 20, Duration.ofSeconds(3), Duration.ofSeconds(10));
    }
  }

  /**
   * Occupied seat unbelted while moving. Design choice: the 25 km/h figure follows the UN R16
   * seat-belt reminder as commonly summarised (not in anchors.md, unverified).
   *
   * @param minSpeedKmh speed strictly above which the rule runs (25 km/h)
   * @param delay unbelted and moving this long before RAISED (10 s)
   * @param escalateAfter WARNING to CRITICAL this long after RAISED (30 s)
   */
  public record Unbelted(double minSpeedKmh, Duration delay, Duration escalateAfter) {
    public Unbelted {
      positive(delay, "delay");
      positive(escalateAfter, "escalateAfter");
    }

    public static Unbelted defaults() {
      return new Unbelted(25, Duration.ofSeconds(10), Duration.ofSeconds(30));
    }
  }

  /**
   * Person, cyclist or vehicle approaching on one side while a door on that side is open (CRITICAL)
   * or the car is stopped and unlocked so a door may open (WARNING). Design choice throughout: VSS has
   * no "approaching" signal (anchors §7).
   *
   * @param hold an approach detection counts this long after it was seen (2 s)
   * @param stoppedSpeedKmh at or below this speed the car counts as stopped (3 km/h)
   */
  public record DoorHazard(Duration hold, double stoppedSpeedKmh) {
    public DoorHazard {
      positive(hold, "hold");
    }

    public static DoorHazard defaults() {
      return new DoorHazard(Duration.ofSeconds(2), 3);
    }
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration: " + d);
    }
  }
}
