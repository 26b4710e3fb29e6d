package cockpit.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.PowerState;
import cockpit.sim.scene.CabinScene;
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
      "duplicate id|name: x\\ntimeline:\\n  - {at: 0s, id: a, vehicle: {speed: 1}}\\n  - {at: 0s, id: a, vehicle: {speed: 1}}|t.yaml:4: timeline[1].id: event id 'a' must be unique",
  })
  void badFilesNameFileLineAndKeyPath(String what, String yaml, String expected) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> parse(yaml.replace("\\n", "\n")), what);
    assertTrue(e.getMessage().startsWith(expected), what + ": got '" + e.getMessage() + "', expected prefix '"
        + expected + "'");
  }
}
