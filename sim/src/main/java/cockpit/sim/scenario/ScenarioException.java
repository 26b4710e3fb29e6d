package cockpit.sim.scenario;

/** A scenario file that cannot be used; the message starts with {@code file:line: key.path:}. */
public final class ScenarioException extends Exception {
  private static final long serialVersionUID = 1L;

  public ScenarioException(String message) {
    super(message);
  }

  public ScenarioException(String message, Throwable cause) {
    super(message, cause);
  }
}
