package cockpit.perception.task;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The built-in cockpit tasks. */
public final class PerceptionTasks {
  public static final String OCCUPANCY = "occupancy";
  public static final String DRIVER_MONITORING = "driver_monitoring";

  /** Cabin camera id the defaults use. */
  public static final String CABIN_CAMERA = "cabin";
  /** Driver-facing camera id the defaults use. */
  public static final String DRIVER_CAMERA = "driver";

  static final String OCCUPANCY_SCHEMA = """
      {"type":"object","properties":{"seats":{"type":"array","maxItems":5,"items":{"type":"object",\
      "properties":{"row":{"type":"integer","minimum":1,"maximum":3},\
      "position":{"enum":["driver_side","middle","passenger_side"]},\
      "occupant":{"enum":["empty","adult","child","infant_seat","pet"]},"belted":{"type":"boolean"},\
      "confidence":{"type":"number","minimum":0,"maximum":1}},"required":["row","position","occupant"]}}},\
      "required":["seats"]}""";

  static final String DRIVER_MONITORING_SCHEMA = """
      {"type":"object","properties":{"eyes_on_road":{"type":"boolean"},"drowsy":{"type":"boolean"},\
      "confidence":{"type":"number","minimum":0,"maximum":1}},"required":["eyes_on_road","drowsy","confidence"]}""";

  private PerceptionTasks() {}

  public static PerceptionTask occupancy() {
    return new PerceptionTask(OCCUPANCY,
        "List every seat you can see: row (1 = front), position, who or what occupies it, whether the seat belt"
            + " is fastened, and your confidence. Answer with JSON only.",
        OCCUPANCY_SCHEMA, Set.of(CABIN_CAMERA), Duration.ofSeconds(2));
  }

  public static PerceptionTask driverMonitoring() {
    return new PerceptionTask(DRIVER_MONITORING,
        "Look at the driver. Are the driver's eyes on the road? Does the driver look drowsy? Give your"
            + " confidence. Answer with JSON only.",
        DRIVER_MONITORING_SCHEMA, Set.of(DRIVER_CAMERA, CABIN_CAMERA), Duration.ofMillis(500));
  }

  /** {@link #occupancy()} and {@link #driverMonitoring()}. */
  public static List<PerceptionTask> defaults() {
    return List.of(occupancy(), driverMonitoring());
  }
}
