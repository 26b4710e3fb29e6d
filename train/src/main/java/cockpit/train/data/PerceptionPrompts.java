package cockpit.train.data;

import cockpit.lm.text.Tokenizer;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.TaskFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Token ids of perception examples exactly as the runtime lays them out, through perception's own
 * {@link TaskFormat} (the class {@code TaskRunner} builds its prompts with): the prompt is
 * {@link TaskFormat#promptTokens} with {@code imageTokens} placeholders, the target is
 * {@link TaskFormat#answerTokens} — the answer as the tokenizer splits it, then {@code <|im_end|>}.
 * The loss counts every target token: the runtime constrains over the whole vocabulary, so a trained
 * model writes the split it learnt. {@code PerceptionPromptsTest} pins the prompts equal to
 * {@code TaskRunner#promptTokens} and the answers to token sequences the runtime's grammar accepts.
 *
 * <p>Immutable and thread-safe; uses, does not own, the tokenizer.
 */
public final class PerceptionPrompts {
  private final TaskFormat format;
  private final int imageTokens;

  public PerceptionPrompts(Tokenizer tokenizer, int imageTokens) {
    this.format = new TaskFormat(Objects.requireNonNull(tokenizer, "tokenizer"));
    if (imageTokens <= 0) {
      throw new IllegalArgumentException("image tokens " + imageTokens + " must be positive");
    }
    this.imageTokens = imageTokens;
  }

  /** The runtime's layout of a task turn. */
  public TaskFormat format() {
    return format;
  }

  /** The model's image token count N (the {@code <image>} placeholders per frame). */
  public int imageTokens() {
    return imageTokens;
  }

  /** The prompt ids of {@code task}: {@link TaskFormat#promptTokens} for this model's image tokens. */
  public int[] prompt(PerceptionTask task) {
    return format.promptTokens(task, imageTokens);
  }

  /**
   * The training sequence of {@code ex} (prompt, answer, {@code <|im_end|>}), loss on the answer and
   * {@code <|im_end|>}.
   *
   * @param task the task {@code ex} was drawn for (its prompt and schema)
   * @throws IllegalArgumentException if {@code ex} is of another task or its answer fails the schema
   */
  public VlmSample sample(PerceptionExample ex, PerceptionTask task) {
    if (!ex.task().equals(task.name())) {
      throw new IllegalArgumentException("example of task " + ex.task() + " given with task " + task.name());
    }
    int[] p = prompt(task);
    int[] a = format.answerTokens(task, ex.answer());
    int[] ids = Arrays.copyOf(p, p.length + a.length);
    System.arraycopy(a, 0, ids, p.length, a.length);
    boolean[] target = new boolean[ids.length];
    Arrays.fill(target, p.length, ids.length, true);
    return new VlmSample(ex.task(), ids, target, List.of(ex.pixels()));
  }
}
