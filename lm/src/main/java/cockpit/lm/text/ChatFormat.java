package cockpit.lm.text;

import cockpit.npu.model.SpecialTokens;
import java.util.Arrays;
import java.util.List;

/**
 * LFM2's ChatML-like chat format as token ids, built turn by turn so a session can append to a
 * decoder state it keeps: {@code <|startoftext|>}, then per message
 * {@code <|im_start|>role\ncontent<|im_end|>\n}, and {@code <|im_start|>assistant\n} to prompt a
 * reply. {@link #render} gives the same conversation as text, exactly as the model's Jinja
 * {@code chat_template} (without tools) renders it; encoding that text with {@link Tokenizer#encode}
 * yields the ids the turn methods produce.
 *
 * <p>A turn may carry images ({@link Content.Image}), any number per turn and per conversation, as
 * LFM2-VL lays them out: {@code <|im_start|>user\n}, then per content piece either its text or
 * {@code <|image_start|>} + N × {@code <image>} + {@code <|image_end|>}, then
 * {@code <|im_end|>\n}. The {@code <image>} rows are placeholders: {@code cockpit.lm.ImageEmbeddings}
 * replaces them with the encoder's feature rows. Text between two control tokens is encoded as one
 * piece (the role header with the text that follows it), exactly as encoding the rendered template
 * text would split it.
 *
 * <p>User and tool text is encoded with {@link Tokenizer#encodeUntrusted}, so it cannot contain a
 * control token; the system prompt is trusted (it may carry e.g. {@code <|tool_list_start|>}).
 * Immutable and thread-safe; uses but does not own the tokenizer.
 */
public final class ChatFormat {
  public static final String BOS = "<|startoftext|>";
  public static final String IM_START = "<|im_start|>";
  public static final String IM_END = "<|im_end|>";
  public static final String IMAGE = "<image>";
  public static final String IMAGE_START = "<|image_start|>";
  public static final String IMAGE_END = "<|image_end|>";

  private final Tokenizer tokenizer;
  private final int bos;
  private final int imStart;
  private final int imEnd;
  private final int eos;
  private final int[] newline;
  private final int[] assistantHeader;
  /** Image token ids, -1 when the tokenizer has none (a text-only model). */
  private final int image;
  private final int imageStart;
  private final int imageEnd;

  /** LFM2's format over {@code tokenizer}; the end of a reply is {@code <|im_end|>}, LFM2's eos. */
  public ChatFormat(Tokenizer tokenizer) {
    this(tokenizer, tokenizer.id(IM_END));
  }

  /**
   * LFM2's format with the ids of a model config, checked against the tokenizer.
   *
   * @throws IllegalArgumentException if the config and the tokenizer disagree on an id
   */
  public ChatFormat(Tokenizer tokenizer, SpecialTokens tokens) {
    this(tokenizer, tokens.eos());
    check(BOS, bos, tokens.bos());
    check(IM_START, imStart, tokens.imStart());
    check(IM_END, imEnd, tokens.imEnd());
    if (image >= 0) {
      check(IMAGE, image, tokens.image());
      check(IMAGE_START, imageStart, tokens.imageStart());
      check(IMAGE_END, imageEnd, tokens.imageEnd());
    }
  }

  private ChatFormat(Tokenizer tokenizer, int eos) {
    this.tokenizer = tokenizer;
    this.bos = tokenizer.id(BOS);
    this.imStart = tokenizer.id(IM_START);
    this.imEnd = tokenizer.id(IM_END);
    tokenizer.checkId(eos);
    this.eos = eos;
    this.newline = tokenizer.encode("\n");
    this.assistantHeader = tokenizer.encode(Message.ASSISTANT + "\n");
    boolean vision = tokenizer.hasToken(IMAGE) && tokenizer.hasToken(IMAGE_START) && tokenizer.hasToken(IMAGE_END);
    this.image = vision ? tokenizer.id(IMAGE) : -1;
    this.imageStart = vision ? tokenizer.id(IMAGE_START) : -1;
    this.imageEnd = vision ? tokenizer.id(IMAGE_END) : -1;
  }

  /** The start of a conversation: BOS, then the system turn unless {@code systemPrompt} is empty. */
  public int[] start(String systemPrompt) {
    if (systemPrompt == null || systemPrompt.isEmpty()) {
      return new int[] {bos};
    }
    return concat(new int[] {bos, imStart}, tokenizer.encode(Message.SYSTEM + "\n" + systemPrompt),
        new int[] {imEnd}, newline);
  }

  /** A user turn followed by the prompt for the assistant's reply. */
  public int[] userTurn(String text) {
    return concat(turn(Message.USER, text), new int[] {imStart}, assistantHeader);
  }

  /** A user turn of text and images followed by the prompt for the assistant's reply. */
  public int[] userTurn(List<Content> content) {
    return concat(turn(Message.USER, content), new int[] {imStart}, assistantHeader);
  }

