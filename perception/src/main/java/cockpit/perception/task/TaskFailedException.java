package cockpit.perception.task;

/** A perception task could not produce a DetectionSet (inference error, incomplete or invalid answer). */
public class TaskFailedException extends RuntimeException {
  public TaskFailedException(String message) {
    super(message);
  }

  public TaskFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
