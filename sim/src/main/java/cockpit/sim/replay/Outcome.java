package cockpit.sim.replay;

import cockpit.sim.scenario.Expectation;
import java.util.Objects;

/** The verdict on one expectation, with a one-line reason. */
public record Outcome(Expectation expectation, Status status, String detail) {
  /** PENDING only while a run is still going (the window is open). */
  public enum Status {
    PASS, FAIL, SKIPPED, PENDING
  }

  public Outcome {
    Objects.requireNonNull(expectation, "expectation");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }
}
