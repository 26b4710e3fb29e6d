package cockpit.perception.task;

import cockpit.dialogue.CancelHandle;
import cockpit.dialogue.DialogueModel;
import cockpit.dialogue.FinishReason;
import cockpit.dialogue.Generation;
import cockpit.dialogue.GenerationRequest;
import cockpit.dialogue.GenerationResult;
import cockpit.lm.generate.JsonSchemaGrammar;
import cockpit.lm.generate.SamplingOptions;
import cockpit.lm.generate.TokenBytes;
import cockpit.lm.generate.TokenMasks;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.SpecialTokens;
import cockpit.npu.runtime.DecoderSession;
import cockpit.npu.runtime.DecoderState;
import cockpit.npu.runtime.VisionEncoderSession;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.frame.RgbImage;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FrameRef;
import cockpit.proto.v1.InferenceLatency;
import cockpit.proto.v1.ModelInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one {@link PerceptionTask} on one frame: letterbox → vision encoder (image features [N·H]) →
 * prompt with N {@code <image>} rows replaced by the features → prefill of a fresh state →
 * schema-constrained generation → JSON → {@link DetectionSet}.
 *
 * <p>The prompt is {@code chat.start(systemPrompt)}, then {@code <|im_start|>user\n<|image_start|>} +
 * N × {@code <image>} + {@code <|image_end|>} + the task prompt (encoded as untrusted text) +
 * {@code <|im_end|>\n<|im_start|>assistant\n}.
 *
 * <p>Runs on the caller's (inference) thread; not thread-safe (one runner per inference thread).
 */
public final class TaskRunner {
  /** System prompt of every task turn. */
  public static final String SYSTEM_PROMPT =
      "You are the cabin perception model of a car. Answer about the image with one JSON document only.";
  /** Byte-level vocabulary layout of the model's tokenizer: byte b is token 14 + b. */
  static final int BYTE_OFFSET = 14;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DialogueModel model;
  private final VisionEncoderSession encoder;
  private final Preprocessor preprocessor;
  private final SamplingOptions sampling;
  private final TokenBytes vocab;
  private final SpecialTokens special;
  private final Map<String, TokenMasks> masks = new HashMap<>();

  /** Greedy decoding. */
  public TaskRunner(DialogueModel model, VisionEncoderSession encoder, Preprocessor preprocessor) {
    this(model, encoder, preprocessor, SamplingOptions.greedy());
  }

  /**
   * @param sampling sampling settings; {@code maxNewTokens} is replaced per task by the schema's token budget
   */
  public TaskRunner(DialogueModel model, VisionEncoderSession encoder, Preprocessor preprocessor,
      SamplingOptions sampling) {
    this.model = Objects.requireNonNull(model, "model");
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
    this.sampling = Objects.requireNonNull(sampling, "sampling");
    if (preprocessor.size() != encoder.imageSize()) {
      throw new IllegalArgumentException("the preprocessor makes " + preprocessor.size() + "×" + preprocessor.size()
          + " inputs but the vision encoder takes " + encoder.imageSize() + "×" + encoder.imageSize());
    }
    this.special = model.model().config().tokens();
    this.vocab = TokenBytes.byteLevel(model.tokenizer().vocabSize(), BYTE_OFFSET, model.chat().imEnd());
  }

  /**
   * Runs {@code task} on {@code image}, decoded from {@code frame}.
   *
   * @throws IllegalArgumentException if the frame's camera is not one of the task's cameras
   * @throws TaskFailedException if inference fails or the model's answer does not complete the schema
   */
  public DetectionSet run(PerceptionTask task, CameraFrame frame, RgbImage image) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(image, "image");
    if (!task.appliesTo(frame.getCameraId())) {
      throw new IllegalArgumentException("task " + task.name() + " does not run on camera \"" + frame.getCameraId()
          + "\"; its cameras are " + task.cameras());
    }
    long t0 = System.nanoTime();
    float[] pixels = preprocessor.preprocess(image).pixels();
    long t1 = System.nanoTime();
    float[] features = encode(pixels);
    long t2 = System.nanoTime();
    int[] prompt = promptTokens(task);
    float[] embeds = embeddings(prompt, features);

    TokenMasks taskMasks = masks(task);
    var constraint = taskMasks.newDecoder();
    SamplingOptions opts = sampling.withMaxNewTokens((int) Math.min(Integer.MAX_VALUE, constraint.tokenBudget()));
    GenerationResult result;
    long t3;
    try (DecoderState state = model.decoder().newState(); CancelHandle cancel = new CancelHandle()) {
      Generation.Timing timing = new Generation.Timing(t2);
      float[] logits = model.decoder().prefill(state, embeds, prompt.length, null);
      t3 = System.nanoTime();
      timing.prefill((t3 - t2) / 1e6, prompt.length, false);
      result = new Generation(model).run(state, logits, new GenerationRequest(opts, constraint), cancel, s -> { },
          timing);
    } catch (Exception e) {
      throw new TaskFailedException("task " + task.name() + ": inference failed: " + e.getMessage(), e);
    }
    long t4 = System.nanoTime();
    if (result.reason() != FinishReason.STOP || !taskMasks.grammar().accepts(result.text())) {
      throw new TaskFailedException("task " + task.name() + ": generation ended with " + result.reason()
          + (result.error() == null ? "" : " (" + result.error() + ")") + " before a complete document: "
          + result.text());
    }
    JsonNode doc;
    try {
      doc = JSON.readTree(result.text());
    } catch (JsonProcessingException e) {
      throw new TaskFailedException("task " + task.name() + ": the answer is not JSON: " + result.text(), e);
    }

