package cockpit.sim.scenario;

import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.FinishReason;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One check on what the component published. {@code trainedModel} marks checks on content only a
 * trained model can satisfy (reported as skipped on generated random-weight models, never faked).
 *
 * @param name label in reports ({@code <kind>@<line>} unless the file names it)
 */
public record Expectation(String name, boolean trainedModel, Check check) {
  public Expectation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(check, "check");
  }

  /** The condition itself. Times are scenario time (wall time × speed). */
  public sealed interface Check {}

  /** An alert of {@code kind} RAISED within {@code within} after event group {@code after} was published. */
  public record AlertWithin(AlertKind kind, String after, Duration within) implements Check {}

  /** No alert ({@code kind}, or any when null) RAISED before scenario time {@code before}. */
  public record NoAlertBefore(AlertKind kind, Duration before) implements Check {}

  /**
   * Every utterance of event group {@code to} gets a complete reply (chunks 0..n in order, final last)
   * within {@code within}, whose text matches {@code pattern} ({@code find}, so anchor it for full
   * matches) and whose finish reason is in {@code finish} (empty = any but ERROR).
   */
  public record ReplyMatches(String to, Duration within, Pattern pattern, Set<FinishReason> finish) implements Check {
    public ReplyMatches {
      finish = Set.copyOf(finish);
    }
  }

  /**
   * A DetectionSet from {@code camera} (and {@code task} when not empty) arrives within {@code within}
   * after event group {@code after}, in which the protobuf field path {@code field} (e.g. {@code task},
   * {@code frame.camera_id}, {@code detections.kind}; a repeated field matches when any element does)
   * equals {@code equals} (enum names, numbers and booleans as text).
   */
  public record DetectionField(String after, Duration within, String camera, String task, String field,
      String equals) implements Check {}

  /**
   * Conversation {@code session}: its replies together prefilled and generated at least
   * {@code minTokens} tokens, none ended in ERROR or CONTEXT_FULL, and (when {@code compacted}) at
   * least one reply says the context was compacted.
   */
  public record Conversation(String session, int minTokens, boolean compacted) implements Check {}
}
