package cockpit.sim.replay;

import cockpit.proto.v1.Alert;
import cockpit.proto.v1.AlertState;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FinishReason;
import cockpit.proto.v1.Reply;
import cockpit.sim.scenario.Expectation;
import cockpit.sim.scenario.Expectation.AlertWithin;
import cockpit.sim.scenario.Expectation.Conversation;
import cockpit.sim.scenario.Expectation.DetectionField;
import cockpit.sim.scenario.Expectation.NoAlertBefore;
import cockpit.sim.scenario.Expectation.ReplyMatches;
import cockpit.sim.replay.Outcome.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges expectations against what was received so far. A check is PENDING while its window is still
 * open at {@code now}; after that it is PASS or FAIL for good. Stateless.
 */
final class Checker {
  private Checker() {}

  static Outcome judge(Expectation e, boolean trainedModel, Timeline t, List<Received> got, Duration now) {
    if (e.trainedModel() && !trainedModel) {
      return new Outcome(e, Status.SKIPPED, "requires a trained model (generated random weights)");
    }
    return switch (e.check()) {
      case AlertWithin a -> alert(e, a, t, got, now);
      case NoAlertBefore n -> noAlert(e, n, t, got, now);
      case ReplyMatches r -> reply(e, r, t, got, now);
      case DetectionField d -> detection(e, d, t, got, now);
      case Conversation c -> conversation(e, c, t, got, now);
    };
  }

  private static Outcome alert(Expectation e, AlertWithin a, Timeline t, List<Received> got, Duration now) {
    Duration from = t.groupSent(a.after());
    if (from == null) {
      return new Outcome(e, Status.PENDING, "event " + a.after() + " not sent yet");
    }
    for (Received r : got) {
      if (r.message() instanceof Alert al && al.getKind() == a.kind() && al.getState() == AlertState.ALERT_STATE_RAISED) {
        Duration at = t.scenarioTime(r.nanos());
        if (!at.minus(from).isNegative() && at.minus(from).compareTo(a.within()) <= 0) {
          return new Outcome(e, Status.PASS, a.kind() + " raised " + ms(at.minus(from)) + " after " + a.after());
        }
      }
    }
    return open(e, now, from.plus(a.within()), "no " + a.kind() + " within " + ms(a.within()) + " after " + a.after());
  }

  private static Outcome noAlert(Expectation e, NoAlertBefore n, Timeline t, List<Received> got, Duration now) {
    for (Received r : got) {
      if (r.message() instanceof Alert al && al.getState() == AlertState.ALERT_STATE_RAISED
          && (n.kind() == null || al.getKind() == n.kind())) {
        Duration at = t.scenarioTime(r.nanos());
        if (at.compareTo(n.before()) < 0) {
          return new Outcome(e, Status.FAIL, al.getKind() + " raised at " + ms(at) + ", before " + ms(n.before()));
        }
      }
    }
    return now.compareTo(n.before()) >= 0 ? new Outcome(e, Status.PASS, "none before " + ms(n.before()))
        : new Outcome(e, Status.PENDING, "watching until " + ms(n.before()));
  }

  private static Outcome reply(Expectation e, ReplyMatches m, Timeline t, List<Received> got, Duration now) {
    List<String> ok = new ArrayList<>();
    for (TimedInput in : t.group(m.to())) {
      Long sentNanos = t.sent().get(in.id());
      if (sentNanos == null) {
        return new Outcome(e, Status.PENDING, in.id() + " not sent yet");
      }
      Duration from = t.scenarioTime(sentNanos);
      List<Reply> chunks = Replies.of(got, in.correlation());
      Reply fin = chunks.isEmpty() ? null : chunks.getLast();
      if (fin == null || !fin.getIsFinal()) {
        return open(e, now, from.plus(m.within()), "no complete reply to " + in.id() + " within " + ms(m.within())
            + " (" + chunks.size() + " chunks)");
      }
      Received finRecv = Replies.finalReceived(got, in.correlation());
      Duration took = t.scenarioTime(finRecv.nanos()).minus(from);
      String problem = Replies.problem(chunks);
      String text = Replies.text(chunks);
      if (problem != null) {
        return new Outcome(e, Status.FAIL, in.id() + ": " + problem);
      }
      if (took.compareTo(m.within()) > 0) {
        return new Outcome(e, Status.FAIL, in.id() + ": final chunk after " + ms(took) + " > " + ms(m.within()));
      }
      FinishReason fr = fin.getFinishReason();
      if (m.finish().isEmpty() ? fr == FinishReason.FINISH_REASON_ERROR : !m.finish().contains(fr)) {
        return new Outcome(e, Status.FAIL, in.id() + ": finish " + fr + " " + fin.getErrorMessage());
      }
      if (!m.pattern().matcher(text).find()) {
        return new Outcome(e, Status.FAIL, in.id() + ": reply " + quote(text) + " does not match /" + m.pattern() + "/");
      }
      ok.add(in.id());
    }
    return new Outcome(e, Status.PASS, ok.size() + " replies complete and matching");
  }

