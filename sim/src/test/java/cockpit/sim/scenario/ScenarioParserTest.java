package cockpit.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.PowerState;
import cockpit.sim.scene.CabinScene;
import cockpit.sim.scene.DriverState;
import cockpit.sim.scene.ExteriorScene;
import cockpit.sim.scene.Lighting;
import cockpit.sim.scene.Occupant;
import cockpit.sim.scene.RoadUserScene;
import cockpit.sim.scene.SeatObject;
import cockpit.sim.scene.SignFont;
import cockpit.sim.scene.SignScene;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioParserTest {
  static final Path SHIPPED = Path.of(System.getProperty("cockpit.home", "..")).resolve("sim/scenarios");

  private static Scenario parse(String yaml) throws ScenarioException {
    return ScenarioParser.parse(new StringReader(yaml), "t.yaml", Path.of("."));
  }

  @Test
  void everyShippedScenarioParsesAndTheSixIssueScenariosAreThere() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(SHIPPED)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("child-left-behind.yaml", "driver-distraction.yaml", "greeter.yaml",
        "car-finder.yaml", "door-open-hazard.yaml", "long-conversation.yaml")), names.toString());
    for (Path f : files) {
      Scenario sc = ScenarioParser.parse(f);
      assertFalse(sc.timeline().isEmpty(), f.toString());
      assertTrue(sc.expectations().stream().anyMatch(e -> !e.trainedModel()), f + " has a structural expectation");
      assertTrue(sc.expectations().stream().anyMatch(Expectation::trainedModel), f + " has a content expectation");
    }
  }

  @Test
  void repeatsExpandAndVehicleChangesMergeOntoThePreviousSnapshot() throws Exception {
    Scenario s = ScenarioParser.parse(SHIPPED.resolve("child-left-behind.yaml"));
    List<Event> alone = s.all("child-alone");
    assertEquals(List.of("child-alone", "child-alone.2", "child-alone.3"), alone.stream().map(Event::id).toList());
    assertEquals(Duration.ofSeconds(15), alone.get(2).at());
    Action.Vehicle lock = (Action.Vehicle) s.first("lock").action();
    assertEquals(PowerState.POWER_STATE_LOCK, lock.state().getPowerState());
    assertTrue(lock.state().getIsLocked());
    assertEquals(2, lock.state().getDoorsCount(), "doors merged by position");
    assertFalse(lock.state().getDoors(0).getIsOpen(), "the driver door closed again");
    assertEquals(2, lock.state().getSeatsCount());
    assertFalse(lock.state().getSeats(0).getIsOccupied(), "driver seat change kept from parent-leaves");
    Action.Frame f = (Action.Frame) alone.getFirst().action();
    assertInstanceOf(CabinScene.class, ((Action.Rendered) f.source()).scene());
    var alert = (Expectation.AlertWithin) s.expectations().stream().map(Expectation::check)
        .filter(c -> c instanceof Expectation.AlertWithin).findFirst().orElseThrow();
    assertEquals(AlertKind.ALERT_KIND_CHILD_LEFT_BEHIND, alert.kind());
    assertEquals(Duration.ofSeconds(75), alert.within());
  }

  @Test
  void utteranceRepeatsNumberTheirText() throws Exception {
    Scenario s = ScenarioParser.parse(SHIPPED.resolve("long-conversation.yaml"));
    assertEquals(12, s.all("turn").size());
    assertTrue(((Action.Say) s.all("turn").get(4).action()).text().startsWith("Turn 5."));
  }

  @Test
  void theExtendedSceneSyntaxParsesIntoTheScene() throws Exception {
    Scenario s = parse("""
        name: x
        timeline:
          - at: 0s
            id: cab
            frame:
              camera: cabin
              cabin:
                lighting: ir
                seats:
                  - {row: 1, position: driver_side, occupant: adult, belted: true, objects: [keys, wallet]}
                  - {row: 2, position: middle, occupant: infant_seat_empty}
                  - {row: 2, position: passenger_side, occupant: infant_seat}
                driver: {gaze: down, eyes: closed, yawning: true}
          - at: 1s
            id: park
            frame:
              camera: exterior
              exterior:
                place: car_park
                lighting: night
                road-users:
                  - {kind: vehicle, side: right, position: front, distance: 12, approaching: false, facing: profile}
                  - {kind: person, side: left, distance: 3}
                signs:
                  - {kind: level, text: "Level 3", direction: front, font: dot}
                  - {kind: pillar, text: C4, direction: left}
          - at: 2s
            id: old
            frame: {camera: exterior, exterior: {road-user: cyclist, side: left, distance: 20, approaching: true}}
        expect:
          - no-alert: {before: 1s}
        """);
    CabinScene cab = (CabinScene) ((Action.Rendered) ((Action.Frame) s.first("cab").action()).source()).scene();
    assertEquals(Lighting.IR, cab.lighting());
    assertEquals(List.of(SeatObject.KEYS, SeatObject.WALLET), cab.seats().getFirst().objects());
    assertEquals(Occupant.INFANT_SEAT_EMPTY, cab.seats().get(1).occupant());
    assertEquals(Occupant.INFANT_SEAT_OCCUPIED, cab.seats().get(2).occupant());
    assertEquals(new DriverState(DriverState.Head.DOWN, DriverState.Eyes.CLOSED, true), cab.driver());
    ExteriorScene park = (ExteriorScene) ((Action.Rendered) ((Action.Frame) s.first("park").action()).source()).scene();
    assertEquals(ExteriorScene.Place.CAR_PARK, park.place());
    assertEquals(Lighting.NIGHT, park.lighting());
    assertEquals(new RoadUserScene(ExteriorScene.RoadUser.VEHICLE, ExteriorScene.Side.RIGHT, ExteriorScene.End.FRONT,
        12, false, RoadUserScene.Facing.PROFILE), park.roadUsers().getFirst());
    assertEquals("exterior/left-rear", park.roadUsers().get(1).zone(), "position defaults to rear");
    assertTrue(park.roadUsers().get(1).approaching(), "approaching defaults to true");
    assertEquals(new SignScene(SignScene.Kind.LEVEL, "LEVEL 3", SignScene.Direction.FRONT, SignFont.DOT),
        park.signs().getFirst());
    assertEquals(SignFont.BLOCK, park.signs().get(1).font(), "font defaults to block");
    ExteriorScene old = (ExteriorScene) ((Action.Rendered) ((Action.Frame) s.first("old").action()).source()).scene();
    assertEquals(List.of(new RoadUserScene(ExteriorScene.RoadUser.CYCLIST, ExteriorScene.Side.LEFT,
        ExteriorScene.End.REAR, 20, true)), old.roadUsers());
    assertEquals(ExteriorScene.Place.STREET, old.place());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown top key|name: x\\ntimelin: []|t.yaml:2: timelin: unknown key; expected one of description, expect, name, timeline",
      "missing name|timeline: []|t.yaml:1: missing key 'name'",
      "bad duration|name: x\\ntimeline:\\n  - at: soon\\n    vehicle: {speed: 1}|t.yaml:3: timeline[0].at: expected a duration",
      "out of order|name: x\\ntimeline:\\n  - {at: 2s, vehicle: {speed: 1}}\\n  - {at: 1s, vehicle: {speed: 2}}|t.yaml:4: timeline[1].at: events must be in time order",
      "two actions|name: x\\ntimeline:\\n  - {at: 1s, vehicle: {speed: 1}, say: {session: s, text: hi}}|t.yaml:3: timeline[0]: each event needs exactly one of",
      "bad occupant|name: x\\ntimeline:\\n  - at: 0s\\n    frame:\\n      camera: cabin\\n      cabin:\\n        seats: [{row: 1, position: middle, occupant: ghost}]|t.yaml:7: timeline[0].frame.cabin.seats[0].occupant: unknown occupant 'ghost'",
      "belted pet|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: c, cabin: {seats: [{row: 1, position: middle, occupant: pet, belted: true}]}}|t.yaml:4: timeline[0].frame.cabin.seats[0]: row 1 SEAT_POSITION_MIDDLE: a pet cannot be belted",
      "unknown event ref|name: x\\ntimeline:\\n  - {at: 0s, id: a, vehicle: {speed: 1}}\\nexpect:\\n  - alert: {kind: distraction, after: b, within: 1s}|t.yaml:5: expect[0].alert.after: no event with id 'b'",
      "reply to non-say|name: x\\ntimeline:\\n  - {at: 0s, id: a, vehicle: {speed: 1}}\\nexpect:\\n  - reply: {to: a, within: 1s}|t.yaml:5: expect[0].reply.to: event 'a' is not a 'say' event",
      "bad regex|name: x\\ntimeline:\\n  - {at: 0s, id: a, say: {session: s, text: hi}}\\nexpect:\\n  - reply: {to: a, within: 1s, matches: '(('}|t.yaml:5: expect[0].reply.matches: not a valid regular expression",
      "bad field path|name: x\\ntimeline:\\n  - {at: 0s, id: a, vehicle: {speed: 1}}\\nexpect:\\n  - detection: {after: a, within: 1s, camera: c, field: detections.colour, equals: red}|t.yaml:5: expect[0].detection.field: no field 'colour'",
      "bad alert kind|name: x\\ntimeline:\\n  - {at: 0s, id: a, vehicle: {speed: 1}}\\nexpect:\\n  - alert: {kind: meteor, after: a, within: 1s}|t.yaml:5: expect[0].alert.kind: No enum constant",
      "bad requirement|name: x\\ntimeline:\\n  - {at: 0s, id: a, vehicle: {speed: 1}}\\nexpect:\\n  - {requires: magic, no-alert: {before: 1s}}|t.yaml:5: expect[0].requires: the only requirement is 'trained-model'",
      "negative speed|name: x\\ntimeline:\\n  - {at: 0s, vehicle: {speed: -3}}|t.yaml:3: timeline[0].vehicle.speed: speed must be >= 0 km/h",
      "not yaml|name: [x\\ntimeline: []|t.yaml:2: not valid YAML",
      "both exterior forms|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: e, exterior: {road-user: person, side: left, road-users: []}}|t.yaml:4: timeline[0].frame.exterior: give either road-user",
      "stray one-user key|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: e, exterior: {side: left, road-users: []}}|t.yaml:4: timeline[0].frame.exterior.side: 'side' belongs to the one-road-user form",
      "facing contradicts|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: e, exterior: {road-users: [{kind: person, side: left, approaching: true, facing: back}]}}|t.yaml:4: timeline[0].frame.exterior.road-users[0]: a road user faces the car (front) exactly when it approaches",
      "two users in a corner|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: e, exterior: {road-users: [{kind: person, side: left}, {kind: cyclist, side: left}]}}|t.yaml:4: timeline[0].frame.exterior: two road users in exterior/left-rear",
      "sign too long beside|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: e, exterior: {signs: [{kind: level, text: LEVEL 3, direction: left}]}}|t.yaml:4: timeline[0].frame.exterior.signs[0]: sign text 'LEVEL 3' is too long for the left",
      "sign character|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: e, exterior: {signs: [{kind: bay, text: 'B#1', direction: rear}]}}|t.yaml:4: timeline[0].frame.exterior.signs[0]: sign text 'B#1' has '#'",
      "bad font|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: e, exterior: {signs: [{kind: bay, text: B1, direction: rear, font: comic}]}}|t.yaml:4: timeline[0].frame.exterior.signs[0].font: unknown sign font 'comic'; expected one of block, dot, line, slant",
      "head and gaze|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: c, cabin: {seats: [], driver: {head: left, gaze: left}}}|t.yaml:4: timeline[0].frame.cabin.driver: head and gaze are the same setting",
      "three objects|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: c, cabin: {seats: [{row: 1, position: middle, objects: [bag, keys, phone]}]}}|t.yaml:4: timeline[0].frame.cabin.seats[0]: row 1 SEAT_POSITION_MIDDLE: at most 2 different objects",
      "bad lighting|name: x\\ntimeline:\\n  - at: 0s\\n    frame: {camera: c, cabin: {seats: [], lighting: dusk}}|t.yaml:4: timeline[0].frame.cabin.lighting: unknown lighting 'dusk'; expected one of day, night, ir",
      "duplicate id|name: x\\ntimeline:\\n  - {at: 0s, id: a, vehicle: {speed: 1}}\\n  - {at: 0s, id: a, vehicle: {speed: 1}}|t.yaml:4: timeline[1].id: event id 'a' must be unique",
  })
  void badFilesNameFileLineAndKeyPath(String what, String yaml, String expected) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml.replace("\\n", "\n")), what);
    assertTrue(e.getMessage().startsWith(expected), what + ": got '" + e.getMessage() + "', expected prefix '"
        + expected + "'");
  }
}
