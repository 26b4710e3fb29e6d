package cockpit.dialogue.context;

import cockpit.lm.context.CabinFacts;
import java.time.Instant;
import java.time.ZoneId;

/**
 * What the cockpit knows at the start of a turn (without the speaker's seat and the time, which the turn
 * adds). Implementations are thread-safe: turns ask from inference threads.
 */
@FunctionalInterface
public interface ContextSource {
  /** Knows nothing: no context message is ever sent. */
  ContextSource NONE = (now, zone) -> CabinFacts.none();

  /** The facts at {@code now}, local times in {@code zone}. */
  CabinFacts facts(Instant now, ZoneId zone);
}
