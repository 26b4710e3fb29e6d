package cockpit.sim.scene;

import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.SeatPosition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ground truth of a cabin image: a record per drawn seat (row-major, as the scene lists them) and the
 * driver's face. Immutable.
 *
 * @param rows seat rows drawn
 * @param driver null when no adult sits in the driver seat (no face to judge)
 */
public record CabinTruth(Lighting lighting, Variation variation, int rows, List<SeatTruth> seats, DriverTruth driver)
    implements GroundTruth {
  public CabinTruth {
    Objects.requireNonNull(lighting, "lighting");
    Objects.requireNonNull(variation, "variation");
    seats = List.copyOf(seats);
  }

  /** The seat record at (row, position), or null when that seat is not in the car. */
  public SeatTruth seat(int row, SeatPosition position) {
    return seats.stream().filter(s -> s.row() == row && s.position() == position).findFirst().orElse(null);
  }

  /**
   * Per occupied seat an occupant label (attributes {@code occupant}, {@code belted} for people,
   * {@code occupied} for infant seats; VSS {@code …IsBelted} for people), per object an OBJECT label,
   * and the DRIVER_STATE label on the driver's face.
   */
  @Override
  public List<Label> labels() {
    List<Label> out = new ArrayList<>();
    for (SeatTruth s : seats) {
      Seat seat = Seat.newBuilder().setRow(s.row()).setPosition(s.position()).build();
      Occupant o = s.occupant();
      if (o != Occupant.EMPTY) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("occupant", o.label());
        if (o.wearsBelt()) {
          attrs.put("belted", Boolean.toString(s.belted()));
        }
        if (o.kind() == DetectionKind.DETECTION_KIND_INFANT_SEAT) {
          attrs.put("occupied", Boolean.toString(o == Occupant.INFANT_SEAT_OCCUPIED));
        }
        out.add(new Label(o.kind(), seat, "", s.box(), o.label(), attrs, o.wearsBelt() ? s.vssStem() + ".IsBelted" : "",
            o.wearsBelt() ? s.belted() : null));
      }
      for (SeatTruth.ObjectTruth ob : s.objects()) {
        out.add(new Label(DetectionKind.DETECTION_KIND_OBJECT, seat, "", ob.box(), ob.object().label(), Map.of(), "",
            null));
      }
      if (driver != null && s.row() == 1 && s.position() == SeatPosition.SEAT_POSITION_DRIVER_SIDE) {
        DriverState d = driver.state();
        out.add(new Label(DetectionKind.DETECTION_KIND_DRIVER_STATE, seat, "", driver.face(), "driver",
            Map.of("eyes_on_road", Boolean.toString(d.eyesOnRoad()), "drowsy", Boolean.toString(d.drowsy()),
                "head", Names.of(d.head()), "gaze", d.head().gaze(), "yawning", Boolean.toString(d.yawning())),
            "Vehicle.Driver.IsEyesOnRoad", d.eyesOnRoad()));
      }
    }
    return out;
  }

  @Override
  public JsonObject toJson() {
    JsonArray s = new JsonArray();
    seats.forEach(t -> s.add(t.toJson()));
    JsonObject j = new JsonObject().put("camera", "cabin").put("lighting", lighting.label()).put("rows", rows)
        .put("seats", s);
    if (driver != null) {
      j.put("driver", driver.toJson());
    }
    return j.put("variation", variation.toJson());
  }
}
