package cockpit.perception.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in cockpit tasks: prompt, output schema, cameras and duty cycle of each. The duty cycles
 * are design choices for an always-on budget: cabin safety tasks every few seconds while parked,
 * driver monitoring at camera rate while driving, exterior tasks only in the modes they serve.
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

  private static final String SEAT = "\"row\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":3},"
      + "\"position\":{\"enum\":[\"driver_side\",\"middle\",\"passenger_side\"]},";
  private static final String CONFIDENCE = "\"confidence\":{\"type\":\"number\",\"minimum\":0,\"maximum\":1}";

  static final String OCCUPANCY_SCHEMA = "{\"type\":\"object\",\"properties\":{\"seats\":{\"type\":\"array\","
      + "\"maxItems\":5,\"items\":{\"type\":\"object\",\"properties\":{" + SEAT
      + "\"occupant\":{\"enum\":[\"empty\",\"adult\",\"child\",\"infant_seat_occupied\",\"infant_seat_empty\",\"pet\"]},"
      + "\"belted\":{\"type\":\"boolean\"}," + CONFIDENCE + "},\"required\":[\"row\",\"position\",\"occupant\"]}}},"
      + "\"required\":[\"seats\"]}";

  static final String DRIVER_MONITORING_SCHEMA = "{\"type\":\"object\",\"properties\":{"
      + "\"eyes_on_road\":{\"type\":\"boolean\"},\"drowsy\":{\"type\":\"boolean\"}," + CONFIDENCE + "},"
      + "\"required\":[\"eyes_on_road\",\"drowsy\",\"confidence\"]}";

  static final String CHILD_PRESENCE_SCHEMA = "{\"type\":\"object\",\"properties\":{"
      + "\"child_present\":{\"type\":\"boolean\"},\"pet_present\":{\"type\":\"boolean\"},"
      + "\"findings\":{\"type\":\"array\",\"maxItems\":4,\"items\":{\"type\":\"object\",\"properties\":{"
      + "\"kind\":{\"enum\":[\"child\",\"infant_seat_occupied\",\"pet\"]}," + SEAT + CONFIDENCE + "},"
      + "\"required\":[\"kind\",\"row\",\"position\",\"confidence\"]}}," + CONFIDENCE + "},"
      + "\"required\":[\"child_present\",\"pet_present\",\"findings\",\"confidence\"]}";

  static final String DOOR_HAZARD_SCHEMA = "{\"type\":\"object\",\"properties\":{\"road_users\":{\"type\":\"array\","
      + "\"maxItems\":4,\"items\":{\"type\":\"object\",\"properties\":{"
      + "\"kind\":{\"enum\":[\"person\",\"cyclist\",\"vehicle\"]},\"side\":{\"enum\":[\"left\",\"right\"]},"
      + "\"position\":{\"enum\":[\"front\",\"rear\"]},\"approaching\":{\"type\":\"boolean\"},"
      + "\"distance_m\":{\"type\":\"number\",\"minimum\":0,\"maximum\":100}," + CONFIDENCE + "},"
      + "\"required\":[\"kind\",\"side\",\"position\",\"approaching\",\"distance_m\",\"confidence\"]}}},"
      + "\"required\":[\"road_users\"]}";

  static final String GREETER_SCHEMA = "{\"type\":\"object\",\"properties\":{"
      + "\"person_approaching\":{\"type\":\"boolean\"},\"side\":{\"enum\":[\"left\",\"right\",\"front\",\"rear\"]},"
      + "\"distance_m\":{\"type\":\"number\",\"minimum\":0,\"maximum\":100}," + CONFIDENCE + "},"
      + "\"required\":[\"person_approaching\",\"side\",\"distance_m\",\"confidence\"]}";

  static final String CAR_FINDER_SCHEMA = "{\"type\":\"object\",\"properties\":{\"landmarks\":{\"type\":\"array\","
      + "\"maxItems\":4,\"items\":{\"type\":\"object\",\"properties\":{"
      + "\"kind\":{\"enum\":[\"landmark\",\"sign\"]},\"label\":{\"type\":\"string\",\"minLength\":1,\"maxLength\":40},"
      + "\"direction\":{\"enum\":[\"front\",\"left\",\"right\",\"rear\"]}},"
      + "\"required\":[\"kind\",\"label\",\"direction\"]}},"
      + "\"place\":{\"type\":\"string\",\"maxLength\":40}},\"required\":[\"landmarks\",\"place\"]}";

  private PerceptionTasks() {}

  /** Seats and belts, cabin camera: every 2 s while stopped, 5 s driving, 10 s parked. */
  public static PerceptionTask occupancy() {
    return new PerceptionTask(OCCUPANCY,
        "List every seat you can see: row (1 = front), position, who or what occupies it (an infant seat counts as"
            + " occupied when a baby is in it), whether the seat belt is fastened, and your confidence. Answer with"
            + " JSON only.",
        OCCUPANCY_SCHEMA, Set.of(CABIN_CAMERA),
        new DutyCycle(Map.of(VehicleMode.UNKNOWN, Duration.ofSeconds(2),
            VehicleMode.STOPPED, Duration.ofSeconds(2), VehicleMode.DRIVING, Duration.ofSeconds(5),
            VehicleMode.PARKED, Duration.ofSeconds(10)), false));
  }

  /** Eyes on road and drowsiness: camera rate while driving, 1 s while stopped, off while parked. */
  public static PerceptionTask driverMonitoring() {
    return new PerceptionTask(DRIVER_MONITORING,
        "Look at the driver. Are the driver's eyes on the road? Does the driver look drowsy? Give your"
            + " confidence. Answer with JSON only.",
        DRIVER_MONITORING_SCHEMA, Set.of(DRIVER_CAMERA, CABIN_CAMERA),
        new DutyCycle(Map.of(VehicleMode.UNKNOWN, Duration.ofMillis(500),
            VehicleMode.DRIVING, Duration.ZERO, VehicleMode.STOPPED, Duration.ofSeconds(1)), false));
  }

  /** AI Sentinel / child presence: every 5 s while parked or stopped, off while driving. */
  public static PerceptionTask childPresence() {
    return new PerceptionTask(CHILD_PRESENCE,
        "Is a child, a baby in an infant seat, or a pet anywhere in the cabin, including footwells? List each with"
            + " its seat and your confidence. Answer with JSON only.",
        CHILD_PRESENCE_SCHEMA, Set.of(CABIN_CAMERA),
        new DutyCycle(Map.of(VehicleMode.PARKED, Duration.ofSeconds(5),
            VehicleMode.STOPPED, Duration.ofSeconds(5), VehicleMode.UNKNOWN, Duration.ofSeconds(5)), false));
  }

  /** Road users approaching an opening door: camera rate while stopped, every 2 s parked, off driving. */
  public static PerceptionTask doorHazard() {
    return new PerceptionTask(DOOR_HAZARD,
        "List every person, cyclist or vehicle near the car: which side and end of the car, whether it is"
            + " approaching, its distance in metres and your confidence. Answer with JSON only.",
        DOOR_HAZARD_SCHEMA, Set.of(EXTERIOR_CAMERA),
        new DutyCycle(Map.of(VehicleMode.STOPPED, Duration.ZERO,
            VehicleMode.PARKED, Duration.ofSeconds(2), VehicleMode.UNKNOWN, Duration.ofMillis(500)), false));
  }

  /** Greeter: a person approaching the parked car, every 2 s while parked only. */
  public static PerceptionTask greeter() {
    return new PerceptionTask(GREETER,
        "Is a person walking towards the car? Say from which side, how far away in metres, and your confidence."
            + " Answer with JSON only.",
        GREETER_SCHEMA, Set.of(EXTERIOR_CAMERA),
        new DutyCycle(Map.of(VehicleMode.PARKED, Duration.ofSeconds(2)), false));
  }

  /** Car Finder: landmarks and signs around the parked car, only when a PerceptionRequest asks. */
  public static PerceptionTask carFinder() {
    return new PerceptionTask(CAR_FINDER,
        "Help the owner find this parked car later: list landmarks and signs you can read around it (shop names,"
            + " level or bay numbers, street names) with their direction, and name the place. Answer with JSON only.",
        CAR_FINDER_SCHEMA, Set.of(EXTERIOR_CAMERA), DutyCycle.onRequestOnly());
  }

  /** Every built-in task. */
  public static List<PerceptionTask> defaults() {
    return List.of(occupancy(), driverMonitoring(), childPresence(), doorHazard(), greeter(), carFinder());
  }
}
