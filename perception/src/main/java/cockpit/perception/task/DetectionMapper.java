package cockpit.perception.task;

import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.SeatPosition;
import cockpit.proto.v1.VssValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a task's JSON answer (already schema-valid) to detections, each with the confidence of the answer
 * parts it is built from ({@link ItemConfidence}; field lists below). Stateless. VSS paths follow
 * anchors §7 (VSS 4–5 names, as KUKSA's bundled catalogs); overlays where VSS has no signal are named
 * in {@link #CHILD_PRESENT} and the following constants.
 *
 * <ul>
 *   <li>{@code occupancy}: per non-empty seat an occupant detection (adult → PERSON, child → CHILD,
 *       infant_seat_* → INFANT_SEAT with attribute {@code occupied}, pet → PET) with
 *       {@code Vehicle.Cabin.Seat.Row{r}.{Pos}.IsOccupied = true} (confidence: the seat's existence, row,
 *       position, occupant); per seat occupied by a person (adult, child) a SEAT_BELT detection with
 *       {@code ….IsBelted} (… and belted); per object on any seat, empty ones included, an OBJECT detection
 *       labelled with it ({@code phone}, …) on that seat (the object's existence and name, the seat's row
 *       and position). Empty seats give nothing else (an empty set means "nobody seen").
 *   <li>{@code driver_monitoring}: one DRIVER_STATE detection ({@code Vehicle.Driver.IsEyesOnRoad}) with
 *       attributes {@code gaze}, {@code eyes}, {@code yawning}, {@code eyes_on_road}, {@code drowsy}
 *       (confidence: every field).
 *   <li>{@code child_presence}, {@code door_hazard}, {@code greeter}, {@code car_finder}: see
 *       {@link ExteriorMapping} and {@link #childPresence}.
 *   <li>any other task: one OBJECT detection labelled with the task name, attribute {@code json} = the answer.
 * </ul>
 */
public final class DetectionMapper {
  public static final String EYES_ON_ROAD = "Vehicle.Driver.IsEyesOnRoad";
  /** Overlay (VSS has no child presence signal, anchors §7). */
  public static final String CHILD_PRESENT = "Vehicle.Cabin.IsChildPresent";
  /** Overlay (VSS has no pet presence signal). */
  public static final String PET_PRESENT = "Vehicle.Cabin.IsPetPresent";

  private DetectionMapper() {}

  /**
   * @param confidence the confidence of the answer's parts (from the token trace at run time)
   * @throws IllegalArgumentException if {@code doc} lacks a field the task's mapping needs
   */
  public static List<Detection> map(String task, JsonNode doc, ItemConfidence confidence) {
    return switch (task) {
      case PerceptionTasks.OCCUPANCY -> occupancy(doc, confidence);
      case PerceptionTasks.DRIVER_MONITORING -> List.of(driver(doc, confidence));
      case PerceptionTasks.CHILD_PRESENCE -> childPresence(doc, confidence);
      case PerceptionTasks.DOOR_HAZARD -> ExteriorMapping.doorHazard(doc, confidence);
      case PerceptionTasks.GREETER -> ExteriorMapping.greeter(doc, confidence);
      case PerceptionTasks.CAR_FINDER -> ExteriorMapping.carFinder(doc, confidence);
      default -> List.of(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_OBJECT).setLabel(task)
          .setConfidence(confidence.of("")).putAttributes("json", doc.toString()).build());
    };
  }

  static List<Detection> occupancy(JsonNode doc, ItemConfidence c) {
    List<Detection> out = new ArrayList<>();
    int i = 0;
    for (JsonNode s : array(doc, "seats")) {
      String at = "/seats/" + i++;
      int row = required(s, "row").asInt();
      String position = required(s, "position").asText();
      String occupant = required(s, "occupant").asText();
      Seat seat = seat(row, position);
      if (!occupant.equals("empty")) {
        out.add(occupant(occupant, seat, c.of(at, "row", "position", "occupant"))
            .setVssPath(seatStem(row, position) + ".IsOccupied")
            .setVssValue(VssValue.newBuilder().setBoolValue(true)).build());
      }
      JsonNode belted = s.get("belted");
      boolean person = occupant.equals("adult") || occupant.equals("child");
      if (person && belted != null && belted.isBoolean()) {
        out.add(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_SEAT_BELT).setSeat(seat)
            .setConfidence(c.of(at, "row", "position", "occupant", "belted"))
            .setLabel(belted.asBoolean() ? "belted" : "unbelted")
            .putAttributes("belted", Boolean.toString(belted.asBoolean()))
            .setVssPath(seatStem(row, position) + ".IsBelted")
            .setVssValue(VssValue.newBuilder().setBoolValue(belted.asBoolean())).build());
      }
      JsonNode objects = s.get("objects");
      for (int k = 0; objects != null && k < objects.size(); k++) {
        String object = objects.get(k).asText();
        out.add(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_OBJECT).setSeat(seat).setLabel(object)
            .setConfidence(Math.min(c.of(at + "/objects/" + k), c.of(at, "row", "position")))
            .putAttributes("object", object).build());
      }
    }
    return out;
  }

  /**
   * One detection per finding (CHILD / INFANT_SEAT occupied / PET on its seat, overlay presence path;
   * confidence: the finding's existence, kind, row, position); when the model says a child or pet is present
   * without locating it, one unlocated detection in zone {@code cabin} with the confidence of that
   * {@code child_present} / {@code pet_present}, so presence is never dropped.
   */
  static List<Detection> childPresence(JsonNode doc, ItemConfidence c) {
    List<Detection> out = new ArrayList<>();
    boolean child = false;
    boolean pet = false;
    int i = 0;
    for (JsonNode f : array(doc, "findings")) {
      String kind = required(f, "kind").asText();
      Detection.Builder d = occupant(kind, seat(required(f, "row").asInt(), required(f, "position").asText()),
          c.of("/findings/" + i++, "kind", "row", "position")).putAttributes("task", PerceptionTasks.CHILD_PRESENCE);
      boolean isPet = kind.equals("pet");
      child |= !isPet;
      pet |= isPet;
      out.add(d.setVssPath(isPet ? PET_PRESENT : CHILD_PRESENT).setVssValue(VssValue.newBuilder().setBoolValue(true))
          .build());
    }
    if (required(doc, "child_present").asBoolean() && !child) {
      out.add(unlocated(DetectionKind.DETECTION_KIND_CHILD, "child", CHILD_PRESENT, c.of("", "child_present")));
    }
    if (required(doc, "pet_present").asBoolean() && !pet) {
      out.add(unlocated(DetectionKind.DETECTION_KIND_PET, "pet", PET_PRESENT, c.of("", "pet_present")));
    }
    return out;
  }

  private static Detection unlocated(DetectionKind kind, String label, String vss, float conf) {
    return Detection.newBuilder().setKind(kind).setZone("cabin").setLabel(label).setConfidence(conf)
        .putAttributes("task", PerceptionTasks.CHILD_PRESENCE).setVssPath(vss)
        .setVssValue(VssValue.newBuilder().setBoolValue(true)).build();
  }

  static Detection driver(JsonNode doc, ItemConfidence c) {
    boolean eyes = required(doc, "eyes_on_road").asBoolean();
    boolean drowsy = required(doc, "drowsy").asBoolean();
    return Detection.newBuilder()
        .setKind(DetectionKind.DETECTION_KIND_DRIVER_STATE)
        .setSeat(Seat.newBuilder().setRow(1).setPosition(SeatPosition.SEAT_POSITION_DRIVER_SIDE))
        .setLabel("driver")
        .setConfidence(c.of(""))
        .putAttributes("gaze", required(doc, "gaze").asText())
        .putAttributes("eyes", required(doc, "eyes").asText())
        .putAttributes("yawning", Boolean.toString(required(doc, "yawning").asBoolean()))
        .putAttributes("eyes_on_road", Boolean.toString(eyes))
        .putAttributes("drowsy", Boolean.toString(drowsy))
        .setVssPath(EYES_ON_ROAD)
        .setVssValue(VssValue.newBuilder().setBoolValue(eyes))
        .build();
  }

  private static Detection.Builder occupant(String occupant, Seat seat, float conf) {
    Detection.Builder d = Detection.newBuilder().setKind(kind(occupant)).setSeat(seat).setLabel(occupant)
        .setConfidence(conf).putAttributes("occupant", occupant);
    if (occupant.startsWith("infant_seat")) {
      d.putAttributes("occupied", Boolean.toString(occupant.equals("infant_seat_occupied")));
    }
    return d;
  }

  static DetectionKind kind(String occupant) {
    return switch (occupant) {
      case "adult" -> DetectionKind.DETECTION_KIND_PERSON;
      case "child" -> DetectionKind.DETECTION_KIND_CHILD;
      case "infant_seat_occupied", "infant_seat_empty" -> DetectionKind.DETECTION_KIND_INFANT_SEAT;
      case "pet" -> DetectionKind.DETECTION_KIND_PET;
      default -> throw new IllegalArgumentException("unknown occupant \"" + occupant + "\"");
    };
  }

  static Seat seat(int row, String position) {
    return Seat.newBuilder().setRow(row).setPosition(position(position)).build();
  }

  static SeatPosition position(String p) {
    return switch (p) {
      case "driver_side" -> SeatPosition.SEAT_POSITION_DRIVER_SIDE;
      case "middle" -> SeatPosition.SEAT_POSITION_MIDDLE;
      case "passenger_side" -> SeatPosition.SEAT_POSITION_PASSENGER_SIDE;
      default -> throw new IllegalArgumentException("unknown seat position \"" + p + "\"");
    };
  }

  static String seatStem(int row, String position) {
    String pos = switch (position) {
      case "driver_side" -> "DriverSide";
      case "middle" -> "Middle";
      default -> "PassengerSide";
    };
    return "Vehicle.Cabin.Seat.Row" + row + "." + pos;
  }

  static Iterable<JsonNode> array(JsonNode doc, String field) {
    JsonNode a = doc.get(field);
    if (a == null || !a.isArray()) {
      throw new IllegalArgumentException("answer has no \"" + field + "\" array: " + doc);
    }
    return a;
  }

  static JsonNode required(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("answer lacks \"" + field + "\": " + obj);
    }
    return v;
  }
}