  /** A closed turn of {@code role} with untrusted {@code text} (e.g. a tool result), no reply prompt. */
  public int[] turn(String role, String text) {
    return turn(role, List.of(new Content.Text(text)));
  }

  /**
   * A closed turn of {@code role} with text and images, no reply prompt.
   *
   * @throws IllegalStateException if it has an image and the tokenizer has no image tokens
   */
  public int[] turn(String role, List<Content> content) {
    new Message(role, ""); // validates the role
    IntList ids = new IntList();
    ids.add(imStart);
    StringBuilder text = new StringBuilder(role).append('\n');
    for (Content c : content) {
      switch (c) {
        case Content.Text t -> text.append(t.text());
        case Content.Image i -> {
          ids.add(tokenizer.encodeUntrusted(text.toString()));
          text.setLength(0);
          ids.add(imageBlock(i.tokens()));
        }
      }
    }
    if (!text.isEmpty()) {
      ids.add(tokenizer.encodeUntrusted(text.toString()));
    }
    ids.add(imEnd);
    ids.add(newline);
    return ids.toArray();
  }

  /**
   * {@code <|image_start|>} + {@code tokens} × {@code <image>} + {@code <|image_end|>}.
   *
   * @throws IllegalStateException if the tokenizer has no image tokens
   */
  public int[] imageBlock(int tokens) {
    new Content.Image(tokens); // validates the count
    int[] out = new int[tokens + 2];
    Arrays.fill(out, image());
    out[0] = imageStart;
    out[tokens + 1] = imageEnd;
    return out;
  }

  /** The text the chat template renders for {@code content} (images as their token strings). */
  public static String text(List<Content> content) {
    StringBuilder s = new StringBuilder();
    for (Content c : content) {
      switch (c) {
        case Content.Text t -> s.append(t.text());
        case Content.Image i -> s.append(IMAGE_START).append(IMAGE.repeat(i.tokens())).append(IMAGE_END);
      }
    }
    return s.toString();
  }

  /**
   * Closes an assistant reply that stopped without {@code <|im_end|>} (length limit, barge-in), so
   * the next turn starts as the template would have it; after a reply that did emit
   * {@code <|im_end|>}, feed only {@link #newline()}.
   */
  public int[] endAssistant() {
    return concat(new int[] {imEnd}, newline);
  }

  /** The ids of {@code "\n"}, which follows every {@code <|im_end|>}. */
  public int[] newline() {
    return newline.clone();
  }

  public int bos() {
    return bos;
  }

  public int imStart() {
    return imStart;
  }

  public int imEnd() {
    return imEnd;
  }

  /**
   * The {@code <image>} placeholder id.
   *
   * @throws IllegalStateException if the tokenizer has no image tokens
   */
  public int image() {
    if (image < 0) {
      throw new IllegalStateException(tokenizer.source() + " has no image tokens (" + IMAGE + ", " + IMAGE_START
          + ", " + IMAGE_END + "): this is a text-only model");
    }
    return image;
  }

  /** Whether the tokenizer has the image tokens. */
  public boolean hasImages() {
    return image >= 0;
  }

  /** The id that ends generation. */
  public int eos() {
    return eos;
  }

  /** {@link #render(List, boolean)} without the generation prompt (the Jinja template's default). */
  public String render(List<Message> messages) {
    return render(messages, false);
  }

  /** The text the chat template renders for {@code messages} (every message, even an empty system one). */
  public String render(List<Message> messages, boolean addGenerationPrompt) {
    StringBuilder s = new StringBuilder(BOS);
    for (Message m : messages) {
      s.append(IM_START).append(m.role()).append('\n').append(m.content()).append(IM_END).append('\n');
    }
    if (addGenerationPrompt) {
      s.append(IM_START).append(Message.ASSISTANT).append('\n');
    }
    return s.toString();
  }

  private static void check(String name, int tokenizerId, int configId) {
    if (tokenizerId != configId) {
      throw new IllegalArgumentException("the tokenizer has " + name + " at id " + tokenizerId
          + " but the model config says " + configId);
    }
  }

  private static int[] concat(int[]... parts) {
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] out = Arrays.copyOf(parts[0], n);
    int at = parts[0].length;
    for (int i = 1; i < parts.length; i++) {
      System.arraycopy(parts[i], 0, out, at, parts[i].length);
      at += parts[i].length;
    }
    return out;
  }

  /** A growable int array, to avoid boxing while concatenating pieces. */
  private static final class IntList {
    private int[] a = new int[64];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, 2 * n);
      }
      a[n++] = v;
    }

    void add(int[] vs) {
      if (n + vs.length > a.length) {
        a = Arrays.copyOf(a, Math.max(2 * a.length, n + vs.length));
      }
      System.arraycopy(vs, 0, a, n, vs.length);
      n += vs.length;
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
