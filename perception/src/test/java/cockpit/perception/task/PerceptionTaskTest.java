package cockpit.perception.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.SeatPosition;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PerceptionTaskTest {
  static final String SCHEMA = PerceptionTasks.DRIVER_MONITORING_SCHEMA;

  @Test
  void defaultsAreValidAndNamed() {
    List<PerceptionTask> d = PerceptionTasks.defaults();
    assertEquals(List.of("occupancy", "driver_monitoring"), d.stream().map(PerceptionTask::name).toList());
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
    assertThrows(NullPointerException.class, () -> new PerceptionTask("t", "p", SCHEMA, Set.of("c"), null));
    assertTrue(new PerceptionTask("t", "p", SCHEMA, Set.of("*"), s).appliesTo("anything"));
  }

  @Test
  void occupancyJsonMapsToSeatDetections() throws Exception {
    var doc = new ObjectMapper().readTree("""
        {"seats":[{"row":2,"position":"passenger_side","occupant":"child","belted":false,"confidence":0.75},
        {"row":1,"position":"driver_side","occupant":"adult"}]}""");
    List<Detection> ds = DetectionMapper.map("occupancy", doc);
    assertEquals(2, ds.size());
    Detection child = ds.get(0);
    assertEquals(DetectionKind.DETECTION_KIND_CHILD, child.getKind());
    assertEquals(2, child.getSeat().getRow());
    assertEquals(SeatPosition.SEAT_POSITION_PASSENGER_SIDE, child.getSeat().getPosition());
    assertEquals(0.75f, child.getConfidence());
    assertEquals("false", child.getAttributesOrThrow("belted"));
    assertEquals("Vehicle.Cabin.Seat.Row2.PassengerSide.IsBelted", child.getVssPath());
    assertFalse(child.getVssValue().getBoolValue());
    assertTrue(child.getVssValue().hasBoolValue());
    Detection adult = ds.get(1);
    assertEquals(DetectionKind.DETECTION_KIND_PERSON, adult.getKind());
    assertFalse(adult.containsAttributes("belted"));
    assertEquals("", adult.getVssPath());
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
