package cockpit.perception.alert;

import static cockpit.perception.alert.Fixtures.det;
import static cockpit.perception.alert.Fixtures.driving;
import static cockpit.perception.alert.Fixtures.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.perception.alert.Fixtures.FakeClock;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertSeverity;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.VssValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriverRulesTest {
  private final FakeClock clock = new FakeClock(1_000_000);
  private final AlertEngine engine = new AlertEngine(AlertRulesConfig.defaults(), clock);
  private final long t0 = clock.ms;

  private static final Detection EYES_OFF = det(DetectionKind.DETECTION_KIND_DRIVER_STATE, "eyes_on_road", "false");
  private static final Detection EYES_ON = det(DetectionKind.DETECTION_KIND_DRIVER_STATE, "eyes_on_road", "true");
  private static final Detection DROWSY = det(DetectionKind.DETECTION_KIND_DRIVER_STATE, "drowsy", "true");

  /** Feeds {@code d} every 500 ms over [from, to] (offsets from t0); returns what came out. */
  private List<Alert> feed(Detection d, long from, long to) {
    List<Alert> out = new ArrayList<>();
    for (long t = from; t <= to; t += 500) {
      clock.set(t0 + t);
      out.addAll(engine.onDetections(set("driver_monitoring", d)));
    }
    return out;
  }

  private List<Alert> tickAt(long offset) {
    clock.set(t0 + offset);
    return engine.tick();
  }

  @Test
  void distractionAbove50FiresAt3500MsEscalatesAndClears() {
    engine.onVehicleState(driving(80));
    assertEquals(List.of(), feed(EYES_OFF, 0, 3000));
    assertEquals(List.of(), tickAt(3499));
    List<Alert> raised = tickAt(3500);
    assertEquals(1, raised.size());
    Alert a = raised.get(0);
    assertEquals(AlertKind.ALERT_KIND_DISTRACTION, a.getKind());
    assertEquals(AlertState.ALERT_STATE_RAISED, a.getState());
    assertEquals(AlertSeverity.ALERT_SEVERITY_WARNING, a.getSeverity());
    assertEquals(80f, a.getVehicleState().getSpeedKmh());
    assertEquals("driver_monitoring", a.getEvidence(0).getFrame().getCameraId());
    assertEquals(Vss.SPEED, a.getEvidence(1).getVssPath());

    assertEquals(List.of(), feed(EYES_OFF, 4000, 6000));
    assertEquals(List.of(), tickAt(6499));
    Alert esc = tickAt(6500).get(0);
    assertEquals(AlertState.ALERT_STATE_ESCALATED, esc.getState());
    assertEquals(AlertSeverity.ALERT_SEVERITY_CRITICAL, esc.getSeverity());
    assertEquals(1, esc.getEscalationLevel());
    assertEquals(a.getAlertId(), esc.getAlertId());
    assertEquals(a.getRaisedTime(), esc.getRaisedTime());

    Alert cleared = feed(EYES_ON, 7000, 7000).get(0);
    assertEquals(AlertState.ALERT_STATE_CLEARED, cleared.getState());
    assertEquals(a.getAlertId(), cleared.getAlertId());
  }

  @Test
  void distractionBetween20And50FiresAt6000Ms() {
    engine.onVehicleState(driving(40));
    assertEquals(List.of(), feed(EYES_OFF, 0, 5500));
    assertEquals(List.of(), tickAt(5999));
    assertEquals(AlertState.ALERT_STATE_RAISED, tickAt(6000).get(0).getState());
  }

  @Test
  void distractionNeverFiresBelow20Kmh() {
    engine.onVehicleState(driving(19.9));
    assertEquals(List.of(), feed(EYES_OFF, 0, 20_000));
  }

  @Test
  void speedingUpIntoHighBandFiresAtOnceAndSlowingBelow20Clears() {
    engine.onVehicleState(driving(40));
    assertEquals(List.of(), feed(EYES_OFF, 0, 4000));
    List<Alert> raised = engine.onVehicleState(driving(60));
    assertEquals(AlertState.ALERT_STATE_RAISED, raised.get(0).getState());
    clock.set(t0 + 4100);
    List<Alert> cleared = engine.onVehicleState(driving(10));
    assertEquals(AlertState.ALERT_STATE_CLEARED, cleared.get(0).getState());
    assertEquals(raised.get(0).getAlertId(), cleared.get(0).getAlertId());
  }

  @Test
  void timeBelow20KmhDoesNotCountTowardsTheRun() {
    engine.onVehicleState(driving(10));
    feed(EYES_OFF, 0, 5000);
    engine.onVehicleState(driving(60)); // armed at 5000: the run counts from here
    assertEquals(List.of(), feed(EYES_OFF, 5500, 8000));
    assertEquals(List.of(), tickAt(8499));
    assertEquals(1, tickAt(8500).size());
  }

  @Test
  void staleDriverStreamDropsPendingRunAndHoldsActiveAlert() {
    engine.onVehicleState(driving(80));
    feed(EYES_OFF, 0, 1000);
    assertEquals(List.of(), tickAt(3500), "no alert from unobserved time");
    assertEquals(List.of(), tickAt(30_000));
    // Observations resume: a new run starts at 40 000.
    assertEquals(List.of(), feed(EYES_OFF, 40_000, 43_000));
    assertEquals(List.of(), tickAt(43_499));
    Alert raised = tickAt(43_500).get(0);
    // Silence again: the active alert is neither cleared nor escalated.
    assertEquals(List.of(), tickAt(60_000));
    Alert cleared = feed(EYES_ON, 61_000, 61_000).get(0);
    assertEquals(AlertState.ALERT_STATE_CLEARED, cleared.getState());
    assertEquals(raised.getAlertId(), cleared.getAlertId());
  }

  @Test
  void distractionReadsVssEyesOnRoad() {
    Detection vss = Detection.newBuilder()
        .setKind(DetectionKind.DETECTION_KIND_DRIVER_STATE)
        .setConfidence(0.9f)
        .setVssPath("Vehicle.Driver.IsEyesOnRoad")
        .setVssValue(VssValue.newBuilder().setBoolValue(false))
        .build();
    engine.onVehicleState(driving(100));
    feed(vss, 0, 3000);
    assertEquals(AlertKind.ALERT_KIND_DISTRACTION, tickAt(3500).get(0).getKind());
  }

  @Test
  void fatigueFiresAfterSustainAndClearsWhenAlert() {
    engine.onVehicleState(driving(30));
    assertEquals(List.of(), feed(DROWSY, 0, 2500));
    assertEquals(List.of(), tickAt(2999));
    Alert raised = tickAt(3000).get(0);
    assertEquals(AlertKind.ALERT_KIND_FATIGUE, raised.getKind());
    feed(DROWSY, 3500, 12_500);
    Alert esc = tickAt(13_000).get(0);
    assertEquals(AlertSeverity.ALERT_SEVERITY_CRITICAL, esc.getSeverity());
    Alert cleared = feed(det(DetectionKind.DETECTION_KIND_DRIVER_STATE, "drowsy", "false"), 13_500, 13_500).get(0);
    assertEquals(AlertState.ALERT_STATE_CLEARED, cleared.getState());
    assertEquals(raised.getAlertId(), cleared.getAlertId());
  }

  @Test
  void fatigueLevelAboveThresholdCountsAndParkedDriverDoesNot() {
    Detection level = Detection.newBuilder()
        .setKind(DetectionKind.DETECTION_KIND_DRIVER_STATE)
        .setConfidence(0.9f)
        .setVssPath("Vehicle.Driver.FatigueLevel")
        .setVssValue(VssValue.newBuilder().setFloatValue(85))
        .build();
    engine.onVehicleState(driving(0));
    assertEquals(List.of(), feed(level, 0, 10_000));
    engine.onVehicleState(driving(90));
    feed(level, 10_500, 12_500);
    List<Alert> out = tickAt(13_000);
    assertTrue(out.stream().anyMatch(a -> a.getKind() == AlertKind.ALERT_KIND_FATIGUE), Fixtures.describe(out));
  }

  /** What the driver-monitoring task now reports: gaze, eyes and yawning beside the two conclusions. */
  private static Detection driverState(String gaze, String eyes, boolean yawning) {
    boolean onRoad = gaze.equals("road") && eyes.equals("open");
    boolean drowsy = eyes.equals("closed") || yawning;
    return det(DetectionKind.DETECTION_KIND_DRIVER_STATE, "gaze", gaze, "eyes", eyes, "yawning",
        Boolean.toString(yawning), "eyes_on_road", Boolean.toString(onRoad), "drowsy", Boolean.toString(drowsy));
  }

  private static List<AlertKind> kinds(List<Alert> alerts) {
    return alerts.stream().filter(a -> a.getState() == AlertState.ALERT_STATE_RAISED).map(Alert::getKind).toList();
  }

  @Test
  void lookingDownIsDistractionButClosedEyesOnTheRoadAreFatigueOnly() {
    engine.onVehicleState(driving(80));
    feed(driverState("down", "open", false), 0, 3000);
    assertEquals(List.of(AlertKind.ALERT_KIND_DISTRACTION), kinds(tickAt(3500)));

    FakeClock other = new FakeClock(2_000_000);
    AlertEngine asleep = new AlertEngine(AlertRulesConfig.defaults(), other);
    asleep.onVehicleState(driving(80));
    List<Alert> out = new ArrayList<>();
    for (long t = 0; t <= 8000; t += 500) {
      other.set(2_000_000 + t);
      out.addAll(asleep.onDetections(set("driver_monitoring", driverState("road", "closed", false))));
    }
    assertEquals(List.of(AlertKind.ALERT_KIND_FATIGUE), kinds(out), Fixtures.describe(out));
  }

  @Test
  void aYawnHeldForTheSustainTimeIsFatigueEvenWhenTheAnswerSaysNotDrowsy() {
    engine.onVehicleState(driving(60));
    Detection yawn = det(DetectionKind.DETECTION_KIND_DRIVER_STATE, "gaze", "road", "eyes", "open", "yawning", "true",
        "eyes_on_road", "true", "drowsy", "false");
    feed(yawn, 0, 2500);
    assertEquals(List.of(AlertKind.ALERT_KIND_FATIGUE), kinds(tickAt(3000)));
    Alert cleared = feed(driverState("road", "open", false), 3500, 3500).get(0);
    assertEquals(AlertState.ALERT_STATE_CLEARED, cleared.getState());
  }

  @Test
  void driverStatesBelowTheMinimumConfidenceAreNoObservation() {
    engine.onVehicleState(driving(80));
    Detection unsure = driverState("left", "closed", true).toBuilder().setConfidence(0.3f).build();
    assertEquals(List.of(), feed(unsure, 0, 10_000));
    assertEquals(List.of(), tickAt(10_500));
    feed(driverState("left", "open", false), 11_000, 14_000);
    assertEquals(List.of(AlertKind.ALERT_KIND_DISTRACTION), kinds(tickAt(14_500)));
  }
}
