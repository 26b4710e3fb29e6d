package cockpit.dialogue.context;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertEvidence;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FrameRef;
import cockpit.proto.v1.Gear;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.SeatPosition;
import cockpit.proto.v1.VehicleState;
import cockpit.proto.v1.VssValue;
import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Bus messages as perception and the vehicle gateway send them, for context tests. */
public final class Cockpit {
  private Cockpit() {}

  public static VehicleState parked() {
    return VehicleState.newBuilder().setPowerState(PowerState.POWER_STATE_OFF).setSelectedGear(Gear.GEAR_PARK)
        .setIsLocked(true).build();
  }

  public static VehicleState driving(float kmh) {
    return VehicleState.newBuilder().setPowerState(PowerState.POWER_STATE_ON).setSelectedGear(Gear.GEAR_DRIVE)
        .setSpeedKmh(kmh).build();
  }

  public static Seat seat(int row, SeatPosition p) {
    return Seat.newBuilder().setRow(row).setPosition(p).build();
  }

  public static DetectionSet carFinder(String camera, long sequence, String place, String sign) {
    return DetectionSet.newBuilder().setTask("car_finder")
        .setFrame(FrameRef.newBuilder().setCameraId(camera).setSequence(sequence))
        .addDetections(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_SIGN).setLabel(sign)
            .setZone("exterior/left"))
        .addDetections(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_LANDMARK).setLabel("lift")
            .setZone("exterior/front"))
        .addDetections(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_LANDMARK).setLabel(place)
            .setZone("exterior").putAttributes("place", "true"))
        .build();
  }

  public static DetectionSet occupancy(long sequence) {
    Seat rear = seat(2, SeatPosition.SEAT_POSITION_MIDDLE);
    return DetectionSet.newBuilder().setTask("occupancy")
        .setFrame(FrameRef.newBuilder().setCameraId("cabin").setSequence(sequence))
        .addDetections(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_CHILD).setSeat(rear)
            .setConfidence(0.9f))
        .addDetections(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_SEAT_BELT).setSeat(rear)
            .setVssValue(VssValue.newBuilder().setBoolValue(false)))
        .build();
  }

  public static Alert childLeftBehind(String id, AlertState state, Instant raised) {
    Timestamp t = Timestamp.newBuilder().setSeconds(raised.getEpochSecond()).build();
    return Alert.newBuilder().setAlertId(id).setKind(AlertKind.ALERT_KIND_CHILD_LEFT_BEHIND)
        .setSeverity(AlertSeverity.ALERT_SEVERITY_CRITICAL).setState(state)
        .setMessage("Child left in rear middle seat").setRaisedTime(t).setTime(t)
        .addEvidence(AlertEvidence.newBuilder().setDetectionKind(DetectionKind.DETECTION_KIND_CHILD)
            .setSeat(seat(2, SeatPosition.SEAT_POSITION_MIDDLE)).setConfidence(0.91f))
        .addEvidence(AlertEvidence.newBuilder().setVssPath("Vehicle.LowVoltageSystemState")
            .setVssValue(VssValue.newBuilder().setStringValue("OFF")))
        .build();
  }
}
