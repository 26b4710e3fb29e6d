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
 * Maps a task's JSON answer (already schema-valid) to detections. Stateless.
 *
 * <ul>
 *   <li>{@code occupancy}: one detection per listed seat; kind from {@code occupant} (adult → PERSON, child →
 *       CHILD, infant_seat → INFANT_SEAT, pet → PET, empty → UNSPECIFIED), the seat, {@code confidence} (0 when
 *       absent), attributes {@code occupant} and {@code belted}, and, when {@code belted} is given, vss_path
 *       {@code Vehicle.Cabin.Seat.Row{r}.{DriverSide|Middle|PassengerSide}.IsBelted} with that boolean.
 *   <li>{@code driver_monitoring}: one DRIVER_STATE detection on the row-1 driver-side seat with attributes
 *       {@code eyes_on_road} and {@code drowsy} and vss_path {@code Vehicle.Driver.IsEyesOnRoad}.
 *   <li>any other task: one UNSPECIFIED detection labelled with the task name, attribute {@code json} = the answer.
 * </ul>
 */
public final class DetectionMapper {
  public static final String EYES_ON_ROAD = "Vehicle.Driver.IsEyesOnRoad";

  private DetectionMapper() {}

  /** @throws IllegalArgumentException if {@code doc} lacks a field the task's mapping needs */
  public static List<Detection> map(String task, JsonNode doc) {
    return switch (task) {
      case PerceptionTasks.OCCUPANCY -> occupancy(doc);
      case PerceptionTasks.DRIVER_MONITORING -> List.of(driver(doc));
      default -> List.of(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_UNSPECIFIED).setLabel(task)
          .putAttributes("json", doc.toString()).build());
    };
  }

  static List<Detection> occupancy(JsonNode doc) {
    JsonNode seats = doc.get("seats");
    if (seats == null || !seats.isArray()) {
      throw new IllegalArgumentException("occupancy answer has no seats array: " + doc);
    }
    List<Detection> out = new ArrayList<>(seats.size());
    for (JsonNode s : seats) {
      int row = required(s, "row").asInt();
      String position = required(s, "position").asText();
      String occupant = required(s, "occupant").asText();
      Seat seat = Seat.newBuilder().setRow(row).setPosition(position(position)).build();
      Detection.Builder d = Detection.newBuilder()
          .setKind(kind(occupant))
          .setSeat(seat)
          .setLabel(occupant)
          .putAttributes("occupant", occupant);
      JsonNode conf = s.get("confidence");
      if (conf != null && conf.isNumber()) {
        d.setConfidence((float) conf.asDouble());
      }
      JsonNode belted = s.get("belted");
      if (belted != null && belted.isBoolean()) {
        d.putAttributes("belted", Boolean.toString(belted.asBoolean()));
        d.setVssPath(seatStem(row, position) + ".IsBelted");
        d.setVssValue(VssValue.newBuilder().setBoolValue(belted.asBoolean()));
      }
      out.add(d.build());
    }
    return out;
  }

  static Detection driver(JsonNode doc) {
    boolean eyes = required(doc, "eyes_on_road").asBoolean();
    boolean drowsy = required(doc, "drowsy").asBoolean();
    Detection.Builder d = Detection.newBuilder()
        .setKind(DetectionKind.DETECTION_KIND_DRIVER_STATE)
        .setSeat(Seat.newBuilder().setRow(1).setPosition(SeatPosition.SEAT_POSITION_DRIVER_SIDE))
        .setLabel("driver")
        .putAttributes("eyes_on_road", Boolean.toString(eyes))
        .putAttributes("drowsy", Boolean.toString(drowsy))
        .setVssPath(EYES_ON_ROAD)
        .setVssValue(VssValue.newBuilder().setBoolValue(eyes));
    JsonNode conf = doc.get("confidence");
    if (conf != null && conf.isNumber()) {
      d.setConfidence((float) conf.asDouble());
    }
    return d.build();
  }

  static DetectionKind kind(String occupant) {
    return switch (occupant) {
      case "adult" -> DetectionKind.DETECTION_KIND_PERSON;
      case "child" -> DetectionKind.DETECTION_KIND_CHILD;
      case "infant_seat" -> DetectionKind.DETECTION_KIND_INFANT_SEAT;
      case "pet" -> DetectionKind.DETECTION_KIND_PET;
      case "empty" -> DetectionKind.DETECTION_KIND_UNSPECIFIED;
      default -> throw new IllegalArgumentException("unknown occupant \"" + occupant + "\"");
    };
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

  private static JsonNode required(JsonNode obj, String field) {
    JsonNode v = obj.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("answer lacks \"" + field + "\": " + obj);
    }
    return v;
  }
}
