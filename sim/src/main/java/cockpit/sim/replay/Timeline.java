package cockpit.sim.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When the runner actually published each input, on the {@link System#nanoTime} clock, and how that
 * clock maps to scenario time: {@code (nanos - startNanos) × speed}.
 *
 * @param sent input id → publish nanos; only inputs already published
 */
record Timeline(long startNanos, double speed, List<TimedInput> inputs, Map<String, Long> sent) {
  Timeline {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(sent, "sent");
  }

  Duration scenarioTime(long nanos) {
    return Duration.ofNanos(Math.round((nanos - startNanos) * speed));
  }

  /** Scenario time the first input of {@code group} was published, or null if not yet. */
  Duration groupSent(String group) {
    for (TimedInput in : inputs) {
      if (in.group().equals(group)) {
        Long n = sent.get(in.id());
        return n == null ? null : scenarioTime(n);
      }
    }
    return null;
  }

  List<TimedInput> group(String group) {
    return inputs.stream().filter(i -> i.group().equals(group)).toList();
  }
}
