package cockpit.train.data;

import cockpit.lm.generate.ConstrainedDecoder;
import cockpit.lm.generate.JsonSchemaGrammar;
import cockpit.lm.generate.TokenBytes;
import cockpit.lm.generate.TokenMasks;
import cockpit.lm.text.ChatFormat;
import cockpit.lm.text.Content;
import cockpit.lm.text.Tokenizer;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.TaskRunner;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token ids of perception examples exactly as the runtime builds them: {@link TaskRunner}'s system
 * prompt through {@link ChatFormat#start}, the user turn of the image ({@code imageTokens}
 * placeholders) and the task prompt through {@link ChatFormat#userTurn(List)} — the calls
 * {@link TaskRunner#promptTokens} makes, pinned equal to it by {@code PerceptionPromptsTest} — then
 * the answer spelled as the runtime's constrained decoder spells it, one single-byte token per byte
 * ({@link TokenBytes#singleBytes}, what {@link TaskRunner} decodes with), and {@code <|im_end|>}.
 *
 * <p>Which answer tokens the loss counts ({@link Scoring}): under constrained decoding the model is
 * only ever asked where the schema's grammar allows more than one token (a value's first bytes, a
 * number's digits, where a list ends); every other byte is forced. {@link Scoring#CHOICES} scores
 * just those positions, {@link Scoring#ALL} every answer token and the final {@code <|im_end|>}.
 *
 * <p>Thread-safe (the per-schema masks are a concurrent cache); uses, does not own, the tokenizer.
 */
public final class PerceptionPrompts {
  /** Which answer tokens the loss counts. */
  public enum Scoring {
    /** Positions where the grammar leaves a choice (the only ones constrained decoding asks about). */
    CHOICES,
    /** Every answer token and the closing {@code <|im_end|>}. */
    ALL
  }

  private final Tokenizer tokenizer;
  private final ChatFormat chat;
  private final int imageTokens;
  private final TokenBytes bytes;
  private final Map<String, TokenMasks> masks = new ConcurrentHashMap<>();

  public PerceptionPrompts(Tokenizer tokenizer, int imageTokens) {
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.chat = new ChatFormat(tokenizer);
    if (imageTokens <= 0) {
      throw new IllegalArgumentException("image tokens " + imageTokens + " must be positive");
    }
    this.imageTokens = imageTokens;
    this.bytes = TokenBytes.singleBytes(tokenizer, chat.imEnd());
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

  /** The answer's ids as the constrained decoder writes them (one per byte), {@code <|im_end|>} last. */
  public int[] answer(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    int[] out = new int[b.length + 1];
    for (int i = 0; i < b.length; i++) {
      out[i] = tokenizer.byteToken(b[i] & 0xFF);
    }
    out[b.length] = chat.imEnd();
    return out;
  }

  /** The shared masks of a schema (the grammar the runtime constrains the task's answers with). */
  public TokenMasks masks(String schema) {
    return masks.computeIfAbsent(schema, s -> new TokenMasks(JsonSchemaGrammar.compile(s), bytes));
  }

  /** The constraint vocabulary: single-byte tokens, {@code <|im_end|>} ends the turn. */
  public TokenBytes bytes() {
    return bytes;
  }

  /**
   * The training sequence of {@code ex} (prompt, answer, {@code <|im_end|>}), scoring as asked.
   *
   * @throws IllegalArgumentException if the runtime's grammar for {@code schema} cannot write the answer
   */
  public VlmSample sample(PerceptionExample ex, String schema, Scoring scoring) {
    int[] p = prompt(ex.question());
    int[] a = answer(ex.answer());
    int[] ids = Arrays.copyOf(p, p.length + a.length);
    System.arraycopy(a, 0, ids, p.length, a.length);
    boolean[] target = new boolean[ids.length];
    ConstrainedDecoder d = masks(schema).newDecoder();
    for (int i = 0; i < a.length; i++) {
      BitSet allowed = d.allowed();
      if (!allowed.get(a[i])) {
        throw new IllegalArgumentException(ex.task() + ": the grammar does not allow token " + a[i] + " after \""
            + d.text() + "\" in " + ex.answer());
      }
      target[p.length + i] = scoring == Scoring.ALL || allowed.cardinality() > 1;
      d.accept(a[i]);
    }
    return new VlmSample(ex.task(), ids, target, List.of(ex.pixels()));
  }
}
