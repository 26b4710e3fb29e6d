package cockpit.perception.task;

import cockpit.lm.generate.JsonSchemaGrammar;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One VLM cockpit task: a prompt asked about a camera image, answered as JSON constrained to
 * {@code schema}, for frames of {@code cameras} ({@link #ALL_CAMERAS} = every camera), on the {@code schedule}
 * (per vehicle mode; enforced by the perception verticle, not by {@link TaskRunner}).
 *
 * @param name lower-case identifier ({@code [a-z][a-z0-9_]*}); selects the JSON → Detection mapping
 * @param prompt the question after the image (untrusted-encoded: special-token text is not interpreted); a
 *     trained model was trained on exactly this text ({@link TaskFormat})
 * @param schema a JSON Schema in the subset {@link JsonSchemaGrammar} compiles (checked here); answers hold
 *     no confidence: the runner computes it from the token probabilities ({@link AnswerConfidence})
 */
public record PerceptionTask(String name, String prompt, String schema, Set<String> cameras, DutyCycle schedule) {
  /** Camera set entry matching any camera. */
  public static final String ALL_CAMERAS = "*";

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public PerceptionTask {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(cameras, "cameras");
    Objects.requireNonNull(schedule, "schedule");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("task name \"" + name + "\" must match " + NAME.pattern());
    }
    if (prompt.isBlank()) {
      throw new IllegalArgumentException("task " + name + ": the prompt is blank");
    }
    try {
      JsonSchemaGrammar.compile(schema);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("task " + name + ": the schema does not compile: " + e.getMessage(), e);
    }
    if (cameras.isEmpty()) {
      throw new IllegalArgumentException("task " + name + ": no cameras (use \"" + ALL_CAMERAS + "\" for all)");
    }
    for (String c : cameras) {
      if (c == null || c.isBlank()) {
        throw new IllegalArgumentException("task " + name + ": a camera id is null or blank");
      }
    }
    cameras = Set.copyOf(cameras);
  }

  /** A task that runs at most once per {@code every} per camera in every vehicle mode. */
  public PerceptionTask(String name, String prompt, String schema, Set<String> cameras, Duration every) {
    this(name, prompt, schema, cameras, DutyCycle.always(Objects.requireNonNull(every, "every")));
  }

  /** This task on another schedule. */
  public PerceptionTask withSchedule(DutyCycle other) {
    return new PerceptionTask(name, prompt, schema, cameras, other);
  }

  /**
   * The grammar of this task's answers: exactly the compact JSON documents constrained generation can write
   * (no whitespace, every declared key in schema order). Compiled per call (microseconds); the runner caches
   * its own.
   */
  public JsonSchemaGrammar answerGrammar() {
    return JsonSchemaGrammar.compile(schema);
  }

  /**
   * Checks that {@code answer} is one answer this task's runner could generate — what training data must be.
   *
   * @throws IllegalArgumentException naming the byte where the answer leaves the grammar (or that it ends early)
   */
  public void checkAnswer(String answer) {
    Objects.requireNonNull(answer, "answer");
    int at = answerGrammar().mismatch(answer);
    if (at < 0) {
      return;
    }
    byte[] bytes = answer.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String before = new String(bytes, 0, at, java.nio.charset.StandardCharsets.UTF_8);
    String where = (before.length() > 40 ? "…" + before.substring(before.length() - 40) : before);
    throw new IllegalArgumentException("task " + name + ": the answer " + (at == bytes.length
        ? "ends before the document is complete, after \"" + where + "\""
        : "leaves the schema at byte " + at + ", after \"" + where + "\"")
        + " (answers are compact JSON with every key of the schema in order)");
  }

  /** True when frames of {@code cameraId} are for this task. */
  public boolean appliesTo(String cameraId) {
    return cameras.contains(ALL_CAMERAS) || cameras.contains(cameraId);
  }
}
