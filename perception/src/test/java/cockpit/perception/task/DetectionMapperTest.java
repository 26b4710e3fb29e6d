package cockpit.perception.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.SeatPosition;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Answers in the built-in schemas (each checked against its task's grammar first, so these double as
 * examples of what training data looks like) mapped to detections, and which answer parts each
 * detection's confidence is asked from.
 */
class DetectionMapperTest {
  static final String OCCUPANCY = "{\"seats\":[{\"row\":1,\"position\":\"driver_side\",\"occupant\":\"empty\","
      + "\"belted\":false,\"objects\":[\"phone\"]},{\"row\":2,\"position\":\"passenger_side\",\"occupant\":\"child\","
      + "\"belted\":false,\"objects\":[]},{\"row\":2,\"position\":\"middle\",\"occupant\":\"infant_seat_occupied\","
      + "\"belted\":false,\"objects\":[\"bag\",\"keys\"]},{\"row\":2,\"position\":\"driver_side\","
      + "\"occupant\":\"infant_seat_empty\",\"belted\":false,\"objects\":[]}]}";
  static final String DRIVER = "{\"gaze\":\"down\",\"eyes\":\"open\",\"yawning\":true,\"eyes_on_road\":false,"
      + "\"drowsy\":true}";
  static final String CHILD = "{\"child_present\":true,\"pet_present\":true,\"findings\":[{\"kind\":"
      + "\"infant_seat_occupied\",\"row\":2,\"position\":\"middle\"}]}";
  static final String DOOR = "{\"road_users\":[{\"kind\":\"cyclist\",\"side\":\"left\",\"position\":\"rear\","
      + "\"approaching\":true,\"distance_m\":7.5}]}";
  static final String GREETER = "{\"person_approaching\":true,\"side\":\"right\",\"position\":\"front\","
      + "\"distance_m\":4}";
  static final String FINDER = "{\"landmarks\":[{\"kind\":\"sign\",\"label\":\"LEVEL 3\",\"direction\":\"front\"},"
      + "{\"kind\":\"landmark\",\"label\":\"C4\",\"direction\":\"left\"}],\"place\":\"LEVEL 3\"}";

  private final List<String> asked = new ArrayList<>();
  /** Records what a detection's confidence was asked from; answers 0.5. */
  private final ItemConfidence recording = (pointer, fields) -> {
    asked.add(pointer + " " + String.join(",", fields));
    return 0.5f;
  };

  private List<Detection> map(PerceptionTask task, String answer) throws Exception {
    task.checkAnswer(answer);
    return DetectionMapper.map(task.name(), new ObjectMapper().readTree(answer), recording);
  }

  @Test
  void occupancyGivesOccupantsBeltsOfPeopleAndObjectsOnAnySeat() throws Exception {
    List<Detection> ds = map(PerceptionTasks.occupancy(), OCCUPANCY);
    assertEquals(List.of(DetectionKind.DETECTION_KIND_OBJECT, DetectionKind.DETECTION_KIND_CHILD,
        DetectionKind.DETECTION_KIND_SEAT_BELT, DetectionKind.DETECTION_KIND_INFANT_SEAT,
        DetectionKind.DETECTION_KIND_OBJECT, DetectionKind.DETECTION_KIND_OBJECT, DetectionKind.DETECTION_KIND_INFANT_SEAT),
        ds.stream().map(Detection::getKind).toList());
    Detection phone = ds.get(0);
    assertEquals("phone", phone.getLabel());
    assertEquals(1, phone.getSeat().getRow());
    assertEquals(SeatPosition.SEAT_POSITION_DRIVER_SIDE, phone.getSeat().getPosition());
    Detection child = ds.get(1);
    assertEquals("Vehicle.Cabin.Seat.Row2.PassengerSide.IsOccupied", child.getVssPath());
    assertTrue(child.getVssValue().getBoolValue());
    Detection belt = ds.get(2);
    assertEquals(child.getSeat(), belt.getSeat());
    assertEquals("false", belt.getAttributesOrThrow("belted"));
    assertEquals("Vehicle.Cabin.Seat.Row2.PassengerSide.IsBelted", belt.getVssPath());
    assertFalse(belt.getVssValue().getBoolValue());
    assertEquals("true", ds.get(3).getAttributesOrThrow("occupied"));
    assertEquals(List.of("bag", "keys"), List.of(ds.get(4).getLabel(), ds.get(5).getLabel()));
    assertEquals("false", ds.get(6).getAttributesOrThrow("occupied"));
    assertTrue(ds.stream().allMatch(d -> d.getConfidence() == 0.5f));
    assertEquals(List.of("/seats/0/objects/0 ", "/seats/0 row,position",
        "/seats/1 row,position,occupant", "/seats/1 row,position,occupant,belted",
        "/seats/2 row,position,occupant", "/seats/2/objects/0 ", "/seats/2 row,position",
        "/seats/2/objects/1 ", "/seats/2 row,position", "/seats/3 row,position,occupant"), asked);
  }

