package cockpit.bus.bridge;

import static cockpit.bus.testing.Loopback.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.bus.Topics;
import cockpit.bus.testing.Loopback;
import cockpit.bus.zenoh.KeyExpr;
import cockpit.bus.zenoh.Session;
import cockpit.bus.zenoh.Zenoh;
import cockpit.proto.v1.ComponentStatus;
import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #11, defect 2: ErrorReports that dialogue and perception publish on the event bus pass the
 * same rate limit as the bridge's own, and what is suppressed is summarised on the wire.
 */
@ExtendWith(VertxExtension.class)
class ErrorReportLimitTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern SUMMARY = Pattern.compile("by topic:.* cockpit\\.in\\.voice=(\\d+)");
  private static final int LIMIT = 20;
  private static final int BURST = 1000;

  @Test
  void aBurstOfReportsFromOtherModulesIsCappedPerSecondAndSummarised(Vertx vertx) throws Exception {
    int port = Loopback.freePort();
    try (Session peer = Zenoh.open(Loopback.listening(port))) {
      List<ErrorReport> wire = new CopyOnWriteArrayList<>();
      peer.declareSubscriber(KeyExpr.tryFrom("vehicle/V1/cockpit/errors"), s -> {
        try {
          wire.add(ErrorReport.parseFrom(s.payload().toBytes()));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      BusBridgeVerticle bridge = new BusBridgeVerticle(BridgeOptions.of("V1", Loopback.connecting(port))
          .withErrorReportsPerSecond(LIMIT));
      String deployment = BusBridgeVerticleTest.await(vertx.deployVerticle(bridge));
      int[] probes = {0};
      assertTrue(eventually(WAIT, () -> {
        probes[0]++;
        vertx.eventBus().publish(Topics.ERRORS.address(), report("probe").toBuilder().setTopic("probe").build());
        return eventually(Duration.ofMillis(300), () -> !wire.isEmpty());
      }), "the bridge's subscriber matched");
      assertTrue(eventually(WAIT, () -> handled(bridge.status()) == probes[0]), "probes handled");
      long start = System.nanoTime();
      for (int i = 0; i < BURST; i++) { // as dialogue does for a burst of bad utterances
        vertx.eventBus().publish(Topics.ERRORS.address(), report("u" + i));
      }
      assertTrue(eventually(WAIT, () -> burstOnWire(wire) + suppressedInSummaries(wire) == BURST),
          "every report of the burst is on the wire or counted in a summary: " + burstOnWire(wire) + " + "
              + suppressedInSummaries(wire));
      double seconds = (System.nanoTime() - start) / 1e9;
      long passed = burstOnWire(wire);
      assertTrue(passed <= LIMIT * (Math.ceil(seconds) + 1), passed + " reports in " + seconds + " s");
      assertTrue(passed < BURST / 4, "the limit held: " + passed + " of " + BURST);
      ErrorReport summary = wire.stream().filter(r -> r.getReason() == ErrorReason.ERROR_REASON_REPORTS_SUPPRESSED)
          .findFirst().orElseThrow();
      assertTrue(summary.getMessage().startsWith("suppressed "), summary.getMessage());
      assertTrue(summary.getMessage().contains("by reason: INFERENCE_FAILED="), summary.getMessage());
      assertTrue(summary.getMessage().contains("by topic: cockpit.in.voice="), summary.getMessage());
      ComponentStatus st = bridge.status();
      assertEquals(BURST, handled(st) - probes[0], st.getCountersMap().toString());
      assertTrue(st.getCountersOrThrow("error_report_summaries") >= 1, st.getCountersMap().toString());
      BusBridgeVerticleTest.await(vertx.undeploy(deployment));
    }
  }

  private static long handled(ComponentStatus st) {
    return st.getCountersOrThrow("error_reports_published") + st.getCountersOrThrow("error_reports_suppressed");
  }

  private static ErrorReport report(String utterance) {
    return ErrorReport.newBuilder().setTopic("cockpit.in.voice").setReason(ErrorReason.ERROR_REASON_INFERENCE_FAILED)
        .setMessage("bad utterance").setUtteranceId(utterance).build();
  }

  private static long burstOnWire(List<ErrorReport> wire) {
    return wire.stream().filter(r -> r.getUtteranceId().startsWith("u")).count();
  }

  private static long suppressedInSummaries(List<ErrorReport> wire) {
    long n = 0;
    for (ErrorReport r : wire) {
      Matcher m = SUMMARY.matcher(r.getMessage());
      if (r.getReason() == ErrorReason.ERROR_REASON_REPORTS_SUPPRESSED && m.find()) {
        n += Long.parseLong(m.group(1));
      }
    }
    return n;
  }
}
