package cockpit.perception.alert;

import cockpit.proto.v1.AlertEvidence;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.Door;
import cockpit.proto.v1.DoorSide;
import cockpit.proto.v1.FrameRef;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.VehicleState;
import cockpit.proto.v1.VssValue;
import java.util.Optional;

/** VSS paths (anchors §7) and evidence builders the rules share. Stateless. */
final class Vss {
  static final String SPEED = "Vehicle.Speed";
  static final String POWER = "Vehicle.LowVoltageSystemState";
  static final String EYES_ON_ROAD = "Vehicle.Driver.IsEyesOnRoad";
  static final String FATIGUE_LEVEL = "Vehicle.Driver.FatigueLevel";

  private Vss() {}

  static String seatStem(Seat seat) {
    String pos =
        switch (seat.getPosition()) {
          case SEAT_POSITION_DRIVER_SIDE -> "DriverSide";
          case SEAT_POSITION_MIDDLE -> "Middle";
          case SEAT_POSITION_PASSENGER_SIDE -> "PassengerSide";
          case SEAT_POSITION_UNSPECIFIED, UNRECOGNIZED -> "Unknown";
        };
    return "Vehicle.Cabin.Seat.Row" + seat.getRow() + "." + pos;
  }

  static String doorStem(Door door) {
    String side = door.getSide() == DoorSide.DOOR_SIDE_PASSENGER_SIDE ? "PassengerSide" : "DriverSide";
    return "Vehicle.Cabin.Door.Row" + door.getRow() + "." + side;
  }

  /** "Row2 PassengerSide" for messages. */
  static String seatName(Seat seat) {
    return seatStem(seat).substring("Vehicle.Cabin.Seat.".length()).replace('.', ' ');
  }

  static String seatKey(Seat seat) {
    return seat.getRow() + ":" + seat.getPositionValue();
  }

  /** Reads a boolean from attribute {@code attr} ("true"/"false") or from a bool VSS value at {@code path}. */
  static Optional<Boolean> bool(Detection d, String attr, String path) {
    String a = d.getAttributesMap().get(attr);
    if ("true".equalsIgnoreCase(a)) {
      return Optional.of(true);
    }
    if ("false".equalsIgnoreCase(a)) {
      return Optional.of(false);
    }
    if (path.equals(d.getVssPath()) && d.getVssValue().hasBoolValue()) {
      return Optional.of(d.getVssValue().getBoolValue());
    }
    return Optional.empty();
  }

  static AlertEvidence of(FrameRef frame, Detection d) {
    AlertEvidence.Builder b =
        AlertEvidence.newBuilder()
            .setFrame(frame)
            .setDetectionKind(d.getKind())
            .setConfidence(d.getConfidence())
            .setZone(d.getZone())
            .setVssPath(d.getVssPath());
    if (d.hasSeat()) {
      b.setSeat(d.getSeat());
    }
    if (d.hasVssValue()) {
      b.setVssValue(d.getVssValue());
    }
    return b.build();
  }

  static AlertEvidence signal(String path, VssValue value) {
    return AlertEvidence.newBuilder().setVssPath(path).setVssValue(value).build();
  }

  static AlertEvidence signal(String path, boolean value) {
    return signal(path, VssValue.newBuilder().setBoolValue(value).build());
  }

  static AlertEvidence speed(VehicleState v) {
    return signal(SPEED, VssValue.newBuilder().setFloatValue(v.getSpeedKmh()).build());
  }

  static AlertEvidence power(VehicleState v) {
    String s =
        switch (v.getPowerState()) {
          case POWER_STATE_LOCK -> "LOCK";
          case POWER_STATE_OFF -> "OFF";
          case POWER_STATE_ACC -> "ACC";
          case POWER_STATE_ON -> "ON";
          case POWER_STATE_START -> "START";
          case POWER_STATE_UNSPECIFIED, UNRECOGNIZED -> "UNDEFINED";
        };
    return signal(POWER, VssValue.newBuilder().setStringValue(s).build());
  }
}
