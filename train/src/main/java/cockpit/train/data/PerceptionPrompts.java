package cockpit.train.data;

import cockpit.lm.text.ChatFormat;
import cockpit.lm.text.Content;
import cockpit.lm.text.Tokenizer;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.TaskRunner;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Token ids of perception examples exactly as the runtime builds them: {@link TaskRunner}'s system
 * prompt through {@link ChatFormat#start}, the user turn of the image ({@code imageTokens}
 * placeholders) and the task prompt through {@link ChatFormat#userTurn(List)} — the calls
 * {@link TaskRunner#promptTokens} makes, pinned equal to it by {@code PerceptionPromptsTest} — then
 * the answer's ids and {@code <|im_end|>}, the tokens the loss counts. Thread-safe; uses, does not
 * own, the tokenizer.
 */
public final class PerceptionPrompts {
  private final Tokenizer tokenizer;
  private final ChatFormat chat;
  private final int imageTokens;

  public PerceptionPrompts(Tokenizer tokenizer, int imageTokens) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.chat = new ChatFormat(tokenizer);
    if (imageTokens <= 0) {
      throw new IllegalArgumentException("image tokens " + imageTokens + " must be positive");
    }
    this.imageTokens = imageTokens;
  }

  public ChatFormat chat() {
    return chat;
  }

  /** The prompt of {@code task}: what the model reads before its answer. */
  public int[] prompt(PerceptionTask task) {
    return prompt(task.prompt());
  }

  /** The prompt with task text {@code question}. */
  public int[] prompt(String question) {
    int[] start = chat.start(TaskRunner.SYSTEM_PROMPT);
    int[] turn = chat.userTurn(List.of(new Content.Image(imageTokens), new Content.Text(question)));
    int[] ids = Arrays.copyOf(start, start.length + turn.length);
    System.arraycopy(turn, 0, ids, start.length, turn.length);
    return ids;
  }

  /** The answer's ids as the model should write them, {@code <|im_end|>} last. */
  public int[] answer(String json) {
    int[] a = tokenizer.encodeUntrusted(json);
    int[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = chat.imEnd();
    return out;
  }

  /** The training sequence of {@code ex}: prompt, answer, {@code <|im_end|>}; loss on the last two. */
  public VlmSample sample(PerceptionExample ex) {
    int[] p = prompt(ex.question());
    int[] a = answer(ex.answer());
    int[] ids = Arrays.copyOf(p, p.length + a.length);
    System.arraycopy(a, 0, ids, p.length, a.length);
    boolean[] target = new boolean[ids.length];
    Arrays.fill(target, p.length, ids.length, true);
    return new VlmSample(ex.task(), ids, target, List.of(ex.pixels()));
  }
}
