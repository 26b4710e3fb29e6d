package cockpit.app.bench.faults;

import cockpit.bus.interop.PythonPeer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Part 3: the component in client mode behind a router (the official Python binding's, {@code zpeer.py
 * router}), the router killed with SIGKILL and started again on the same port, {@code routerRestarts}
 * times, down for a seeded 0.3–3 s each time (longer than Zenoh's default 1-2-4 s reconnect backoff would
 * forgive; the component's {@code zenoh.reconnect-ms} keeps it retrying at a constant period). Measured per restart: from the new router's READY to the
 * first final Reply to an utterance sent through it (one every {@value #PROBE_EVERY_MS} ms until answered);
 * the bar is {@value #SERVING_LIMIT_MS} ms. The suite's own session reconnects every 100–200 ms, so the
 * figure is the component's.
 */
final class RouterPart {
  static final long SERVING_LIMIT_MS = 2_000;
  static final long PROBE_EVERY_MS = 100;
  private static final Duration GIVE_UP = Duration.ofSeconds(30);
  private static final Duration START = Duration.ofSeconds(60);

  private RouterPart() {}

  static JsonObject run(Rig rig) throws Exception {
    FaultOptions o = rig.options;
    if (!PythonPeer.available()) {
      return new JsonObject().put("skipped", "no Python peer for the router (run scripts/setup-python.sh)");
    }
    SplittableRandom rnd = new SplittableRandom(o.seed() ^ 0x726f7574L);
    int port = Rig.freePort();
    String ep = Rig.endpoint(port);
    PythonPeer router = PythonPeer.start(START, "router", "--listen", ep);
    ComponentProcess c = null;
    List<Double> serving = new ArrayList<>();
    int late = 0;
    int neverServed = 0;
    io.vertx.core.json.JsonArray rounds = new io.vertx.core.json.JsonArray();
    try {
      c = rig.launch("router-client", List.of(), List.of("zenoh.mode=client", "zenoh.connect=" + ep,
          "zenoh.listen=", "dialogue.snapshot-dir=" + rig.dir("router-snapshots")));
      try (BusDriver bus = new BusDriver(BusDriver.config(ep, true), Rig.VIN)) {
        if (Probes.utterance(bus, "router-warm").isEmpty()) {
          throw new IllegalStateException("no answer through the router before the first restart; log " + c.log());
        }
        for (int i = 1; i <= o.routerRestarts(); i++) {
          router.kill();
          long outage = 300 + rnd.nextLong(2_700);
          Thread.sleep(outage); // the router is away
          router = PythonPeer.start(START, "router", "--listen", ep);
          long back = System.nanoTime();
          Optional<Long> servedAt = firstAnswer(bus, "rr" + i, back);
          if (servedAt.isEmpty()) {
            neverServed++;
            continue;
          }
          double ms = (servedAt.get() - back) / 1e6;
          serving.add(ms);
          rounds.add(new JsonObject().put("outage_ms", outage).put("serving_after_return_ms", Figures.round(ms)));
          if (ms > SERVING_LIMIT_MS) {
            late++;
          }
        }
      }
      boolean alive = c.alive();
      return new JsonObject().put("restarts", o.routerRestarts()).put("serving_after_return_ms",
          Figures.distribution(serving)).put("limit_ms", SERVING_LIMIT_MS).put("late", late)
          .put("never_served", neverServed).put("component_alive", alive).put("rounds", rounds);
    } finally {
      router.close();
      if (c != null) {
        c.close();
      }
    }
  }

  /** Sends an utterance every {@value #PROBE_EVERY_MS} ms until one is answered; when the first answer came. */
  private static Optional<Long> firstAnswer(BusDriver bus, String label, long since) throws InterruptedException {
    List<Replies.Track> sent = new ArrayList<>();
    long deadline = since + GIVE_UP.toNanos();
    for (int n = 0; System.nanoTime() < deadline; n++) {
      sent.add(bus.say("router-" + label + "-" + n, label + "-" + n, "Are we connected?")); // no barge-in
      long until = System.nanoTime() + PROBE_EVERY_MS * 1_000_000;
      while (System.nanoTime() < until) {
        Optional<Long> first = sent.stream().mapToLong(Replies.Track::finalNanos).filter(t -> t > 0).boxed()
            .min(Long::compare);
        if (first.isPresent()) {
          sent.forEach(t -> bus.replies.forget(t.utteranceId));
          return first;
        }
        Thread.sleep(5); // polling for an arrival; the figure is the arrival time, not this loop's
      }
    }
    sent.forEach(t -> bus.replies.forget(t.utteranceId));
    return Optional.empty();
  }
}
