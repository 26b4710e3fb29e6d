package cockpit.perception.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in cockpit tasks: question, answer schema, cameras and duty cycle of each. The questions and
 * schemas are the contract with training: the trainer asks exactly {@link PerceptionTask#prompt()} and
 * writes answers the schema's grammar accepts (compact JSON, every key in schema order; {@link TaskFormat}).
 * Confidence is not part of any answer: the runner computes it from the model's token probabilities
 * ({@link AnswerConfidence}). The duty cycles are design choices for an always-on budget: cabin safety
 * tasks every few seconds while parked, driver monitoring at camera rate while driving, exterior tasks
 * only in the modes they serve.
 */
public final class PerceptionTasks {
  public static final String OCCUPANCY = "occupancy";
  public static final String DRIVER_MONITORING = "driver_monitoring";
  public static final String CHILD_PRESENCE = "child_presence";
  public static final String DOOR_HAZARD = "door_hazard";
  public static final String GREETER = "greeter";
  public static final String CAR_FINDER = "car_finder";

  /** Cabin camera id the defaults use. */
  public static final String CABIN_CAMERA = "cabin";
  /** Driver-facing camera id the defaults use. */
  public static final String DRIVER_CAMERA = "driver";
  /** Exterior (surround) camera id the defaults use. */
  public static final String EXTERIOR_CAMERA = "exterior";

  private static final String SEAT = """
      "row":{"type":"integer","minimum":1,"maximum":3},\
      "position":{"enum":["driver_side","middle","passenger_side"]}""";
  private static final String DISTANCE = """
      "distance_m":{"type":"number","minimum":0,"maximum":100}""";

  /** Every seat front to back, driver side first; {@code belted} false where nobody can wear a belt. */
  static final String OCCUPANCY_SCHEMA = """
      {"type":"object","properties":{"seats":{"type":"array","maxItems":5,"items":{"type":"object",\
      "properties":{%s,\
      "occupant":{"enum":["empty","adult","child","infant_seat_occupied","infant_seat_empty","pet"]},\
      "belted":{"type":"boolean"},\
      "objects":{"type":"array","maxItems":2,"items":{"enum":["phone","wallet","keys","bag","bottle","laptop"]}}},\
      "required":["row","position","occupant","belted","objects"]}}},"required":["seats"]}""".formatted(SEAT);

  /** What is seen first (gaze, eyes, mouth), then the two conclusions drawn from it. */
  static final String DRIVER_MONITORING_SCHEMA = """
      {"type":"object","properties":{"gaze":{"enum":["road","left","right","down"]},\
      "eyes":{"enum":["open","closed"]},"yawning":{"type":"boolean"},\
      "eyes_on_road":{"type":"boolean"},"drowsy":{"type":"boolean"}},\
      "required":["gaze","eyes","yawning","eyes_on_road","drowsy"]}""";

  static final String CHILD_PRESENCE_SCHEMA = """
      {"type":"object","properties":{"child_present":{"type":"boolean"},"pet_present":{"type":"boolean"},\
      "findings":{"type":"array","maxItems":4,"items":{"type":"object","properties":{\
      "kind":{"enum":["child","infant_seat_occupied","pet"]},%s},\
      "required":["kind","row","position"]}}},"required":["child_present","pet_present","findings"]}\
      """.formatted(SEAT);

  static final String DOOR_HAZARD_SCHEMA = """
      {"type":"object","properties":{"road_users":{"type":"array","maxItems":4,"items":{"type":"object",\
      "properties":{"kind":{"enum":["person","cyclist","vehicle"]},"side":{"enum":["left","right"]},\
      "position":{"enum":["front","rear"]},"approaching":{"type":"boolean"},%s},\
      "required":["kind","side","position","approaching","distance_m"]}}},"required":["road_users"]}\
      """.formatted(DISTANCE);

  /** The nearest approaching person; with nobody approaching, {@code "left","front",0} fill the rest. */
  static final String GREETER_SCHEMA = """
      {"type":"object","properties":{"person_approaching":{"type":"boolean"},\
      "side":{"enum":["left","right"]},"position":{"enum":["front","rear"]},%s},\
      "required":["person_approaching","side","position","distance_m"]}""".formatted(DISTANCE);

  /** Label = the text as written; place = the level's text when a level sign shows, else empty. */
  static final String CAR_FINDER_SCHEMA = """
      {"type":"object","properties":{"landmarks":{"type":"array","maxItems":4,"items":{"type":"object",\
      "properties":{"kind":{"enum":["landmark","sign"]},"label":{"type":"string","minLength":1,"maxLength":40},\
      "direction":{"enum":["front","left","right","rear"]}},"required":["kind","label","direction"]}},\
      "place":{"type":"string","maxLength":40}},"required":["landmarks","place"]}""";

  private PerceptionTasks() {}

  /** Seats and belts, cabin camera: every 2 s while stopped, 5 s driving, 10 s parked. */
  public static PerceptionTask occupancy() {
    return new PerceptionTask(OCCUPANCY, "List every seat: row, position, occupant, belt and objects on it.",
        OCCUPANCY_SCHEMA, Set.of(CABIN_CAMERA),
        new DutyCycle(Map.of(VehicleMode.UNKNOWN, Duration.ofSeconds(2),
            VehicleMode.STOPPED, Duration.ofSeconds(2), VehicleMode.DRIVING, Duration.ofSeconds(5),
            VehicleMode.PARKED, Duration.ofSeconds(10)), false));
  }

  /** Eyes on road and drowsiness: camera rate while driving, 1 s while stopped, off while parked. */
  public static PerceptionTask driverMonitoring() {
    return new PerceptionTask(DRIVER_MONITORING, "Describe the driver: gaze, eyes, yawning, eyes on road, drowsy.",
        DRIVER_MONITORING_SCHEMA, Set.of(DRIVER_CAMERA, CABIN_CAMERA),
        new DutyCycle(Map.of(VehicleMode.UNKNOWN, Duration.ofMillis(500),
            VehicleMode.DRIVING, Duration.ZERO, VehicleMode.STOPPED, Duration.ofSeconds(1)), false));
  }

  /** AI Sentinel / child presence: every 5 s while parked or stopped, off while driving. */
  public static PerceptionTask childPresence() {
    return new PerceptionTask(CHILD_PRESENCE, "Is a child, baby or pet in the cabin? Give the seat of each.",
        CHILD_PRESENCE_SCHEMA, Set.of(CABIN_CAMERA),
        new DutyCycle(Map.of(VehicleMode.PARKED, Duration.ofSeconds(5),
            VehicleMode.STOPPED, Duration.ofSeconds(5), VehicleMode.UNKNOWN, Duration.ofSeconds(5)), false));
  }

  /** Road users approaching an opening door: camera rate while stopped, every 2 s parked, off driving. */
  public static PerceptionTask doorHazard() {
    return new PerceptionTask(DOOR_HAZARD,
        "Who is near the car? Kind, side, front or rear, approaching, distance.",
        DOOR_HAZARD_SCHEMA, Set.of(EXTERIOR_CAMERA),
        new DutyCycle(Map.of(VehicleMode.STOPPED, Duration.ZERO,
            VehicleMode.PARKED, Duration.ofSeconds(2), VehicleMode.UNKNOWN, Duration.ofMillis(500)), false));
  }

  /** Greeter: a person approaching the parked car, every 2 s while parked only. */
  public static PerceptionTask greeter() {
    return new PerceptionTask(GREETER, "Is a person walking towards the car? Give side, front or rear, and distance.",
        GREETER_SCHEMA, Set.of(EXTERIOR_CAMERA),
        new DutyCycle(Map.of(VehicleMode.PARKED, Duration.ofSeconds(2)), false));
  }

  /** Car Finder: landmarks and signs around the parked car, only when a PerceptionRequest asks. */
  public static PerceptionTask carFinder() {
    return new PerceptionTask(CAR_FINDER,
        "List the signs and landmarks around the car with their text and direction, and the level.",
        CAR_FINDER_SCHEMA, Set.of(EXTERIOR_CAMERA), DutyCycle.onRequestOnly());
  }

  /** Every built-in task. */
  public static List<PerceptionTask> defaults() {
    return List.of(occupancy(), driverMonitoring(), childPresence(), doorHazard(), greeter(), carFinder());
  }
}
