package cockpit.perception.task;

import cockpit.lm.CancelHandle;
import cockpit.lm.DecoderState;
import cockpit.lm.FinishReason;
import cockpit.lm.Generation;
import cockpit.lm.GenerationRequest;
import cockpit.lm.GenerationResult;
import cockpit.lm.ImageEmbeddings;
import cockpit.lm.LanguageModel;
import cockpit.lm.ModelInfo;
import cockpit.lm.VisionEncoder;
import cockpit.lm.generate.JsonSchemaGrammar;
import cockpit.lm.generate.SamplingOptions;
import cockpit.lm.generate.TokenBytes;
import cockpit.lm.generate.TokenMasks;
import cockpit.lm.vision.FeatureCache;
import cockpit.perception.frame.CameraImages;
import cockpit.perception.frame.FrameDecoder;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.frame.RgbImage;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FrameRef;
import cockpit.proto.v1.InferenceLatency;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one {@link PerceptionTask} on one frame: letterbox → vision encoder (image features [N·H]) →
 * prompt with N {@code <image>} rows replaced by the features → prefill of a fresh state →
 * schema-constrained generation with a token trace → JSON → {@link DetectionSet}, each detection's
 * confidence from the model's own token probabilities ({@link AnswerConfidence}). The features come
 * through {@link CameraImages}' shared cache: every task on one frame, and a dialogue turn attaching that
 * frame, share one encoder run.
 *
 * <p>The prompt is {@link TaskFormat#promptTokens}, the layout the trainer uses: system, a user turn of
 * the image (N {@code <image>} tokens between {@code <|image_start|>} and {@code <|image_end|>}) and the
 * task's question, then the assistant header. The constraint runs over the whole vocabulary
 * ({@link TokenBytes#vocabulary}), so a BPE-trained model writes its answer in the tokens it learnt; a
 * byte-level vocabulary without merges (the generated models) spells it byte by byte.
 *
 * <p>Every task on one frame shares the prompt up to the image block: by default ({@code forkPrefix}) the state
 * after it is prefilled once per frame on top of the system block's state (once per runner) and forked
 * ({@link PrefixStates}) into each task's state, which then prefills only the question and the assistant header;
 * the answers are those of a whole-prompt prefill. A DetectionSet's {@code prefill_ms} covers the prefix prefill
 * when this task ran it, the fork and the question.
 *
 * <p>Thread-safe: one runner is shared by every inference thread. Each {@link #run} uses its own
 * decoder state, cancel handle and constraint; the shared mutable parts are the per-task cache of
 * allowed-token masks (a concurrent map of thread-safe {@link TokenMasks}) and the thread-safe
 * {@link PrefixStates}. Runs on the caller's (inference) thread. Uses, but does not own, the model and the
 * encoder; owns the kept prefix states, freed by {@link #close} (after the last run, before the model closes).
 */
public final class TaskRunner implements AutoCloseable {
  /** System prompt of every task turn ({@link TaskFormat#SYSTEM_PROMPT}). */
  public static final String SYSTEM_PROMPT = TaskFormat.SYSTEM_PROMPT;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Frames a runner made for itself keep their features this long (every task of one frame shares them). */
  private static final int OWN_CACHE_FRAMES = 8;
  /** Frames whose [system][image] state is kept for forking: the latest frame of each of a few cameras. */
  static final int PREFIX_FRAMES = 4;

  private final LanguageModel model;
  private final VisionEncoder encoder;
  private final CameraImages images;
  private final SamplingOptions sampling;
  private final TokenBytes vocab;
  private final TaskFormat format;
  private final Map<String, TokenMasks> masks = new ConcurrentHashMap<>();
  /** The shared prompt prefixes' states; null when every task prefills its whole prompt. */
  private final PrefixStates prefixes;

  /** Greedy decoding. */
  public TaskRunner(LanguageModel model, VisionEncoder encoder, Preprocessor preprocessor) {
    this(model, encoder, preprocessor, SamplingOptions.greedy());
  }

  /**
   * A runner with a feature cache of its own ({@value #OWN_CACHE_FRAMES} frames).
   *
   * @param sampling sampling settings; {@code maxNewTokens} is replaced per task by the schema's token budget
   */
  public TaskRunner(LanguageModel model, VisionEncoder encoder, Preprocessor preprocessor,
      SamplingOptions sampling) {
    this(model, new CameraImages(new FeatureCache(Objects.requireNonNull(encoder, "encoder"), OWN_CACHE_FRAMES),
        Objects.requireNonNull(preprocessor, "preprocessor"), new FrameDecoder(), OWN_CACHE_FRAMES), sampling);
  }

  /**
   * A runner whose image features go through {@code images} (shared with others who ask for frames).
   *
   * @param sampling sampling settings; {@code maxNewTokens} is replaced per task by the schema's token budget
   */
  public TaskRunner(LanguageModel model, CameraImages images, SamplingOptions sampling) {
    this(model, images, sampling, true);
  }

  /**
   * A runner whose image features go through {@code images}.
   *
   * @param forkPrefix whether tasks fork the frame's [system][image] state ({@link PrefixStates}; configuration
   *     {@code perception.fork-prefix}) instead of each prefilling its whole prompt; the answers are the same
   */
  public TaskRunner(LanguageModel model, CameraImages images, SamplingOptions sampling, boolean forkPrefix) {
    this.model = Objects.requireNonNull(model, "model");
    this.images = Objects.requireNonNull(images, "images");
    this.encoder = images.cache().encoder();
    this.sampling = Objects.requireNonNull(sampling, "sampling");
    if (images.preprocessor().size() != encoder.imageSize()) {
      throw new IllegalArgumentException("the preprocessor makes " + images.preprocessor().size() + "×"
          + images.preprocessor().size() + " inputs but the vision encoder takes " + encoder.imageSize() + "×"
          + encoder.imageSize());
    }
    this.vocab = TokenBytes.vocabulary(model.tokenizer(), model.chat().imEnd());
    this.format = new TaskFormat(model.chat(), model.tokenizer());
    this.prefixes = forkPrefix ? new PrefixStates(model.decoder(), format.systemTokens(), PREFIX_FRAMES) : null;
  }

  /** Whether tasks fork a frame's shared prompt prefix. */
  public boolean forksPrefix() {
    return prefixes != null;
  }

  /** Prefix prefills, forks, fork bytes and time so far (all zero when the runner does not fork). */
  public PrefixStates.Stats prefixStats() {
    return prefixes == null ? new PrefixStates.Stats(0, 0, 0, 0, 0, 0, 0, 0) : prefixes.stats();
  }

  /** Where this runner gets image features (and keeps the latest frame per camera). */
  public CameraImages images() {
    return images;
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
    long[] preprocessNanos = {0};
    float[] features = encode(frame, image, preprocessNanos);
    long t2 = System.nanoTime();
    long t1 = t0 + preprocessNanos[0]; // on a cache hit neither preprocessing nor encoding ran here
    int[] prompt = promptTokens(task);
    float[] embeds = ImageEmbeddings.of(model.decoder(), prompt, model.chat().image(), List.of(features));

    TokenMasks taskMasks = masks(task);
    var constraint = taskMasks.newDecoder();
    SamplingOptions opts = sampling.withMaxNewTokens((int) Math.min(Integer.MAX_VALUE, constraint.tokenBudget()));
    GenerationResult result;
    long t3;
    try (DecoderState state = model.decoder().newState(); CancelHandle cancel = new CancelHandle()) {
      Generation.Timing timing = new Generation.Timing(t2);
      float[] logits = prefill(state, frame, prompt, embeds);
      t3 = System.nanoTime();
      timing.prefill((t3 - t2) / 1e6, prompt.length, false);
      result = new Generation(model).run(state, logits, new GenerationRequest(opts, constraint, true), cancel,
          s -> { }, timing);
    } catch (RuntimeException e) {
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

    ModelInfo info = model.info();
    DetectionSet.Builder out = DetectionSet.newBuilder()
        .setFrame(frameRef(frame))
        .setTask(task.name())
        .setModel(cockpit.proto.v1.ModelInfo.newBuilder()
            .setModelId(info.name())
            .setProfile(info.profile())
            .setPrecision(info.precisionWith(encoder.precision()))
            .setExecutionProvider(info.provider()))
        .setLatency(InferenceLatency.newBuilder()
            .setPreprocessMs(ms(t0, t1))
            .setVisionEncodeMs(ms(t1, t2))
            .setPrefillMs(ms(t2, t3))
            .setDecodeMs((float) result.decodeMs())
            .setTotalMs(ms(t0, t4)))
        .setTime(timestamp(Instant.now()));
    try {
      out.addAllDetections(DetectionMapper.map(task.name(), doc,
          AnswerConfidence.of(result.text(), result.tokens(), vocab)));
    } catch (IllegalArgumentException e) {
      throw new TaskFailedException("task " + task.name() + ": the answer cannot be mapped: " + e.getMessage(), e);
    }
    return out.build();
  }

  /** The prompt token ids of {@code task}, with {@link VisionEncoder#tokens()} image placeholders. */
  public int[] promptTokens(PerceptionTask task) {
    return format.promptTokens(task, encoder.tokens());
  }

  /** Logits after the prompt of {@code task} with {@code image} (no generation, no cache); for checks and tests. */
  float[] firstLogits(PerceptionTask task, RgbImage image) {
    int[] prompt = promptTokens(task);
    float[] embeds = ImageEmbeddings.of(model.decoder(), prompt, model.chat().image(),
        List.of(encoder.encode(images.preprocessor().preprocess(image).pixels())));
    try (DecoderState state = model.decoder().newState()) {
      return model.decoder().prefill(state, embeds, prompt.length, null);
    }
  }

  /** Logits after the prompt of {@code task} on {@code frame}, the way {@link #run} gets them (forked or not). */
  float[] firstLogits(PerceptionTask task, CameraFrame frame, RgbImage image) {
    int[] prompt = promptTokens(task);
    float[] embeds = ImageEmbeddings.of(model.decoder(), prompt, model.chat().image(),
        List.of(encode(frame, image, new long[1])));
    try (DecoderState state = model.decoder().newState()) {
      return prefill(state, frame, prompt, embeds);
    }
  }

  /**
   * Feeds {@code prompt} ([prompt.length · H] {@code embeds}) into the empty {@code state}: all of it, or a fork
   * of the frame's [system][image] state and then only the question and the assistant header.
   */
  private float[] prefill(DecoderState state, CameraFrame frame, int[] prompt, float[] embeds) {
    if (prefixes == null) {
      return model.decoder().prefill(state, embeds, prompt.length, null);
    }
    int split = format.framePrefixLength(prompt);
    prefixes.fork(CameraImages.key(frame), prompt, embeds, split, state);
    int h = model.decoder().config().hiddenSize();
    return model.decoder().prefill(state, Arrays.copyOfRange(embeds, split * h, prompt.length * h),
        prompt.length - split, null);
  }

  /** Frees the kept prefix states; runs after close still work, prefilling their prefix uncached. */
  @Override
  public void close() {
    if (prefixes != null) {
      prefixes.close();
    }
  }

  private float[] encode(CameraFrame frame, RgbImage image, long[] preprocessNanos) {
    try {
      return images.cache().features(CameraImages.key(frame), () -> {
        long p0 = System.nanoTime();
        float[] pixels = images.preprocessor().preprocess(image).pixels();
        preprocessNanos[0] = System.nanoTime() - p0;
        return pixels;
      }, null);
    } catch (RuntimeException e) {
      throw new TaskFailedException("vision encoding failed: " + e.getMessage(), e);
    }
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
}
