package cockpit.sim.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * One input published at scenario time {@code at}.
 *
 * @param id unique id: the file's {@code id} (or {@code e<line>}) for the first repetition, then
 *     {@code id.2}, {@code id.3}, ...; utterances use it as their utterance id
 * @param group the id as written in the file, shared by all repetitions
 */
public record Event(String id, String group, Duration at, Action action) {
  public Event {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    if (at.isNegative()) {
      throw new IllegalArgumentException("event " + id + " at negative time " + at);
    }
  }
}
