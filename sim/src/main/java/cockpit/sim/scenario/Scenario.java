package cockpit.sim.scenario;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed scenario: the timeline (repeats expanded, ordered by time) and the expectations. Immutable.
 *
 * @param source file the scenario came from (for reports)
 */
public record Scenario(String name, String description, String source, List<Event> timeline,
    List<Expectation> expectations) {
  public Scenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(source, "source");
    timeline = List.copyOf(timeline);
    expectations = List.copyOf(expectations);
    Set<String> ids = new HashSet<>();
    for (Event e : timeline) {
      if (!ids.add(e.id())) {
        throw new IllegalArgumentException("event id " + e.id() + " is used twice");
      }
    }
  }

  /** Scenario time of the last event. */
  public Duration length() {
    return timeline.isEmpty() ? Duration.ZERO : timeline.getLast().at();
  }

  /** The first event of {@code group} (an event id as written in the file), or null. */
  public Event first(String group) {
    return timeline.stream().filter(e -> e.group().equals(group)).findFirst().orElse(null);
  }

  /** Every event of {@code group} (one per repetition). */
  public List<Event> all(String group) {
    return timeline.stream().filter(e -> e.group().equals(group)).toList();
  }
}
