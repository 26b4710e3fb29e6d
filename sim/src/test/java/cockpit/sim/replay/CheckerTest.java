package cockpit.sim.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.Topics;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.FinishReason;
import cockpit.proto.v1.FrameRef;
import cockpit.proto.v1.Reply;
import cockpit.proto.v1.ReplyTimings;
import cockpit.sim.replay.Outcome.Status;
import cockpit.sim.scenario.Expectation;
import com.google.protobuf.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The verdict logic on hand-built outputs: windows, chunk order, finish reasons, field paths. */
class CheckerTest {
  private static final long MS = 1_000_000L;
  private final List<TimedInput> inputs = List.of(
      new TimedInput(Duration.ZERO, "ask", "ask", Topics.VOICE, KeyExpr.tryFrom("vehicle/V/cabin/voice/driver"),
          new byte[0], TimedInput.say("s", "ask")),
      new TimedInput(Duration.ofSeconds(1), "f", "f", Topics.CAMERA, KeyExpr.tryFrom("vehicle/V/cabin/camera/cabin"),
          new byte[0], TimedInput.frame("cabin", 0)));
  // Speed 2: 1 ms of wall time is 2 ms of scenario time. Both inputs sent at their scenario times.
  private final Timeline t = new Timeline(0, 2, inputs, Map.of("ask", 0L, "f", 500 * MS));
  private final List<Received> got = new ArrayList<>();

  private void at(long wallMs, String topic, Message m) {
    got.add(new Received(topic, "k", m, wallMs * MS));
  }

  private Outcome judge(Expectation.Check c, long nowScenarioMs) {
    return Checker.judge(new Expectation("x", false, c), false, t, got, Duration.ofMillis(nowScenarioMs));
  }

  private static Reply chunk(int i, String text, boolean fin, FinishReason r) {
    return Reply.newBuilder().setSessionId("s").setUtteranceId("ask").setChunkIndex(i).setText(text).setIsFinal(fin)
        .setFinishReason(r).setTimings(ReplyTimings.newBuilder().setPromptTokens(3000).setCompletionTokens(10))
        .build();
  }

  @Test
  void replyPassesWhenCompleteInOrderInTimeAndMatching() {
    var check = new Expectation.ReplyMatches("ask", Duration.ofSeconds(2), Pattern.compile("lo w"),
        Set.of(FinishReason.FINISH_REASON_STOP));
    assertEquals(Status.PENDING, judge(check, 100).status());
    at(100, "replies", chunk(1, "lo w", false, FinishReason.FINISH_REASON_UNSPECIFIED));
    at(50, "replies", chunk(0, "Hel", false, FinishReason.FINISH_REASON_UNSPECIFIED));
    at(400, "replies", chunk(2, "orld", true, FinishReason.FINISH_REASON_STOP));
    assertEquals(Status.PASS, judge(check, 900).status(), judge(check, 900).detail());
    var late = new Expectation.ReplyMatches("ask", Duration.ofMillis(700), Pattern.compile(""), Set.of());
    assertTrue(judge(late, 900).detail().contains("final chunk after 800 ms"), judge(late, 900).detail());
    var stopString = new Expectation.ReplyMatches("ask", Duration.ofSeconds(2), Pattern.compile(""),
        Set.of(FinishReason.FINISH_REASON_LENGTH));
    assertEquals(Status.FAIL, judge(stopString, 900).status());
  }

  @Test
  void gapsInChunksAndErrorsFail() {
    at(50, "replies", chunk(0, "a", false, FinishReason.FINISH_REASON_UNSPECIFIED));
    at(60, "replies", chunk(2, "b", true, FinishReason.FINISH_REASON_ERROR));
    var any = new Expectation.ReplyMatches("ask", Duration.ofSeconds(5), Pattern.compile(""), Set.of());
    Outcome o = judge(any, 200);
    assertEquals(Status.FAIL, o.status());
    assertTrue(o.detail().contains("without gaps"), o.detail());
    var conv = new Expectation.Conversation("s", 100, false);
    assertEquals(Status.FAIL, judge(conv, 200).status(), "an ERROR reply fails the conversation");
  }

  @Test
  void replyWindowClosesIntoAFailure() {
    var check = new Expectation.ReplyMatches("ask", Duration.ofSeconds(1), Pattern.compile(""), Set.of());
    assertEquals(Status.PENDING, judge(check, 999).status());
    Outcome o = judge(check, 1001);
    assertEquals(Status.FAIL, o.status());
    assertTrue(o.detail().contains("no complete reply to ask"), o.detail());
  }

