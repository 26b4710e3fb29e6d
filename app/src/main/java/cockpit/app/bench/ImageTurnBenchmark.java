package cockpit.app.bench;

import cockpit.app.CameraImageSource;
import cockpit.dialogue.DialogueOptions;
import cockpit.dialogue.Grounding;
import cockpit.dialogue.SessionManager;
import cockpit.dialogue.TurnRequest;
import cockpit.dialogue.context.ContextSource;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.Backend;
import cockpit.lm.Decoder;
import cockpit.lm.DecoderState;
import cockpit.lm.ImageEmbeddings;
import cockpit.lm.LanguageModel;
import cockpit.lm.VisionEncoder;
import cockpit.lm.generate.SamplingOptions;
import cockpit.lm.ort.OrtVisionEncoder;
import cockpit.lm.text.Content;
import cockpit.lm.vision.FeatureCache;
import cockpit.npu.graph.VisionGraph;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.runtime.InferenceExecutor;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import cockpit.perception.frame.CameraImages;
import cockpit.perception.frame.FrameDecoder;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.perception.task.TaskRunner;
import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.FrameEncoding;
import com.google.protobuf.ByteString;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns that carry images (issue #12):
 *
 * <ol>
 *   <li>TTFT of a user turn with one attached image vs the same turn without it, on a state already
 *       holding L tokens of a deterministic conversation (L = 512, 2048, 3584): hybrid and all-attention
 *       baseline of each profile (the model directories of {@link ModelBenchmark}; MobileNet-style and ViT
 *       encoders). The image turn is timed twice: with the encoder run inside the turn (nobody encoded the
 *       frame yet), and with the frame's features already in the shared cache (perception encoded it).
 *   <li>Encoder runs per frame when perception's three cabin tasks and a dialogue turn attaching the cabin
 *       camera ask for the same frames at once (tiny hybrid, two inference threads).
 * </ol>
 */
public final class ImageTurnBenchmark {
  static final int[] CONTEXTS = {512, 2048, 3584};
  static final String QUESTION = "What is on the back seat right now?";

  private final List<Profile> profiles;
  private final ModelBenchmark models;
  private final int repeats;
  private final int frames;

  public ImageTurnBenchmark(List<Profile> profiles, Path cache, int repeats, int frames, ProgressListener progress) {
    this.profiles = profiles;
    this.models = new ModelBenchmark(profiles, cache, List.of(), progress);
    this.repeats = repeats;
    this.frames = frames;
  }

  public JsonObject run() throws Exception {
    JsonObject out = new JsonObject().put("benchmark", "image-turns").put("machine", Machine.describe())
        .put("provider", "cpu").put("note", "random weights; timings only").put("method", method())
        .put("loadavg_at_start", Machine.loadAvg());
    try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
      for (Profile p : profiles) {
        out.put(p.id(), new JsonObject().put("hybrid", ttft(rt, p, false))
            .put("all_attention_baseline", ttft(rt, p, true)));
      }
      if (frames > 0) {
        out.put("encoder_runs_per_frame", shared(rt));
      }
    }
    return out.put("loadavg_at_end", Machine.loadAvg());
  }

  private JsonObject method() {
    return new JsonObject()
        .put("ttft", "state restored (untimed) to the first L ids of DialogueBenchmark's deterministic conversation;"
            + " timed: [vision encode of a seeded random image +] embeddings with the image rows replaced + prefill of"
            + " the user turn '" + QUESTION + "' [with one image before the text] + greedy first token; median of "
            + repeats + " runs after one warm-up per model")
        .put("image_cold", "the encoder runs inside the turn (the frame was not encoded before)")
        .put("image_shared", "the frame's features are already in the shared feature cache (perception encoded it)")
        .put("encoder_runs", "per frame: occupancy, child_presence, driver_monitoring on the cabin camera (SAFETY"
            + " priority) and one dialogue turn attaching the cabin camera (DIALOGUE priority), submitted together to"
            + " a 2-thread inference executor; FeatureCache counters at the end");
  }

  private JsonObject ttft(NpuRuntime rt, Profile p, boolean baseline) throws Exception {
    Path dir = models.model(p, baseline);
    try (LanguageModel m = LanguageModel.open(dir, new Backend.Ort(rt, ModelVariant.FLOAT));
        VisionEncoder v = OrtVisionEncoder.open(rt, m.config(), dir.resolve("onnx").resolve(baseline
            ? VisionGraph.VIT_FILE : VisionGraph.FILE), "fp32")) {
      Decoder d = m.decoder();
      float[] pixels = pixels(v.imageSize(), 7);
      int[] text = m.chat().userTurn(QUESTION);
      int[] image = m.chat().userTurn(List.of(new Content.Image(v.tokens()), new Content.Text(QUESTION)));
      float[] features = v.encode(pixels); // warm-up, and the "shared" features
      int[] conversation = conversation(m);
      JsonArray rows = new JsonArray();
      for (int context : CONTEXTS) {
        if (context + image.length + 1 > d.capacity()) {
          continue;
        }
        byte[] saved;
        try (DecoderState st = d.newState()) {
          d.prefill(st, d.embed(Arrays.copyOf(conversation, context)), context, null);
          saved = save(st);
        }
        double[] t = new double[repeats];
        double[] cold = new double[repeats];
        double[] encode = new double[repeats];
        double[] shared = new double[repeats];
        for (int r = 0; r < repeats; r++) {
          t[r] = turn(m, saved, text, null, null, null).totalMs();
          Timed c = turn(m, saved, image, v, pixels, null);
          cold[r] = c.totalMs();
          encode[r] = c.encodeMs();
          shared[r] = turn(m, saved, image, null, null, features).totalMs();
        }
        rows.add(new JsonObject().put("context_tokens", context).put("text_turn_tokens", text.length)
            .put("image_turn_tokens", image.length).put("text_turn_ms", median(t))
            .put("image_turn_cold_ms", median(cold)).put("vision_encode_ms", median(encode))
            .put("image_turn_shared_ms", median(shared)));
      }
      return new JsonObject().put("decoder_layers", d.config().attentionLayers().size() + " attention + "
          + d.config().convLayers().size() + " conv").put("vision", baseline ? "vit" : "mobilenetv5-style")
          .put("image_tokens", v.tokens()).put("rows", rows);
    }
  }

  /** A timed turn: the whole TTFT and the vision encode within it (0 when none ran). */
  private record Timed(double totalMs, double encodeMs) {}

  /**
   * One timed turn on a state restored to {@code saved}: the encode of {@code pixels} when {@code v} is
   * given (else {@code features}, or none for a text turn), embeddings, prefill, the greedy first token.
   */
  private static Timed turn(LanguageModel m, byte[] saved, int[] ids, VisionEncoder v, float[] pixels,
      float[] features) throws Exception {
    Decoder d = m.decoder();
    try (DecoderState st = d.newState()) {
      st.readFrom(Channels.newChannel(new ByteArrayInputStream(saved)));
      long t0 = System.nanoTime();
      float[] f = v != null ? v.encode(pixels) : features;
      double encodeMs = v != null ? (System.nanoTime() - t0) / 1e6 : 0;
      float[] embeds = f == null ? d.embed(ids) : ImageEmbeddings.of(d, ids, m.chat().image(), List.of(f));
      Decoder.argmax(d.prefill(st, embeds, ids.length, null));
      return new Timed((System.nanoTime() - t0) / 1e6, encodeMs);
    }
  }

  private JsonObject shared(NpuRuntime rt) throws Exception {
    Path dir = models.model(Profile.TINY, false);
    Path snapshots = Files.createTempDirectory("cockpit-bench-image-turns-");
    InferenceExecutor executor = new InferenceExecutor(2, 256);
    try (LanguageModel m = LanguageModel.open(dir, new Backend.Ort(rt, ModelVariant.FLOAT));
        VisionEncoder v = m.openVisionEncoder()) {
      CameraImages images = new CameraImages(new FeatureCache(v, 8), new Preprocessor(v.imageSize()),
          new FrameDecoder(), 4);
      TaskRunner runner = new TaskRunner(m, images, SamplingOptions.greedy());
      List<PerceptionTask> tasks = List.of(PerceptionTasks.occupancy(), PerceptionTasks.childPresence(),
          PerceptionTasks.driverMonitoring());
      DialogueOptions o = DialogueOptions.defaults(snapshots).withSampling(SamplingOptions.greedy()
          .withMaxNewTokens(4));
      try (SessionManager sessions = new SessionManager(m, o, new SnapshotStore(snapshots), executor,
          Clock.systemUTC(), (kind, s, msg) -> { }, new Grounding(ContextSource.NONE, new CameraImageSource(images),
          ZoneOffset.UTC, false))) {
        for (int f = 0; f < frames; f++) {
          CameraFrame frame = frame(f);
          images.record(frame);
          var decoded = new FrameDecoder().decode(frame);
          List<CompletableFuture<?>> all = new ArrayList<>();
          for (PerceptionTask task : tasks) {
            all.add(executor.submit(InferenceExecutor.Priority.SAFETY, () -> runner.run(task, frame, decoded)));
          }
          all.add(sessions.turn(new TurnRequest("frame-" + f, "what do you see?", null, List.of("cabin"), List.of()),
              s -> { }));
          CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        }
      }
      FeatureCache.Stats st = images.cache().stats();
      return new JsonObject().put("model", "tiny hybrid").put("frames", frames).put("perception_tasks_per_frame",
          tasks.size()).put("dialogue_turns_per_frame", 1).put("feature_requests_per_frame", tasks.size() + 1)
          .put("encoder_runs", st.encoderRuns()).put("encoder_runs_per_frame", (double) st.encoderRuns() / frames)
          .put("cache_hits", st.hits()).put("joined_a_run_in_flight", st.joins());
    } finally {
      executor.close();
    }
  }

  private static int[] conversation(LanguageModel m) {
    DialogueBenchmark.Conversation c = DialogueBenchmark.Conversation.build(m, 30);
    List<int[]> parts = new ArrayList<>(List.of(c.start));
    for (int t = 0; t < c.users.size(); t++) {
      parts.add(c.users.get(t));
      parts.add(c.replies.get(t));
    }
    int[] all = new int[parts.stream().mapToInt(x -> x.length).sum()];
    int at = 0;
    for (int[] x : parts) {
      System.arraycopy(x, 0, all, at, x.length);
      at += x.length;
    }
    return all;
  }

  private static byte[] save(DecoderState st) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, st.serializedBytes()));
    st.writeTo(Channels.newChannel(b));
    return b.toByteArray();
  }

  private static float[] pixels(int size, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] p = new float[3 * size * size];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) r.nextDouble();
    }
    return p;
  }

  private static CameraFrame frame(long sequence) {
    byte[] rgb = new byte[320 * 240 * 3];
    new java.util.Random(sequence).nextBytes(rgb);
    return CameraFrame.newBuilder().setCameraId("cabin").setSequence(sequence)
        .setEncoding(FrameEncoding.FRAME_ENCODING_RGB8).setWidth(320).setHeight(240).setData(ByteString.copyFrom(rgb))
        .build();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return Math.round(s[s.length / 2] * 10) / 10.0;
  }
}
