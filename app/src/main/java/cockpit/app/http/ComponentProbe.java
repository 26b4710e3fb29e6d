package cockpit.app.http;

import cockpit.proto.v1.ComponentStatus;
import java.util.List;

/**
 * What the HTTP side asks the component: its status (bridge counters plus what perception, dialogue
 * and the snapshot store add) and its readiness checks. Called on the HTTP verticle's worker threads;
 * implementations are thread-safe.
 */
public interface ComponentProbe {
  /** A fresh status snapshot. */
  ComponentStatus status();

  /** Every readiness check, in a stable order; ready when all pass. */
  List<Check> readiness();

  /** One readiness check: a name, whether it passes, and a word on why. */
  record Check(String name, boolean ok, String detail) {
    public Check {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a check needs a name");
      }
      detail = detail == null ? "" : detail;
    }
  }
}