    ModelConfig cfg = model.model().config();
    DetectionSet.Builder out = DetectionSet.newBuilder()
        .setFrame(frameRef(frame))
        .setTask(task.name())
        .setModel(ModelInfo.newBuilder()
            .setModelId(model.fingerprint())
            .setProfile(cfg.profile() + "/seed" + cfg.seed())
            .setPrecision("fp32"))
        .setLatency(InferenceLatency.newBuilder()
            .setPreprocessMs(ms(t0, t1))
            .setVisionEncodeMs(ms(t1, t2))
            .setPrefillMs(ms(t2, t3))
            .setDecodeMs((float) result.decodeMs())
            .setTotalMs(ms(t0, t4)))
        .setTime(timestamp(Instant.now()));
    out.addAllDetections(DetectionMapper.map(task.name(), doc));
    return out.build();
  }

  /** The prompt token ids of {@code task}, with {@link VisionEncoderSession#tokens()} image placeholders. */
  public int[] promptTokens(PerceptionTask task) {
    var tok = model.tokenizer();
    var chat = model.chat();
    IntList ids = new IntList();
    ids.add(chat.start(SYSTEM_PROMPT));
    ids.add(chat.imStart());
    ids.add(tok.encode("user\n"));
    ids.add(special.imageStart());
    for (int i = 0; i < encoder.tokens(); i++) {
      ids.add(special.image());
    }
    ids.add(special.imageEnd());
    ids.add(tok.encodeUntrusted(task.prompt()));
    ids.add(chat.imEnd());
    ids.add(chat.newline());
    ids.add(chat.imStart());
    ids.add(tok.encode("assistant\n"));
    return ids.toArray();
  }

  /** Logits after the prompt of {@code task} with {@code image} (no generation); for checks and tests. */
  float[] firstLogits(PerceptionTask task, RgbImage image) throws Exception {
    int[] prompt = promptTokens(task);
    float[] embeds = embeddings(prompt, encode(preprocessor.preprocess(image).pixels()));
    try (DecoderState state = model.decoder().newState()) {
      return model.decoder().prefill(state, embeds, prompt.length, null);
    }
  }

  private float[] encode(float[] pixels) {
    try {
      return encoder.encode(pixels);
    } catch (Exception e) {
      throw new TaskFailedException("vision encoding failed: " + e.getMessage(), e);
    }
  }

  /** Token embeddings with the {@code <image>} rows, in order, replaced by the image feature rows. */
  float[] embeddings(int[] prompt, float[] features) {
    DecoderSession dec = model.decoder();
    int h = dec.config().hiddenSize();
    if (features.length != encoder.tokens() * h) {
      throw new IllegalStateException("image features hold " + features.length + " values, expected "
          + encoder.tokens() + "×" + h);
    }
    float[] embeds = dec.embed(prompt);
    int row = 0;
    for (int i = 0; i < prompt.length; i++) {
      if (prompt[i] == special.image()) {
        if (row == encoder.tokens()) {
          throw new IllegalStateException("the prompt has more <image> tokens than image features");
        }
        System.arraycopy(features, row * h, embeds, i * h, h);
        row++;
      }
    }
    if (row != encoder.tokens()) {
      throw new IllegalStateException("the prompt has " + row + " <image> tokens for " + encoder.tokens()
          + " image feature rows");
    }
    return embeds;
  }

  private TokenMasks masks(PerceptionTask task) {
    String key = task.name() + "\u0000" + task.schema();
    return masks.computeIfAbsent(key, k -> new TokenMasks(JsonSchemaGrammar.compile(task.schema()), vocab));
  }

  static FrameRef frameRef(CameraFrame frame) {
    FrameRef.Builder b = FrameRef.newBuilder().setCameraId(frame.getCameraId()).setSequence(frame.getSequence());
    if (frame.hasCaptureTime()) {
      b.setCaptureTime(frame.getCaptureTime());
    }
    return b.build();
  }

  private static float ms(long from, long to) {
    return (float) ((to - from) / 1e6);
  }

  private static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  /** A growable int array. */
  private static final class IntList {
    private int[] a = new int[512];
    private int n;

    void add(int v) {
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, 2 * n);
      }
      a[n++] = v;
    }

    void add(int[] vs) {
      for (int v : vs) {
        add(v);
      }
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
