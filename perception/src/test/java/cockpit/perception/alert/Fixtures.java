package cockpit.perception.alert;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.Door;
import cockpit.proto.v1.DoorSide;
import cockpit.proto.v1.DoorState;
import cockpit.proto.v1.FrameRef;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.SeatOccupancy;
import cockpit.proto.v1.SeatPosition;
import cockpit.proto.v1.VehicleState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Test inputs: a settable clock and builders for detections and vehicle states. */
final class Fixtures {
  private Fixtures() {}

  /** A clock the test moves by hand. */
  static final class FakeClock extends Clock {
    long ms;

    FakeClock(long ms) {
      this.ms = ms;
    }

    void set(long t) {
      ms = t;
    }

    @Override
    public long millis() {
      return ms;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(ms);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  static Seat seat(int row, SeatPosition pos) {
    return Seat.newBuilder().setRow(row).setPosition(pos).build();
  }

  static Detection det(DetectionKind kind, String... attrs) {
    Detection.Builder b = Detection.newBuilder().setKind(kind).setConfidence(0.9f);
    for (int i = 0; i < attrs.length; i += 2) {
      b.putAttributes(attrs[i], attrs[i + 1]);
    }
    return b.build();
  }

  static DetectionSet set(String task, Detection... ds) {
    return DetectionSet.newBuilder()
        .setTask(task)
        .setFrame(FrameRef.newBuilder().setCameraId(task).setSequence(7))
        .addAllDetections(List.of(ds))
        .build();
  }

  static VehicleState driving(double speed) {
    return VehicleState.newBuilder()
        .setPowerState(PowerState.POWER_STATE_ON)
        .setSpeedKmh((float) speed)
        .build();
  }

  static VehicleState parkedLocked() {
    return VehicleState.newBuilder().setPowerState(PowerState.POWER_STATE_OFF).setIsLocked(true).build();
  }

  static SeatOccupancy occupant(Seat seat, boolean belted) {
    return SeatOccupancy.newBuilder().setSeat(seat).setIsOccupied(true).setIsBelted(belted).build();
  }

  static DoorState door(int row, DoorSide side, boolean open) {
    return DoorState.newBuilder().setDoor(Door.newBuilder().setRow(row).setSide(side)).setIsOpen(open).build();
  }

  static String describe(List<Alert> alerts) {
    return alerts.stream().map(a -> a.getKind() + "/" + a.getState() + "/" + a.getSeverity()).toList().toString();
  }
}
