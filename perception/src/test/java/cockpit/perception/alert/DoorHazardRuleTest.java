package cockpit.perception.alert;

import static cockpit.perception.alert.Fixtures.det;
import static cockpit.perception.alert.Fixtures.door;
import static cockpit.perception.alert.Fixtures.driving;
import static cockpit.perception.alert.Fixtures.set;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cockpit.perception.alert.Fixtures.FakeClock;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DoorSide;
import cockpit.proto.v1.DriverPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoorHazardRuleTest {
  private final FakeClock clock = new FakeClock(9_000_000);
  private final AlertEngine engine = new AlertEngine(AlertRulesConfig.defaults(), clock);
  private final long t0 = clock.ms;

  private static Detection approaching(DetectionKind kind, String zone) {
    return det(kind).toBuilder().setZone(zone).build();
  }

  @Test
  void stoppedUnlockedWarnsEscalatesWhenDoorOpensAndClearsAfterHold() {
    engine.onVehicleState(driving(0));
    Alert raised = engine.onDetections(set("exterior_approach",
        approaching(DetectionKind.DETECTION_KIND_CYCLIST, "exterior/left-rear"))).get(0);
    assertEquals(AlertKind.ALERT_KIND_DOOR_OPEN_HAZARD, raised.getKind());
    assertEquals(AlertSeverity.ALERT_SEVERITY_WARNING, raised.getSeverity());
    assertEquals("exterior/left", raised.getZone());
    clock.set(t0 + 500);
    Alert esc = engine.onVehicleState(driving(0).toBuilder()
        .addDoors(door(2, DoorSide.DOOR_SIDE_DRIVER_SIDE, true)).build()).get(0);
    assertEquals(AlertState.ALERT_STATE_ESCALATED, esc.getState());
    assertEquals(AlertSeverity.ALERT_SEVERITY_CRITICAL, esc.getSeverity());
    assertEquals("Vehicle.Cabin.Door.Row2.DriverSide.IsOpen", esc.getEvidence(1).getVssPath());
    clock.set(t0 + 1_999);
    assertEquals(List.of(), engine.tick());
    clock.set(t0 + 2_000);
    Alert cleared = engine.tick().get(0);
    assertEquals(AlertState.ALERT_STATE_CLEARED, cleared.getState());
    assertEquals(raised.getAlertId(), cleared.getAlertId());
  }

  @Test
  void rightHandDriveDriverDoorOpenIsCriticalOnTheRightEvenWhileLocked() {
    engine.onVehicleState(driving(0).toBuilder()
        .setIsLocked(true)
        .setDriverPosition(DriverPosition.DRIVER_POSITION_RIGHT)
        .addDoors(door(1, DoorSide.DOOR_SIDE_DRIVER_SIDE, true))
        .build());
    assertEquals(List.of(), engine.onDetections(set("exterior_approach",
        approaching(DetectionKind.DETECTION_KIND_PERSON, "exterior/left-front"))));
    Alert a = engine.onDetections(set("exterior_approach",
        approaching(DetectionKind.DETECTION_KIND_PERSON, "exterior/right-front"))).get(0);
    assertEquals(AlertSeverity.ALERT_SEVERITY_CRITICAL, a.getSeverity());
    assertEquals("exterior/right", a.getZone());
  }

  @Test
  void movingWithDoorsClosedOrNotApproachingRaisesNothing() {
    engine.onVehicleState(driving(30));
    assertEquals(List.of(), engine.onDetections(set("exterior_approach",
        approaching(DetectionKind.DETECTION_KIND_CYCLIST, "exterior/left-rear"))));
    clock.set(t0 + 5_000);
    assertEquals(List.of(), engine.onVehicleState(driving(0)), "the sighting at 0 is older than the hold");
    assertEquals(List.of(), engine.onDetections(set("exterior_approach",
        approaching(DetectionKind.DETECTION_KIND_CYCLIST, "exterior/left-rear").toBuilder()
            .putAttributes("approaching", "false").build())));
  }

  @Test
  void personApproachingTheParkedCarIsAnInfoAlertThatClearsAfterTheHold() {
    engine.onVehicleState(Fixtures.parkedLocked());
    List<Alert> raised = engine.onDetections(set("greeter",
        approaching(DetectionKind.DETECTION_KIND_PERSON, "exterior/right")));
    assertEquals(1, raised.size(), Fixtures.describe(raised));
    Alert a = raised.get(0);
    assertEquals(AlertKind.ALERT_KIND_PERSON_APPROACHING, a.getKind());
    assertEquals(AlertSeverity.ALERT_SEVERITY_INFO, a.getSeverity());
    assertEquals("exterior/right", a.getZone());
    clock.set(t0 + 1_000);
    assertEquals(List.of(), engine.onDetections(set("greeter",
        approaching(DetectionKind.DETECTION_KIND_PERSON, "exterior/right"))), "no repeat while it lasts");
    clock.set(t0 + 2_999);
    assertEquals(List.of(), engine.tick());
    clock.set(t0 + 3_000);
    Alert cleared = engine.tick().get(0);
    assertEquals(AlertState.ALERT_STATE_CLEARED, cleared.getState());
    assertEquals(a.getAlertId(), cleared.getAlertId());
    // A person near a car that is being driven is no greeting.
    engine.onVehicleState(driving(0));
    assertEquals(List.of(), engine.onDetections(set("greeter",
        approaching(DetectionKind.DETECTION_KIND_PERSON, "exterior/front"))).stream()
        .filter(x -> x.getKind() == AlertKind.ALERT_KIND_PERSON_APPROACHING).toList());
  }
}
