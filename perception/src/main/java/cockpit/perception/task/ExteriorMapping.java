package cockpit.perception.task;

import static cockpit.perception.task.DetectionMapper.array;
import static cockpit.perception.task.DetectionMapper.required;

import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.VssValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON → detections for the exterior-camera tasks. Zones are {@code exterior/{side}[-{end}]}, the
 * vocabulary {@code DoorHazardRule} and {@code PersonApproachingRule} read. VSS has no approach
 * signal; the greeter's documented overlay is {@link #PERSON_APPROACHING}.
 *
 * <ul>
 *   <li>{@code door_hazard}: per road user a PERSON / CYCLIST / VEHICLE detection in {@code
 *       exterior/{side}-{position}} with attributes {@code approaching} and {@code distance_m} (confidence:
 *       the road user's existence, kind, side, position, approaching — not the distance, a measurement
 *       judged within a tolerance, whose last digit would otherwise decide the confidence).
 *   <li>{@code greeter}: when {@code person_approaching}, one PERSON detection in {@code
 *       exterior/{side}-{position}} with {@code approaching=true}, {@code distance_m} and the overlay value
 *       (confidence: person_approaching, side, position); nothing otherwise.
 *   <li>{@code car_finder}: per landmark a LANDMARK or SIGN detection, label = its text, zone
 *       {@code exterior/{direction}} (confidence: every choice of the landmark, its text included); the
 *       place, when given, as a LANDMARK in zone {@code exterior} with attribute {@code place=true}.
 * </ul>
 */
final class ExteriorMapping {
  /** Overlay (VSS has no person-approaching signal, anchors §7). */
  static final String PERSON_APPROACHING = "Vehicle.Exterior.IsPersonApproaching";

  private ExteriorMapping() {}

  static List<Detection> doorHazard(JsonNode doc, ItemConfidence c) {
    List<Detection> out = new ArrayList<>();
    int i = 0;
    for (JsonNode u : array(doc, "road_users")) {
      String kind = required(u, "kind").asText();
      out.add(Detection.newBuilder().setKind(roadUser(kind)).setLabel(kind)
          .setZone("exterior/" + required(u, "side").asText() + "-" + required(u, "position").asText())
          .setConfidence(c.of("/road_users/" + i++, "kind", "side", "position", "approaching"))
          .putAttributes("approaching", Boolean.toString(required(u, "approaching").asBoolean()))
          .putAttributes("distance_m", required(u, "distance_m").asText())
          .build());
    }
    return out;
  }

  static List<Detection> greeter(JsonNode doc, ItemConfidence c) {
    if (!required(doc, "person_approaching").asBoolean()) {
      return List.of();
    }
    return List.of(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_PERSON).setLabel("person")
        .setZone("exterior/" + required(doc, "side").asText() + "-" + required(doc, "position").asText())
        .setConfidence(c.of("", "person_approaching", "side", "position"))
        .putAttributes("approaching", "true")
        .putAttributes("distance_m", required(doc, "distance_m").asText())
        .putAttributes("task", PerceptionTasks.GREETER)
        .setVssPath(PERSON_APPROACHING)
        .setVssValue(VssValue.newBuilder().setBoolValue(true))
        .build());
  }

  static List<Detection> carFinder(JsonNode doc, ItemConfidence c) {
    List<Detection> out = new ArrayList<>();
    int i = 0;
    for (JsonNode l : array(doc, "landmarks")) {
      boolean sign = required(l, "kind").asText().equals("sign");
      out.add(Detection.newBuilder()
          .setKind(sign ? DetectionKind.DETECTION_KIND_SIGN : DetectionKind.DETECTION_KIND_LANDMARK)
          .setLabel(required(l, "label").asText())
          .setZone("exterior/" + required(l, "direction").asText())
          .setConfidence(c.of("/landmarks/" + i++))
          .build());
    }
    String place = required(doc, "place").asText();
    if (!place.isBlank()) {
      out.add(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_LANDMARK).setLabel(place)
          .setZone("exterior").setConfidence(c.of("", "place")).putAttributes("place", "true").build());
    }
    return out;
  }

  private static DetectionKind roadUser(String kind) {
    return switch (kind) {
      case "person" -> DetectionKind.DETECTION_KIND_PERSON;
      case "cyclist" -> DetectionKind.DETECTION_KIND_CYCLIST;
      case "vehicle" -> DetectionKind.DETECTION_KIND_VEHICLE;
      default -> throw new IllegalArgumentException("unknown road user \"" + kind + "\"");
    };
  }
}
