package cockpit.perception.alert;

import static cockpit.perception.alert.Fixtures.det;
import static cockpit.perception.alert.Fixtures.driving;
import static cockpit.perception.alert.Fixtures.occupant;
import static cockpit.perception.alert.Fixtures.parkedLocked;
import static cockpit.perception.alert.Fixtures.seat;
import static cockpit.perception.alert.Fixtures.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cockpit.perception.alert.Fixtures.FakeClock;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.SeatOccupancy;
import cockpit.proto.v1.SeatPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class CabinRulesTest {
  private final FakeClock clock = new FakeClock(5_000_000);
  private final AlertEngine engine = new AlertEngine(AlertRulesConfig.defaults(), clock);
  private final long t0 = clock.ms;
  private final Seat rearMiddle = seat(2, SeatPosition.SEAT_POSITION_MIDDLE);
  private final Detection child = det(DetectionKind.DETECTION_KIND_CHILD).toBuilder().setSeat(rearMiddle).build();

  private List<Alert> at(long offset) {
    clock.set(t0 + offset);
    return engine.tick();
  }

  @Test
  void childLeftBehindFiresAt60sThenEscalatesEveryMinuteUntilUnlocked() {
    engine.onVehicleState(parkedLocked());
    assertEquals(List.of(), engine.onDetections(set("occupancy", child)));
    // Silence after one sighting is not absence: the alert still fires.
    assertEquals(List.of(), at(59_999));
    Alert raised = at(60_000).get(0);
    assertEquals(AlertKind.ALERT_KIND_CHILD_LEFT_BEHIND, raised.getKind());
    assertEquals(AlertSeverity.ALERT_SEVERITY_WARNING, raised.getSeverity());
    assertEquals(rearMiddle, raised.getSeat());
    assertEquals("Child left in locked vehicle (Row2 Middle)", raised.getMessage());
    assertEquals(DetectionKind.DETECTION_KIND_CHILD, raised.getEvidence(0).getDetectionKind());
    assertEquals("OFF", raised.getEvidence(1).getVssValue().getStringValue());
    assertEquals(List.of(), at(119_999));
    Alert first = at(120_000).get(0);
    assertEquals(AlertState.ALERT_STATE_ESCALATED, first.getState());
    assertEquals(AlertSeverity.ALERT_SEVERITY_CRITICAL, first.getSeverity());
    assertEquals(1, first.getEscalationLevel());
    Alert second = at(180_000).get(0);
    assertEquals(2, second.getEscalationLevel());
    assertEquals(raised.getAlertId(), second.getAlertId());
    List<Alert> cleared = engine.onVehicleState(driving(0));
    assertEquals(AlertState.ALERT_STATE_CLEARED, cleared.get(0).getState());
    assertEquals(raised.getAlertId(), cleared.get(0).getAlertId());
  }

  @Test
  void childLeftBehindCountsFromLockingAndClearsOnConfirmedAbsence() {
    engine.onDetections(set("occupancy", child)); // seen while driving
    clock.set(t0 + 10_000);
    engine.onVehicleState(parkedLocked());
    assertEquals(List.of(), at(69_999));
    Alert raised = at(70_000).get(0);
    clock.set(t0 + 75_000);
    assertEquals(List.of(), engine.onDetections(set("occupancy")));
    clock.set(t0 + 80_000);
    assertEquals(List.of(), engine.onDetections(set("driver_monitoring")), "other tasks say nothing about rear seats");
    clock.set(t0 + 84_999);
    assertEquals(List.of(), engine.onDetections(set("occupancy")));
    clock.set(t0 + 85_000);
    Alert cleared = engine.onDetections(set("occupancy")).get(0);
    assertEquals(AlertState.ALERT_STATE_CLEARED, cleared.getState());
    assertEquals(raised.getAlertId(), cleared.getAlertId());
  }

  @Test
  void childAndPetAreIndependentIncidentsAndANewIncidentGetsANewId() {
    engine.onVehicleState(parkedLocked());
    Detection infant = det(DetectionKind.DETECTION_KIND_INFANT_SEAT, "occupied", "true");
    engine.onDetections(set("occupancy", infant, det(DetectionKind.DETECTION_KIND_PET)));
    List<Alert> both = at(60_000);
    assertEquals(2, both.size());
    assertEquals(AlertKind.ALERT_KIND_CHILD_LEFT_BEHIND, both.get(0).getKind());
    assertEquals(AlertKind.ALERT_KIND_PET_LEFT_BEHIND, both.get(1).getKind());
    assertNotEquals(both.get(0).getAlertId(), both.get(1).getAlertId());
    engine.onVehicleState(driving(0));
    clock.set(t0 + 70_000);
    engine.onVehicleState(parkedLocked());
    Alert again = at(130_000).get(0);
    assertNotEquals(both.get(0).getAlertId(), again.getAlertId());
  }

  @Test
  void emptyInfantSeatDoesNotCount() {
    engine.onVehicleState(parkedLocked());
    engine.onDetections(set("occupancy", det(DetectionKind.DETECTION_KIND_INFANT_SEAT, "occupied", "false")));
    assertEquals(List.of(), at(600_000));
  }

  @Test
  void unbeltedSeatsFireAfter10sWithDistinctIdsAndClearIndependently() {
    Seat front = seat(1, SeatPosition.SEAT_POSITION_DRIVER_SIDE);
    Seat rearLeft = seat(2, SeatPosition.SEAT_POSITION_DRIVER_SIDE);
    Seat rearRight = seat(2, SeatPosition.SEAT_POSITION_PASSENGER_SIDE);
    engine.onVehicleState(driving(50).toBuilder()
        .addSeats(occupant(front, true)).addSeats(occupant(rearLeft, false)).addSeats(occupant(rearRight, false))
        .build());
    assertEquals(List.of(), at(9_999));
    List<Alert> raised = at(10_000);
    assertEquals(2, raised.size());
    assertEquals(rearLeft, raised.get(0).getSeat());
    assertEquals(rearRight, raised.get(1).getSeat());
    assertNotEquals(raised.get(0).getAlertId(), raised.get(1).getAlertId());
    assertEquals("Vehicle.Cabin.Seat.Row2.DriverSide.IsBelted", raised.get(0).getEvidence(0).getVssPath());
    assertEquals(List.of(), at(39_999));
    List<Alert> escalated = at(40_000);
    assertEquals(2, escalated.size());
    assertEquals(AlertSeverity.ALERT_SEVERITY_CRITICAL, escalated.get(0).getSeverity());
    List<Alert> cleared = engine.onVehicleState(driving(50).toBuilder()
        .addSeats(occupant(front, true)).addSeats(occupant(rearLeft, true)).addSeats(occupant(rearRight, false))
        .build());
    assertEquals(1, cleared.size());
    assertEquals(AlertState.ALERT_STATE_CLEARED, cleared.get(0).getState());
    assertEquals(raised.get(0).getAlertId(), cleared.get(0).getAlertId());
  }

  @Test
  void unbeltedIgnoredAt25KmhOrBelowAndCameraFillsMissingBuckleSensor() {
    Seat rear = seat(2, SeatPosition.SEAT_POSITION_MIDDLE);
    SeatOccupancy noSensor = SeatOccupancy.newBuilder().setSeat(rear).setIsOccupied(true).build();
    engine.onVehicleState(driving(25).toBuilder().addSeats(noSensor).build());
    engine.onDetections(set("seat_belt",
        det(DetectionKind.DETECTION_KIND_SEAT_BELT, "belted", "false").toBuilder().setSeat(rear).build()));
    assertEquals(List.of(), at(60_000));
    engine.onVehicleState(driving(26).toBuilder().addSeats(noSensor).build());
    assertEquals(List.of(), at(69_999));
    assertEquals(AlertKind.ALERT_KIND_UNBELTED_OCCUPANT, at(70_000).get(0).getKind());
  }

  @Test
  void aCameraBeltReadingBelowTheMinimumConfidenceFillsNothing() {
    Seat rear = seat(2, SeatPosition.SEAT_POSITION_MIDDLE);
    SeatOccupancy noSensor = SeatOccupancy.newBuilder().setSeat(rear).setIsOccupied(true).build();
    engine.onVehicleState(driving(60).toBuilder().addSeats(noSensor).build());
    engine.onDetections(set("occupancy", det(DetectionKind.DETECTION_KIND_SEAT_BELT, "belted", "false").toBuilder()
        .setSeat(rear).setConfidence(0.3f).build()));
    assertEquals(List.of(), at(60_000));
    engine.onDetections(set("occupancy", det(DetectionKind.DETECTION_KIND_SEAT_BELT, "belted", "false").toBuilder()
        .setSeat(rear).build()));
    assertEquals(AlertKind.ALERT_KIND_UNBELTED_OCCUPANT, at(70_000).get(0).getKind());
  }
}
