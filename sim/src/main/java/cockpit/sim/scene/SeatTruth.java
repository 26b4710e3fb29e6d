package cockpit.sim.scene;

import cockpit.proto.v1.SeatPosition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * What one drawn seat shows. Immutable.
 *
 * @param belted the belt is drawn fastened across the occupant; always false for occupants that wear
 *     none (their seat shows the belt retracted, like an empty seat's)
 * @param objects the loose objects on the cushion, each with its box
 * @param box the seat (headrest to cushion edge) in the image, normalized
 */
public record SeatTruth(int row, SeatPosition position, Occupant occupant, boolean belted, List<ObjectTruth> objects,
    Label.Box box) {
  /** A loose object and where it was drawn. */
  public record ObjectTruth(SeatObject object, Label.Box box) {
    public ObjectTruth {
      Objects.requireNonNull(object, "object");
      Objects.requireNonNull(box, "box");
    }
  }

  public SeatTruth {
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(occupant, "occupant");
    objects = List.copyOf(objects);
    Objects.requireNonNull(box, "box");
  }

  /** {@code driver_side}, {@code middle} or {@code passenger_side}, the schemas' vocabulary. */
  public String positionLabel() {
    return switch (position) {
      case SEAT_POSITION_DRIVER_SIDE -> "driver_side";
      case SEAT_POSITION_MIDDLE -> "middle";
      case SEAT_POSITION_PASSENGER_SIDE, SEAT_POSITION_UNSPECIFIED, UNRECOGNIZED -> "passenger_side";
    };
  }

  /** The VSS branch of this seat, e.g. {@code Vehicle.Cabin.Seat.Row2.Middle}. */
  public String vssStem() {
    String pos = switch (position) {
      case SEAT_POSITION_DRIVER_SIDE -> "DriverSide";
      case SEAT_POSITION_MIDDLE -> "Middle";
      case SEAT_POSITION_PASSENGER_SIDE, SEAT_POSITION_UNSPECIFIED, UNRECOGNIZED -> "PassengerSide";
    };
    return "Vehicle.Cabin.Seat.Row" + row + "." + pos;
  }

  JsonObject toJson() {
    JsonArray objs = new JsonArray();
    for (ObjectTruth o : objects) {
      objs.add(new JsonObject().put("object", o.object().label()).put("box", GroundTruth.json(o.box())));
    }
    JsonObject j = new JsonObject().put("row", row).put("position", positionLabel()).put("occupant", occupant.label());
    if (occupant.wearsBelt()) {
      j.put("belted", belted);
    }
    return j.put("objects", objs).put("box", GroundTruth.json(box));
  }
}
