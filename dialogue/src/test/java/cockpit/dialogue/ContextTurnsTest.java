package cockpit.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.context.Cockpit;
import cockpit.dialogue.context.CockpitView;
import cockpit.dialogue.snapshot.Snapshot;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.TinyModel;
import cockpit.lm.context.CabinFacts;
import cockpit.lm.generate.SamplingOptions;
import cockpit.proto.v1.AlertState;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The context message of each turn: everything known on the first turn, then only what changed (nothing
 * when nothing did), the speaker's seat, an alert with its evidence before the question about it, its
 * retraction once cleared, and what the session was told kept across a restart.
 */
class ContextTurnsTest {
  static final CabinFacts.Seat REAR_MIDDLE = new CabinFacts.Seat(2, CabinFacts.Side.MIDDLE);
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T18:04:10Z"));
  final Clock clock = new Clock() {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };

  SessionManager manager(Path dir, CockpitView view) throws Exception {
    DialogueOptions o = DialogueOptions.defaults(dir).withSampling(SamplingOptions.greedy().withMaxNewTokens(6));
    return new SessionManager(TinyModel.model(), o, new SnapshotStore(dir), TinyModel.executor(), clock,
        (kind, session, message) -> { throw new AssertionError(kind + " " + message); },
        new Grounding(view, ImageSource.NONE, ZoneOffset.UTC, true));
  }

  static List<Snapshot.Turn> say(SessionManager m, CabinFacts.Seat seat, String text) throws Exception {
    m.turn(new TurnRequest("family", text, seat, List.of(), List.of()), s -> { }).get(120, TimeUnit.SECONDS);
    return m.transcript("family");
  }

  static String last(List<Snapshot.Turn> transcript, String role) {
    for (int i = transcript.size() - 1; i >= 0; i--) {
      if (transcript.get(i).role().equals(role)) {
        return transcript.get(i).text();
      }
    }
    return null;
  }

  @Test
  void eachTurnIsToldWhatChangedAndNothingWhenNothingDid(@TempDir Path dir) throws Exception {
    CockpitView view = new CockpitView(null);
    view.onVehicleState(Cockpit.driving(30), now.get().minusSeconds(60));
    view.onVehicleState(Cockpit.parked(), now.get());
    view.onDetections(Cockpit.occupancy(1));
    try (SessionManager m = manager(dir, view)) {
      List<Snapshot.Turn> t = say(m, REAR_MIDDLE, "is my child still in the back?");
      assertEquals(List.of("context", "user", "assistant"), t.stream().map(Snapshot.Turn::role).toList());
      assertEquals("""
          seat: rear-middle
          time: 18:04
          vehicle: parked, power off, locked
          cabin: rear-middle child unbelted
          parking: nothing read; parked at 18:04""", t.get(0).text());

      assertEquals(5, say(m, REAR_MIDDLE, "and is the car locked?").size(), "nothing changed: no context message");

      view.onAlert(Cockpit.childLeftBehind("cpd-1", AlertState.ALERT_STATE_RAISED, now.get()));
      t = say(m, REAR_MIDDLE, "why did you warn me?");
      assertEquals("alert: child_left_behind critical since 18:04: \"Child left in rear middle seat\"; evidence: "
          + "rear-middle child 0.91; Vehicle.LowVoltageSystemState = OFF", last(t, "context"));
      SessionInspection seen = m.inspect("family").get(120, TimeUnit.SECONDS);
      assertTrue(seen.prompt().contains("<|im_start|>context\nalert: child_left_behind critical since 18:04: \"Child"
          + " left in rear middle seat\"; evidence: rear-middle child 0.91; Vehicle.LowVoltageSystemState = OFF"
          + "<|im_end|>\n<|im_start|>user\nwhy did you warn me?<|im_end|>\n<|im_start|>assistant\n"),
          "the alert-explanation prompt has the alert's kind, severity and evidence:\n" + seen.prompt());
      assertTrue(seen.prompt().startsWith("<|startoftext|><|im_start|>system\n"), seen.prompt());

      now.set(now.get().plus(Duration.ofMinutes(2)));
      view.onAlert(Cockpit.childLeftBehind("cpd-1", AlertState.ALERT_STATE_CLEARED, now.get()));
      t = say(m, REAR_MIDDLE, "is everything fine now?");
      assertEquals("time: 18:06\nalert: child_left_behind critical since 18:04, cleared 18:06: \"Child left in rear"
          + " middle seat\"; evidence: rear-middle child 0.91; Vehicle.LowVoltageSystemState = OFF",
          last(t, "context"), "cleared, with what it was about");
    }
    try (SessionManager restarted = manager(dir, view)) {
      List<Snapshot.Turn> t = say(restarted, REAR_MIDDLE, "thanks");
      assertEquals(13, t.size(), "restored with what it was told: no context message");
      t = say(restarted, new CabinFacts.Seat(1, CabinFacts.Side.DRIVER_SIDE), "let's go");
      assertEquals("seat: driver", last(t, "context"), "another speaker");
      SessionInspection s = restarted.inspect("family").get(120, TimeUnit.SECONDS);
      assertEquals(List.of("seat: driver", "time: 18:06", "vehicle: parked, power off, locked",
          "cabin: rear-middle child unbelted", "parking: nothing read; parked at 18:04"),
          s.contextLines().subList(0, 5));
      assertTrue(s.contextLines().get(5).startsWith("alert: child_left_behind critical since 18:04, cleared 18:06"));
    }
  }
}
