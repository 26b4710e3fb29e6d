package cockpit.perception.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.Gear;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.SeatPosition;
import cockpit.proto.v1.VehicleState;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PerceptionTaskTest {
  static final String SCHEMA = PerceptionTasks.DRIVER_MONITORING_SCHEMA;

  @Test
  void defaultsAreValidAndNamed() {
    List<PerceptionTask> d = PerceptionTasks.defaults();
    assertEquals(List.of("occupancy", "driver_monitoring", "child_presence", "door_hazard", "greeter", "car_finder"),
        d.stream().map(PerceptionTask::name).toList());
    assertTrue(d.get(0).appliesTo("cabin"));
    assertFalse(d.get(0).appliesTo("driver"));
  }

  @Test
  void invalidTasksAreRejected() {
    Duration s = Duration.ofSeconds(1);
    assertThrows(IllegalArgumentException.class, () -> new PerceptionTask("Bad Name", "p", SCHEMA, Set.of("c"), s));
    assertThrows(IllegalArgumentException.class, () -> new PerceptionTask("t", " ", SCHEMA, Set.of("c"), s));
    var e = assertThrows(IllegalArgumentException.class,
        () -> new PerceptionTask("t", "p", "{\"type\":", Set.of("c"), s));
    assertTrue(e.getMessage().contains("schema"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PerceptionTask("t", "p", SCHEMA, Set.of(), s));
    assertThrows(IllegalArgumentException.class, () -> new PerceptionTask("t", "p", SCHEMA, Set.of(" "), s));
    assertThrows(IllegalArgumentException.class,
        () -> new PerceptionTask("t", "p", SCHEMA, Set.of("c"), Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> new PerceptionTask("t", "p", SCHEMA, Set.of("c"), (Duration) null));
    assertThrows(NullPointerException.class,
        () -> new PerceptionTask("t", "p", SCHEMA, Set.of("c"), (DutyCycle) null));
    assertThrows(IllegalArgumentException.class, () -> new DutyCycle(Map.of(), false));
    assertTrue(new PerceptionTask("t", "p", SCHEMA, Set.of("*"), s).appliesTo("anything"));
  }

  @Test
  void vehicleModeFollowsPowerGearAndSpeed() {
    assertEquals(VehicleMode.UNKNOWN, VehicleMode.of(null));
    var b = VehicleState.newBuilder();
    assertEquals(VehicleMode.PARKED, VehicleMode.of(b.setPowerState(PowerState.POWER_STATE_OFF).build()));
    assertEquals(VehicleMode.STOPPED,
        VehicleMode.of(b.setPowerState(PowerState.POWER_STATE_ON).setSelectedGear(Gear.GEAR_DRIVE).build()));
    assertEquals(VehicleMode.PARKED, VehicleMode.of(b.setSelectedGear(Gear.GEAR_PARK).build()));
    assertEquals(VehicleMode.DRIVING, VehicleMode.of(b.setSelectedGear(Gear.GEAR_DRIVE).setSpeedKmh(30).build()));
  }
}
