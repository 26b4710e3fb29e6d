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
  void occupancyJsonMapsToSeatDetections() throws Exception {
    var doc = new ObjectMapper().readTree("""
        {"seats":[{"row":2,"position":"passenger_side","occupant":"child","belted":false,"confidence":0.75},
        {"row":1,"position":"driver_side","occupant":"adult"}]}""");
    List<Detection> ds = DetectionMapper.map("occupancy", doc);
    assertEquals(3, ds.size(), ds.toString());
    Detection child = ds.get(0);
    assertEquals(DetectionKind.DETECTION_KIND_CHILD, child.getKind());
    assertEquals(2, child.getSeat().getRow());
    assertEquals(SeatPosition.SEAT_POSITION_PASSENGER_SIDE, child.getSeat().getPosition());
    assertEquals(0.75f, child.getConfidence());
    assertEquals("Vehicle.Cabin.Seat.Row2.PassengerSide.IsOccupied", child.getVssPath());
    assertTrue(child.getVssValue().getBoolValue());
    Detection belt = ds.get(1);
    assertEquals(DetectionKind.DETECTION_KIND_SEAT_BELT, belt.getKind());
    assertEquals(child.getSeat(), belt.getSeat());
    assertEquals("false", belt.getAttributesOrThrow("belted"));
    assertEquals("Vehicle.Cabin.Seat.Row2.PassengerSide.IsBelted", belt.getVssPath());
    assertFalse(belt.getVssValue().getBoolValue());
    assertTrue(belt.getVssValue().hasBoolValue());
    Detection adult = ds.get(2);
    assertEquals(DetectionKind.DETECTION_KIND_PERSON, adult.getKind());
    assertEquals("Vehicle.Cabin.Seat.Row1.DriverSide.IsOccupied", adult.getVssPath());
  }

  @Test
  void emptySeatsGiveNothingAndInfantSeatsSayWhetherOccupied() throws Exception {
    var doc = new ObjectMapper().readTree("""
        {"seats":[{"row":1,"position":"middle","occupant":"empty","belted":false},
        {"row":2,"position":"middle","occupant":"infant_seat_occupied","belted":true},
        {"row":2,"position":"driver_side","occupant":"infant_seat_empty"}]}""");
    List<Detection> ds = DetectionMapper.map("occupancy", doc);
    assertEquals(2, ds.size(), ds.toString());
    assertEquals(DetectionKind.DETECTION_KIND_INFANT_SEAT, ds.get(0).getKind());
    assertEquals("true", ds.get(0).getAttributesOrThrow("occupied"));
    assertEquals("false", ds.get(1).getAttributesOrThrow("occupied"));
  }

  @Test
  void childPresenceMapsFindingsAndUnlocatedPresence() throws Exception {
    var doc = new ObjectMapper().readTree("""
        {"child_present":true,"pet_present":true,"findings":[{"kind":"infant_seat_occupied","row":2,\
        "position":"middle","confidence":0.9}],"confidence":0.8}""");
    List<Detection> ds = DetectionMapper.map("child_presence", doc);
    assertEquals(2, ds.size(), ds.toString());
    assertEquals(DetectionKind.DETECTION_KIND_INFANT_SEAT, ds.get(0).getKind());
    assertEquals("true", ds.get(0).getAttributesOrThrow("occupied"));
    assertEquals(DetectionMapper.CHILD_PRESENT, ds.get(0).getVssPath());
    Detection pet = ds.get(1);
    assertEquals(DetectionKind.DETECTION_KIND_PET, pet.getKind());
    assertEquals("cabin", pet.getZone());
    assertEquals(0.8f, pet.getConfidence());
    assertEquals(DetectionMapper.PET_PRESENT, pet.getVssPath());
    var none = new ObjectMapper().readTree("""
        {"child_present":false,"pet_present":false,"findings":[],"confidence":0.9}""");
    assertTrue(DetectionMapper.map("child_presence", none).isEmpty());
  }

  @Test
  void exteriorTasksMapToZonedDetections() throws Exception {
    var hazard = new ObjectMapper().readTree("""
        {"road_users":[{"kind":"cyclist","side":"left","position":"rear","approaching":true,"distance_m":7.5,\
        "confidence":0.9}]}""");
    Detection c = DetectionMapper.map("door_hazard", hazard).get(0);
    assertEquals(DetectionKind.DETECTION_KIND_CYCLIST, c.getKind());
    assertEquals("exterior/left-rear", c.getZone());
    assertEquals("true", c.getAttributesOrThrow("approaching"));
    assertEquals("7.5", c.getAttributesOrThrow("distance_m"));

    var greet = new ObjectMapper().readTree("""
        {"person_approaching":true,"side":"right","distance_m":4,"confidence":0.7}""");
    Detection p = DetectionMapper.map("greeter", greet).get(0);
    assertEquals(DetectionKind.DETECTION_KIND_PERSON, p.getKind());
    assertEquals("exterior/right", p.getZone());
    assertEquals(ExteriorMapping.PERSON_APPROACHING, p.getVssPath());
    assertTrue(DetectionMapper.map("greeter", new ObjectMapper().readTree("""
        {"person_approaching":false,"side":"left","distance_m":0,"confidence":0.7}""")).isEmpty());

    var finder = new ObjectMapper().readTree("""
        {"landmarks":[{"kind":"sign","label":"Level 3 bay C12","direction":"front"},\
        {"kind":"landmark","label":"Pharmacy","direction":"left"}],"place":"Central car park"}""");
    List<Detection> f = DetectionMapper.map("car_finder", finder);
    assertEquals(3, f.size());
    assertEquals(DetectionKind.DETECTION_KIND_SIGN, f.get(0).getKind());
    assertEquals("Level 3 bay C12", f.get(0).getLabel());
    assertEquals("exterior/front", f.get(0).getZone());
    assertEquals(DetectionKind.DETECTION_KIND_LANDMARK, f.get(1).getKind());
    assertEquals("Central car park", f.get(2).getLabel());
    assertEquals("true", f.get(2).getAttributesOrThrow("place"));
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

  @Test
  void driverJsonMapsToDriverState() throws Exception {
    var doc = new ObjectMapper().readTree("{\"eyes_on_road\":false,\"drowsy\":true,\"confidence\":0.5}");
    Detection d = DetectionMapper.map("driver_monitoring", doc).get(0);
    assertEquals(DetectionKind.DETECTION_KIND_DRIVER_STATE, d.getKind());
    assertEquals("false", d.getAttributesOrThrow("eyes_on_road"));
    assertEquals("true", d.getAttributesOrThrow("drowsy"));
    assertEquals("Vehicle.Driver.IsEyesOnRoad", d.getVssPath());
    assertFalse(d.getVssValue().getBoolValue());
    assertEquals(0.5f, d.getConfidence());
  }
}
