package cockpit.bus.bridge;

import cockpit.proto.v1.ErrorReason;
import cockpit.proto.v1.ErrorReport;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The one rate limit for ErrorReports on the wire, whatever module raised them (the bridge itself,
 * dialogue, perception): at most {@code perSecond} reports per wall-clock second pass; the rest are
 * suppressed and tallied by reason and by topic until the next {@link #summary}, which turns the
 * tally into one ErrorReport of reason {@code ERROR_REASON_REPORTS_SUPPRESSED} ("suppressed N error
 * reports …"). A flood of bad input therefore costs the errors topic at most {@code perSecond}
 * reports plus one summary per summary period.
 *
 * <p>Memory is bounded: the reason tally has one slot per enum value, the topic tally at most
 * {@link #MAX_TOPICS} topics (the rest counted under {@value #OTHER_TOPICS}); a report's topic is cut
 * to {@link #MAX_TOPIC_CHARS}. Thread-safe (reports come from the event loop and Zenoh's threads).
 */
final class ErrorLimiter {
  static final int MAX_TOPICS = 16;
  static final int MAX_TOPIC_CHARS = 128;
  static final String OTHER_TOPICS = "(other topics)";
  /** The fixed beginning of a summary's message: {@code suppressed N error reports}. */
  static final String SUMMARY_PREFIX = "suppressed ";

  private final int perSecond;
  private final LongSupplier millis;
  private long window = Long.MIN_VALUE;
  private int used;
  private long admitted;
  private long suppressed;
  private long summaries;
  private final Map<ErrorReason, Long> byReason = new EnumMap<>(ErrorReason.class);
  private final Map<String, Long> byTopic = new LinkedHashMap<>();
  private long pending;

  /**
   * @param perSecond reports let through per wall-clock second (bus.error-reports-per-second), at least 1
   * @param millis the wall clock in milliseconds (injected so tests control the windows)
   */
  ErrorLimiter(int perSecond, LongSupplier millis) {
    if (perSecond < 1) {
      throw new IllegalArgumentException("error reports per second must be at least 1, got " + perSecond);
    }
    this.perSecond = perSecond;
    this.millis = millis;
  }

  /** Whether {@code report} may go out now; a refused one is tallied for the next summary. */
  synchronized boolean tryAcquire(ErrorReport report) {
    long second = Math.floorDiv(millis.getAsLong(), 1000);
    if (second != window) {
      window = second;
      used = 0;
    }
    if (used < perSecond) {
      used++;
      admitted++;
      return true;
    }
    suppressed++;
    pending++;
    byReason.merge(report.getReason(), 1L, Long::sum);
    String topic = report.getTopic().length() > MAX_TOPIC_CHARS
        ? report.getTopic().substring(0, MAX_TOPIC_CHARS) + "…" : report.getTopic();
    if (byTopic.containsKey(topic) || byTopic.size() < MAX_TOPICS) {
      byTopic.merge(topic, 1L, Long::sum);
    } else {
      byTopic.merge(OTHER_TOPICS, 1L, Long::sum);
    }
    return false;
  }

  /**
   * The summary of what was suppressed since the previous call, and a fresh tally; empty when nothing
   * was. {@code template} supplies time and component id.
   */
  synchronized Optional<ErrorReport> summary(ErrorReport.Builder template, String period) {
    if (pending == 0) {
      return Optional.empty();
    }
    StringBuilder text = new StringBuilder(SUMMARY_PREFIX).append(pending).append(" error reports in the last ")
        .append(period).append(" (limit ").append(perSecond)
        .append(" per second, bus.error-reports-per-second); by reason:");
    byReason.forEach((reason, n) -> text.append(' ').append(reasonName(reason)).append('=').append(n));
    text.append("; by topic:");
    byTopic.forEach((topic, n) -> text.append(' ').append(topic.isEmpty() ? "(none)" : topic).append('=').append(n));
    pending = 0;
    byReason.clear();
    byTopic.clear();
    summaries++;
    return Optional.of(template.setReason(ErrorReason.ERROR_REASON_REPORTS_SUPPRESSED).setMessage(text.toString())
        .build());
  }

  private static String reasonName(ErrorReason r) {
    return r == ErrorReason.UNRECOGNIZED ? "UNRECOGNIZED" : r.name().replace("ERROR_REASON_", "");
  }

  synchronized long admitted() {
    return admitted;
  }

  synchronized long suppressed() {
    return suppressed;
  }

  synchronized long summaries() {
    return summaries;
  }
}
