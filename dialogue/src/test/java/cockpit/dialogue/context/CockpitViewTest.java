package cockpit.dialogue.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.context.CabinFacts;
import cockpit.lm.context.ContextFormat;
import cockpit.proto.v1.AlertState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cockpit view: facts from bus messages, the parking memory's rules, and its file. */
class CockpitViewTest {
  static final Instant T0 = Instant.parse("2026-11-22T17:55:00Z");

  /** The view's lines (no turn time: the parking time is written with its date). */
  static String lines(CockpitView v, Instant now) {
    return ContextFormat.message(ContextFormat.lines(v.facts(now, ZoneOffset.UTC)));
  }

  @Test
  void parkingAfterDrivingKeepsTheDrivesLastCarFinderResultAndTheTime() {
    CockpitView v = new CockpitView(null);
    assertTrue(v.onVehicleState(Cockpit.driving(30), T0.minusSeconds(600)).isEmpty());
    assertTrue(v.onDetections(Cockpit.carFinder("exterior", 8, "Level P3", "B12")).isEmpty(), "not parked yet");
    ParkingMemory m = v.onVehicleState(Cockpit.parked(), T0).orElseThrow();
    assertEquals(new ParkingMemory(T0, "Level P3", List.of(new CabinFacts.Landmark(true, "B12", "left"),
        new CabinFacts.Landmark(false, "lift", "front")), "exterior #8"), m);
    assertTrue(v.onVehicleState(Cockpit.parked(), T0.plusSeconds(5)).isEmpty(), "still parked: no new event");
    assertEquals("vehicle: parked, power off, locked\n"
        + "parking: place \"Level P3\"; sign \"B12\" left; landmark \"lift\" front; parked at 2026-11-22 17:55",
        lines(v, T0.plusSeconds(60)));
    ParkingMemory refined = v.onDetections(Cockpit.carFinder("exterior", 9, "Level P3", "B14")).orElseThrow();
    assertEquals(T0, refined.parkedAt(), "a result while parked refines the memory, the time stays");
    assertEquals("B14", refined.landmarks().get(0).text());
  }

  @Test
  void theFirstStateAfterAStartIsNoParkingEventAndDrivingAwayForgetsTheResult() {
    ParkingMemory stored = new ParkingMemory(T0, "Mall", List.of(), "exterior #1");
    CockpitView v = new CockpitView(stored);
    assertTrue(v.onVehicleState(Cockpit.parked(), T0.plusSeconds(3600)).isEmpty(), "parked for hours: kept");
    assertTrue(v.onDetections(Cockpit.carFinder("exterior", 2, "Elsewhere", "X1")).isEmpty(),
        "not this process's parking: the stored memory stays");
    assertEquals(stored, v.parking().orElseThrow());
    v.onVehicleState(Cockpit.driving(40), T0.plusSeconds(4000));
    ParkingMemory next = v.onVehicleState(Cockpit.parked(), T0.plusSeconds(5000)).orElseThrow();
    assertEquals(new ParkingMemory(T0.plusSeconds(5000), "", List.of(), ""), next,
        "the result seen before the car moved belongs to another place");
    assertTrue(lines(v, T0.plusSeconds(5000)).endsWith("parking: nothing read; parked at 2026-11-22 19:18"),
        lines(v, T0.plusSeconds(5000)));
  }

  @Test
  void alertsAreActiveFromRaisedToClearedWithTheirEvidence() {
    CockpitView v = new CockpitView(null);
    v.onAlert(Cockpit.childLeftBehind("cpd-1", AlertState.ALERT_STATE_RAISED, T0));
    v.onDetections(Cockpit.occupancy(4));
    assertEquals("""
        cabin: rear-middle child unbelted
        alert: child_left_behind critical since 17:55: "Child left in rear middle seat"; evidence: rear-middle \
        child 0.91; Vehicle.LowVoltageSystemState = OFF""", lines(v, T0));
    v.onAlert(Cockpit.childLeftBehind("cpd-1", AlertState.ALERT_STATE_CLEARED, T0.plusSeconds(60))
        .toBuilder().clearEvidence().setMessage("Child no longer alone").build());
    assertEquals("""
        cabin: rear-middle child unbelted
        alert: child_left_behind critical since 17:55, cleared 17:56: "Child left in rear middle seat"; evidence: \
        rear-middle child 0.91; Vehicle.LowVoltageSystemState = OFF""", lines(v, T0.plusSeconds(120)),
        "a cleared alert keeps what it was about, for questions after it");
    assertEquals("cabin: rear-middle child unbelted", lines(v, T0.plusSeconds(60).plus(CockpitView.ALERT_MEMORY)
        .plusSeconds(1)), "and is forgotten after the alert memory");
    v.onAlert(Cockpit.childLeftBehind("never-raised", AlertState.ALERT_STATE_CLEARED, T0));
    assertEquals(0, v.facts(T0, ZoneOffset.UTC).alerts().size());
    for (int i = 0; i < 40; i++) {
      v.onAlert(Cockpit.childLeftBehind("a" + i, AlertState.ALERT_STATE_RAISED, T0.plusSeconds(i)));
    }
    assertEquals(CockpitView.MAX_ALERTS, v.facts(T0, ZoneOffset.UTC).alerts().size());
  }

  @Test
  void theMemoryFileRoundTripsAtomicallyAndABadFileIsRefusedClearly(@TempDir Path dir) throws IOException {
    ParkingMemoryFile f = new ParkingMemoryFile(dir);
    assertTrue(f.load().isEmpty());
    ParkingMemory m = new ParkingMemory(T0, "Level \"P3\"\n", List.of(new CabinFacts.Landmark(true, "B12", "left")),
        "exterior #8");
    Files.writeString(dir.resolve(ParkingMemoryFile.NAME + ".0123456789abcdef.tmp"), "left by a crash");
    f.save(m);
    assertEquals(m, f.load().orElseThrow());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(ParkingMemoryFile.NAME), files.map(p -> p.getFileName().toString()).toList(),
          "no temp file stays");
    }
    Files.writeString(f.path(), "{\"version\":1,\"parkedAt\":\"yesterday\"}");
    IOException e = assertThrows(IOException.class, f::load);
    assertTrue(e.getMessage().contains(f.path().toString()) && e.getMessage().contains("not a valid parking memory"),
        e.getMessage());
    Files.writeString(f.path(), "{\"version\":2,\"parkedAt\":\"2026-11-22T17:55:00Z\",\"place\":\"\",\"landmarks\":[],"
        + "\"seenIn\":\"\"}");
    assertTrue(assertThrows(IOException.class, f::load).getMessage().contains("version 2"));
  }
}
