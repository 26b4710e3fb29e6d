package cockpit.sim.replay;

import cockpit.bus.Topics;
import cockpit.bus.zenoh.GetOptions;
import cockpit.bus.zenoh.Publisher;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.ZBytes;
import cockpit.proto.v1.ComponentStatus;
import cockpit.sim.replay.Outcome.Status;
import cockpit.sim.scenario.Expectation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a running component over an open Zenoh session: subscribes to its outputs, waits until its
 * status queryable answers, publishes the inputs at {@code at / speed} after the start, then collects
 * until every expectation is decided (or the last window closes) and reports. One run per call; the
 * calling thread does the publishing (blocking puts keep the order).
 */
public final class ReplayRunner {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  /** Without expectations: how long outputs must have been silent before the run ends. */
  private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** Longest hold of an utterance behind its session's previous turn. */
  private static final long TURN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(120);

  private ReplayRunner() {}

  public static ReplayReport run(Session session, String name, String source, List<TimedInput> inputs,
      List<Expectation> expectations, ReplayOptions o) throws TimeoutException, InterruptedException {
    long wall0 = System.nanoTime();
    Map<String, Publisher> publishers = new HashMap<>();
    try (Observations obs = new Observations(session, o.vin())) {
      for (TimedInput in : inputs) {
        publishers.computeIfAbsent(in.key().toString(), k -> session.declarePublisher(in.key(),
            in.topic().publisherOptions()));
      }
      status(session, o.vin(), o.connectTimeout()).orElseThrow(() -> new TimeoutException("no component answered "
          + Topics.forVin(Topics.STATUS, o.vin()) + " within " + o.connectTimeout().toSeconds()
          + " s: is it running, with the same vin, and reachable (--connect)?"));
      Map<String, Long> sent = new ConcurrentHashMap<>();
      long t0 = System.nanoTime();
      Timeline t = new Timeline(t0, o.speed(), inputs, sent);
      Map<String, String> lastSay = new HashMap<>();
      for (TimedInput in : inputs) {
        long due = t0 + Math.round(in.at().toNanos() / o.speed());
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait);
          if (Thread.interrupted()) {
            throw new InterruptedException("replay interrupted");
          }
        }
        awaitPreviousTurn(in, lastSay, obs);
        publishers.get(in.key().toString()).put(ZBytes.of(in.payload()));
        sent.put(in.id(), System.nanoTime());
      }
      Duration last = inputs.isEmpty() ? Duration.ZERO : inputs.getLast().at();
      Duration hardEnd = last.plus(o.tail());
      List<Outcome> outcomes = collect(expectations, o, t, obs, hardEnd);
      ComponentStatus st = status(session, o.vin(), Duration.ofSeconds(5)).orElse(null);
      return report(name, source, o, inputs, t, obs, outcomes, st, (System.nanoTime() - wall0) / 1_000_000);
    } finally {
      publishers.values().forEach(Publisher::close);
    }
  }

  /**
   * Holds an utterance until the previous utterance of its session has its final reply (or
   * {@link #TURN_WAIT_NANOS} passed): a scenario's turns are a conversation, and on a loaded machine
   * an utterance sent on the clock alone would barge in on the reply still streaming and cancel it.
   * Expectations measure from the time an input was actually sent, so the hold never counts against
   * the component.
   */
  private static void awaitPreviousTurn(TimedInput in, Map<String, String> lastSay, Observations obs)
      throws InterruptedException {
    if (!in.correlation().startsWith("say/")) {
      return;
    }
    String session = in.correlation().substring(4, in.correlation().lastIndexOf('/'));
    String previous = lastSay.put(session, in.correlation());
    if (previous == null) {
      return;
    }
    long end = System.nanoTime() + TURN_WAIT_NANOS;
    while (Replies.finalReceived(obs.all(), previous) == null && System.nanoTime() < end) {
      LockSupport.parkNanos(POLL_NANOS);
      if (Thread.interrupted()) {
        throw new InterruptedException("replay interrupted");
      }
    }
  }

  /**
   * Judges until nothing is pending. With no expectations (a recording), until every utterance has its
   * final reply and no output has arrived for {@link #QUIET_NANOS}: frames that keep-latest dropped are
   * never answered, so "every frame answered" cannot be the end.
   */
  private static List<Outcome> collect(List<Expectation> expectations, ReplayOptions o, Timeline t, Observations obs,
      Duration hardEnd) throws InterruptedException {
    int lastCount = -1;
    long quietSince = System.nanoTime();
    while (true) {
      Duration now = t.scenarioTime(System.nanoTime());
      List<Received> got = obs.all();
      List<Outcome> out = new ArrayList<>();
      for (Expectation e : expectations) {
        out.add(Checker.judge(e, o.trainedModel(), t, got, now));
      }
      if (got.size() != lastCount) {
        lastCount = got.size();
        quietSince = System.nanoTime();
      }
      boolean done = expectations.isEmpty()
          ? System.nanoTime() - quietSince > QUIET_NANOS && allAnswered(t, got)
          : out.stream().noneMatch(x -> x.status() == Status.PENDING);
      if (done || now.compareTo(hardEnd) > 0 && !windowOpen(out)) {
        return out.stream().map(x -> x.status() != Status.PENDING ? x
            : new Outcome(x.expectation(), Status.FAIL, "undecided at the end of the run: " + x.detail())).toList();
      }
      LockSupport.parkNanos(POLL_NANOS);
      if (Thread.interrupted()) {
        throw new InterruptedException("replay interrupted");
      }
    }
  }

  private static boolean allAnswered(Timeline t, List<Received> got) {
    return t.inputs().stream().filter(i -> i.correlation().startsWith("say/"))
        .allMatch(i -> Replies.finalReceived(got, i.correlation()) != null);
  }

  private static boolean windowOpen(List<Outcome> out) {
    return out.stream().anyMatch(x -> x.status() == Status.PENDING && x.detail().startsWith("window open"));
  }

  /** The component's status, asked until it answers or {@code timeout} passes. */
  public static Optional<ComponentStatus> status(Session session, String vin, Duration timeout)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    do {
      try {
        var replies = session.get(Topics.forVin(Topics.STATUS, vin), GetOptions.DEFAULT.withTimeout(
            Duration.ofSeconds(2))).get(10, TimeUnit.SECONDS);
        for (var r : replies) {
          if (r.ok().isPresent()) {
            return Optional.of(ComponentStatus.parseFrom(r.ok().get().payload().toBytes()));
          }
        }
      } catch (java.util.concurrent.ExecutionException | TimeoutException
          | com.google.protobuf.InvalidProtocolBufferException e) {
        // no answer yet: ask again until the deadline
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    } while (System.nanoTime() < end && !Thread.currentThread().isInterrupted());
    return Optional.empty();
  }

  private static ReplayReport report(String name, String source, ReplayOptions o, List<TimedInput> inputs, Timeline t,
      Observations obs, List<Outcome> outcomes, ComponentStatus st, long wallMs) {
    List<Received> got = obs.all();
    Map<String, TimedInput> byCorrelation = new HashMap<>();
    inputs.stream().filter(i -> !i.correlation().isEmpty()).forEach(i -> byCorrelation.put(i.correlation(), i));
    Stats stats = Stats.of(got, byCorrelation, t.sent());
    Map<String, Long> counters = new LinkedHashMap<>();
    String component = "no status answer";
    if (st != null) {
      component = st.getComponentId() + " " + st.getState().name().replace("COMPONENT_STATE_", "").toLowerCase(java.util.Locale.ROOT)
          + (st.getModelId().isEmpty() ? "" : " model " + st.getModelId());
      st.getTopicsList().stream().filter(c -> c.getKeyExpr().contains("/camera/"))
          .forEach(c -> counters.put("camera_dropped", c.getDropped()));
      st.getCountersMap().forEach((k, v) -> {
        if (k.contains("drop") || k.contains("skip") || k.contains("frames")) {
          counters.put(k, v);
        }
      });
    }
    int framesSent = (int) inputs.stream().filter(i -> i.correlation().startsWith("frame/")).count();
    return new ReplayReport(name, source, o.speed(), o.trainedModel(), wallMs, t.sent().size(), outcomes,
        stats.topics(), stats.ttft(), stats.tokensPerSecond(),
        new ReplayReport.Frames(framesSent, stats.framesAnswered(), counters), component, obs.malformed());
  }
}
