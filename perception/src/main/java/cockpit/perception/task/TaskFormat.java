package cockpit.perception.task;

import cockpit.lm.text.ChatFormat;
import cockpit.lm.text.Content;
import cockpit.lm.text.Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The token layout of one perception task turn — the one place {@link TaskRunner} and the trainer
 * ({@code train/}) get it from, so training data cannot drift from what the component asks:
 *
 * <pre>
 * promptTokens: &lt;|startoftext|&gt;&lt;|im_start|&gt;system\n{SYSTEM_PROMPT}&lt;|im_end|&gt;\n
 *               &lt;|im_start|&gt;user\n&lt;|image_start|&gt;&lt;image&gt;×N&lt;|image_end|&gt;{question}&lt;|im_end|&gt;\n
 *               &lt;|im_start|&gt;assistant\n
 * answerTokens: {compact JSON answer}&lt;|im_end|&gt;
 * </pre>
 *
 * The {@code <image>} rows ({@link #imageToken()}) are replaced by the encoder's N feature rows; the
 * question is {@link PerceptionTask#prompt()}. The answer is encoded as the tokenizer splits it; at run
 * time the constrained decoder allows any split of the same text, and a trained model writes the split it
 * learnt. The trainer's loss covers {@code answerTokens} (the JSON and the final {@code <|im_end|>}).
 *
 * <p>Immutable and thread-safe; uses, does not own, the tokenizer.
 */
public final class TaskFormat {
  /** The system line of every perception turn (docs/formats: PERCEPTION_SYSTEM). */
  public static final String SYSTEM_PROMPT = "You see one camera frame of a car. Answer with JSON only.";

  private final ChatFormat chat;
  private final Tokenizer tokenizer;
  private final int imageEnd;

  /** The format over {@code tokenizer}, as the trainer builds it (LFM2's chat tokens from the tokenizer). */
  public TaskFormat(Tokenizer tokenizer) {
    this(new ChatFormat(Objects.requireNonNull(tokenizer, "tokenizer")), tokenizer);
  }

  /** The format of an opened model ({@code model.chat()}, {@code model.tokenizer()}). */
  public TaskFormat(ChatFormat chat, Tokenizer tokenizer) {
    this.chat = Objects.requireNonNull(chat, "chat");
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    if (!chat.hasImages()) {
      throw new IllegalArgumentException("the tokenizer " + tokenizer.source() + " has no image tokens;"
          + " perception needs a vision-language vocabulary");
    }
    this.imageEnd = tokenizer.id(ChatFormat.IMAGE_END);
  }

  /**
   * System, the image block of {@code imageTokens} placeholders, the question and the assistant header.
   *
   * @param imageTokens the encoder's token count N ({@code VisionEncoder.tokens()}; 64 for an 8×8 grid)
   */
  public int[] promptTokens(PerceptionTask task, int imageTokens) {
    Objects.requireNonNull(task, "task");
    if (imageTokens < 1) {
      throw new IllegalArgumentException("imageTokens must be >= 1, got " + imageTokens);
    }
    int[] start = chat.start(SYSTEM_PROMPT);
    int[] turn = chat.userTurn(List.of(new Content.Image(imageTokens), new Content.Text(task.prompt())));
    int[] ids = Arrays.copyOf(start, start.length + turn.length);
    System.arraycopy(turn, 0, ids, start.length, turn.length);
    return ids;
  }

  /** The system block every prompt starts with ({@code <|startoftext|>} and the system turn): prefilled once per model. */
  public int[] systemTokens() {
    return chat.start(SYSTEM_PROMPT);
  }

  /**
   * How many tokens of {@code prompt} ({@link #promptTokens}) every task on one frame shares: the system block,
   * the user header and the image block up to and including {@code <|image_end|>}. The question after it is
   * encoded as its own piece (it follows a control token), so the split never changes the tokens.
   *
   * @throws IllegalArgumentException if the prompt has no image block
   */
  public int framePrefixLength(int[] prompt) {
    int end = imageEnd;
    for (int i = 0; i < prompt.length; i++) {
      if (prompt[i] == end) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("the prompt has no " + ChatFormat.IMAGE_END + " token");
  }

  /**
   * The tokens of {@code answer} followed by {@code <|im_end|>}: the trainer's target.
   *
   * @throws IllegalArgumentException if the answer is not one the task's grammar accepts
   *     ({@link PerceptionTask#checkAnswer})
   */
  public int[] answerTokens(PerceptionTask task, String answer) {
    Objects.requireNonNull(task, "task").checkAnswer(answer);
    int[] text = tokenizer.encodeUntrusted(answer);
    int[] ids = Arrays.copyOf(text, text.length + 1);
    ids[text.length] = chat.imEnd();
    return ids;
  }

  /** The {@code <image>} placeholder id, whose rows the image features replace. */
  public int imageToken() {
    return chat.image();
  }

  /** The end-of-answer token, {@code <|im_end|>}. */
  public int endOfAnswer() {
    return chat.imEnd();
  }
}
