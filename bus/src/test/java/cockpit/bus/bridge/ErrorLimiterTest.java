package cockpit.bus.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ErrorLimiterTest {
  private static ErrorReport report(ErrorReason reason, String topic) {
    return ErrorReport.newBuilder().setReason(reason).setTopic(topic).build();
  }

  @Test
  void letsThroughTheLimitPerSecondAndSummarisesTheRestByReasonAndTopic() {
    AtomicLong now = new AtomicLong(5_000);
    ErrorLimiter l = new ErrorLimiter(3, now::get);
    int passed = 0;
    for (int i = 0; i < 10; i++) {
      ErrorReason r = i % 2 == 0 ? ErrorReason.ERROR_REASON_INVALID_ARGUMENT : ErrorReason.ERROR_REASON_MALFORMED_PAYLOAD;
      passed += l.tryAcquire(report(r, i < 5 ? "voice" : "camera")) ? 1 : 0;
    }
    assertEquals(3, passed);
    ErrorReport s = l.summary(ErrorReport.newBuilder().setComponentId("c"), "1 s").orElseThrow();
    assertEquals(ErrorReason.ERROR_REASON_REPORTS_SUPPRESSED, s.getReason());
    assertEquals("c", s.getComponentId());
    assertEquals("suppressed 7 error reports in the last 1 s (limit 3 per second, bus.error-reports-per-second);"
        + " by reason: MALFORMED_PAYLOAD=4 INVALID_ARGUMENT=3; by topic: voice=2 camera=5", s.getMessage());
    assertFalse(l.summary(ErrorReport.newBuilder(), "1 s").isPresent(), "nothing new to tell");
    now.addAndGet(1_000); // the next second has its own budget
    assertTrue(l.tryAcquire(report(ErrorReason.ERROR_REASON_INTERNAL, "x")));
    assertEquals(4, l.admitted());
    assertEquals(7, l.suppressed());
    assertEquals(1, l.summaries());
  }

  @Test
  void theTopicTallyIsBounded() {
    ErrorLimiter l = new ErrorLimiter(1, () -> 0);
    l.tryAcquire(report(ErrorReason.ERROR_REASON_INTERNAL, "first"));
    for (int i = 0; i < ErrorLimiter.MAX_TOPICS + 4; i++) {
      assertFalse(l.tryAcquire(report(ErrorReason.ERROR_REASON_INTERNAL, "t" + i + "x".repeat(10_000))));
    }
    String m = l.summary(ErrorReport.newBuilder(), "1 s").orElseThrow().getMessage();
    assertTrue(m.endsWith(ErrorLimiter.OTHER_TOPICS + "=4"), m);
    assertTrue(m.length() < (ErrorLimiter.MAX_TOPICS + 2) * (ErrorLimiter.MAX_TOPIC_CHARS + 16), "length " + m.length());
  }
}