  @Test
  void driverStateCarriesGazeEyesAndYawningAndIsAskedFromTheWholeAnswer() throws Exception {
    Detection d = map(PerceptionTasks.driverMonitoring(), DRIVER).get(0);
    assertEquals(DetectionKind.DETECTION_KIND_DRIVER_STATE, d.getKind());
    assertEquals("down", d.getAttributesOrThrow("gaze"));
    assertEquals("open", d.getAttributesOrThrow("eyes"));
    assertEquals("true", d.getAttributesOrThrow("yawning"));
    assertEquals("false", d.getAttributesOrThrow("eyes_on_road"));
    assertEquals("true", d.getAttributesOrThrow("drowsy"));
    assertEquals("Vehicle.Driver.IsEyesOnRoad", d.getVssPath());
    assertFalse(d.getVssValue().getBoolValue());
    assertEquals(List.of(" "), asked);
  }

  @Test
  void childPresenceMapsFindingsAndUnlocatedPresenceFromItsOwnFlag() throws Exception {
    List<Detection> ds = map(PerceptionTasks.childPresence(), CHILD);
    assertEquals(2, ds.size(), ds.toString());
    assertEquals(DetectionKind.DETECTION_KIND_INFANT_SEAT, ds.get(0).getKind());
    assertEquals(DetectionMapper.CHILD_PRESENT, ds.get(0).getVssPath());
    Detection pet = ds.get(1);
    assertEquals(DetectionKind.DETECTION_KIND_PET, pet.getKind());
    assertEquals("cabin", pet.getZone());
    assertEquals(DetectionMapper.PET_PRESENT, pet.getVssPath());
    assertEquals(List.of("/findings/0 kind,row,position", " pet_present"), asked);
    String none = "{\"child_present\":false,\"pet_present\":false,\"findings\":[]}";
    assertTrue(map(PerceptionTasks.childPresence(), none).isEmpty());
  }

  @Test
  void exteriorTasksMapToZonedDetectionsWhoseConfidenceLeavesDistancesOut() throws Exception {
    Detection c = map(PerceptionTasks.doorHazard(), DOOR).get(0);
    assertEquals(DetectionKind.DETECTION_KIND_CYCLIST, c.getKind());
    assertEquals("exterior/left-rear", c.getZone());
    assertEquals("true", c.getAttributesOrThrow("approaching"));
    assertEquals("7.5", c.getAttributesOrThrow("distance_m"));

    Detection p = map(PerceptionTasks.greeter(), GREETER).get(0);
    assertEquals(DetectionKind.DETECTION_KIND_PERSON, p.getKind());
    assertEquals("exterior/right-front", p.getZone());
    assertEquals(ExteriorMapping.PERSON_APPROACHING, p.getVssPath());
    assertTrue(map(PerceptionTasks.greeter(), "{\"person_approaching\":false,\"side\":\"left\",\"position\":\"front\","
        + "\"distance_m\":0}").isEmpty());

    List<Detection> f = map(PerceptionTasks.carFinder(), FINDER);
    assertEquals(List.of(DetectionKind.DETECTION_KIND_SIGN, DetectionKind.DETECTION_KIND_LANDMARK,
        DetectionKind.DETECTION_KIND_LANDMARK), f.stream().map(Detection::getKind).toList());
    assertEquals("LEVEL 3", f.get(0).getLabel());
    assertEquals("exterior/front", f.get(0).getZone());
    assertEquals("C4", f.get(1).getLabel());
    assertEquals("true", f.get(2).getAttributesOrThrow("place"));
    assertEquals(List.of("/road_users/0 kind,side,position,approaching", " person_approaching,side,position",
        "/landmarks/0 ", "/landmarks/1 ", " place"), asked);
  }
}