  @Test
  void alertsCountOnlyRaisedOfTheKindInsideTheWindow() {
    var within = new Expectation.AlertWithin(AlertKind.ALERT_KIND_DISTRACTION, "f", Duration.ofSeconds(2));
    at(600, "alerts", Alert.newBuilder().setKind(AlertKind.ALERT_KIND_FATIGUE).setState(AlertState.ALERT_STATE_RAISED)
        .build());
    at(700, "alerts", Alert.newBuilder().setKind(AlertKind.ALERT_KIND_DISTRACTION)
        .setState(AlertState.ALERT_STATE_CLEARED).build());
    assertEquals(Status.PENDING, judge(within, 2000).status());
    assertEquals(Status.FAIL, judge(within, 3001).status());
    at(1400, "alerts", Alert.newBuilder().setKind(AlertKind.ALERT_KIND_DISTRACTION)
        .setState(AlertState.ALERT_STATE_RAISED).build());
    Outcome o = judge(within, 3001);
    assertEquals(Status.PASS, o.status());
    assertTrue(o.detail().contains("1800 ms after f"), o.detail());
    var quietFatigue = new Expectation.NoAlertBefore(AlertKind.ALERT_KIND_FATIGUE, Duration.ofSeconds(2));
    assertEquals(Status.FAIL, judge(quietFatigue, 3000).status(), "fatigue raised at 1200 ms, before 2 s");
  }

  @Test
  void noAlertIsPendingUntilItsTimeThenPasses() {
    var before = new Expectation.NoAlertBefore(null, Duration.ofSeconds(1));
    assertEquals(Status.PENDING, judge(before, 900).status());
    at(600, "alerts", Alert.newBuilder().setKind(AlertKind.ALERT_KIND_FATIGUE).setState(AlertState.ALERT_STATE_RAISED)
        .build());
    assertEquals(Status.PASS, judge(before, 1000).status(), "1200 ms scenario time is after the 1 s limit");
    at(400, "alerts", Alert.newBuilder().setKind(AlertKind.ALERT_KIND_PET_LEFT_BEHIND)
        .setState(AlertState.ALERT_STATE_RAISED).build());
    assertEquals(Status.FAIL, judge(before, 1000).status(), "800 ms scenario time is before it");
  }

  @Test
  void detectionFieldPathsReachRepeatedAndNestedFields() {
    DetectionSet set = DetectionSet.newBuilder().setTask("occupancy").setFrame(FrameRef.newBuilder().setCameraId("cabin"))
        .addDetections(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_PERSON))
        .addDetections(Detection.newBuilder().setKind(DetectionKind.DETECTION_KIND_CHILD).setSeat(
            cockpit.proto.v1.Seat.newBuilder().setRow(2))).build();
    at(900, "detections", set);
    var kind = new Expectation.DetectionField("f", Duration.ofSeconds(3), "cabin", "occupancy", "detections.kind",
        "DETECTION_KIND_CHILD");
    assertEquals(Status.PASS, judge(kind, 2000).status(), judge(kind, 2000).detail());
    var row = new Expectation.DetectionField("f", Duration.ofSeconds(3), "cabin", "", "detections.seat.row", "2");
    assertEquals(Status.PASS, judge(row, 2000).status());
    var pet = new Expectation.DetectionField("f", Duration.ofSeconds(3), "cabin", "", "detections.kind",
        "DETECTION_KIND_PET");
    Outcome o = judge(pet, 4001);
    assertEquals(Status.FAIL, o.status());
    assertTrue(o.detail().contains("DETECTION_KIND_PERSON"), "the failure shows what was seen: " + o.detail());
    var otherCamera = new Expectation.DetectionField("f", Duration.ofSeconds(3), "driver", "", "task", "occupancy");
    assertEquals(Status.FAIL, judge(otherCamera, 4001).status());
  }

  @Test
  void conversationSumsTokensAndNeedsACompactionWhenAsked() {
    at(50, "replies", chunk(0, "a", true, FinishReason.FINISH_REASON_LENGTH));
    assertEquals(Status.PASS, judge(new Expectation.Conversation("s", 3010, false), 100).status());
    Outcome o = judge(new Expectation.Conversation("s", 3010, true), 100);
    assertEquals(Status.FAIL, o.status());
    assertTrue(o.detail().contains("1 turns, 3010 tokens, 0 compacted"), o.detail());
    assertEquals(Status.SKIPPED, Checker.judge(new Expectation("y", true, new Expectation.Conversation("s", 1, true)),
        false, t, got, Duration.ZERO).status());
  }
}