  private static Outcome detection(Expectation e, DetectionField d, Timeline t, List<Received> got, Duration now) {
    Duration from = t.groupSent(d.after());
    if (from == null) {
      return new Outcome(e, Status.PENDING, "event " + d.after() + " not sent yet");
    }
    List<String> seen = new ArrayList<>();
    for (Received r : got) {
      if (r.message() instanceof DetectionSet s && s.getFrame().getCameraId().equals(d.camera())
          && (d.task().isEmpty() || s.getTask().equals(d.task()))) {
        Duration at = t.scenarioTime(r.nanos()).minus(from);
        if (at.isNegative() || at.compareTo(d.within()) > 0) {
          continue;
        }
        List<String> values = FieldPath.values(s, d.field());
        if (values.contains(d.equals())) {
          return new Outcome(e, Status.PASS, d.field() + " = " + d.equals() + " " + ms(at) + " after " + d.after());
        }
        seen.addAll(values);
      }
    }
    return open(e, now, from.plus(d.within()), "no " + d.camera() + " DetectionSet with " + d.field() + " = "
        + d.equals() + " within " + ms(d.within()) + " (saw " + (seen.size() > 8 ? seen.subList(0, 8) + "..." : seen)
        + ")");
  }

  private static Outcome conversation(Expectation e, Conversation c, Timeline t, List<Received> got, Duration now) {
    long tokens = 0;
    int compacted = 0;
    int turns = 0;
    for (TimedInput in : t.inputs()) {
      if (!in.correlation().startsWith("say/" + c.session() + "/")) {
        continue;
      }
      turns++;
      List<Reply> chunks = Replies.of(got, in.correlation());
      if (chunks.isEmpty() || !chunks.getLast().getIsFinal()) {
        return new Outcome(e, Status.PENDING, "waiting for the reply to " + in.id());
      }
      Reply fin = chunks.getLast();
      if (fin.getFinishReason() == FinishReason.FINISH_REASON_ERROR
          || fin.getFinishReason() == FinishReason.FINISH_REASON_CONTEXT_FULL) {
        return new Outcome(e, Status.FAIL, in.id() + " ended with " + fin.getFinishReason());
      }
      tokens += fin.getTimings().getPromptTokens() + fin.getTimings().getCompletionTokens();
      compacted += chunks.stream().anyMatch(Reply::getContextCompacted) ? 1 : 0;
    }
    String summary = turns + " turns, " + tokens + " tokens, " + compacted + " compacted";
    boolean pass = tokens >= c.minTokens() && (!c.compacted() || compacted > 0);
    return new Outcome(e, pass ? Status.PASS : Status.FAIL, summary + (pass ? "" : "; expected >= " + c.minTokens()
        + (c.compacted() ? " and a compaction" : "")));
  }

  private static Outcome open(Expectation e, Duration now, Duration deadline, String failure) {
    return now.compareTo(deadline) <= 0 ? new Outcome(e, Status.PENDING, "window open until " + ms(deadline))
        : new Outcome(e, Status.FAIL, failure);
  }

  static String ms(Duration d) {
    return d.toMillis() + " ms";
  }

  private static String quote(String s) {
    return "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
  }
}
