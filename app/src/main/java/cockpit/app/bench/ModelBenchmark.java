package cockpit.app.bench;

import cockpit.lm.VisionEncoder;
import cockpit.lm.ort.OrtVisionEncoder;
import cockpit.npu.graph.ModelExport;
import cockpit.npu.graph.VisionGraph;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.runtime.DecoderSession;
import cockpit.npu.runtime.DecoderState;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The model benchmark of issue #3, hybrid and all-attention/ViT baseline side by side in one run:
 * vision encode ms, prefill tok/s, decode tok/s at several context lengths, state bytes per
 * session at 4096. Models are generated once into a cache directory and reused.
 */
public final class ModelBenchmark {
  private final List<Profile> profiles;
  private final Path cache;
  private final ProgressListener progress;
  private final List<Integer> contexts;

  public ModelBenchmark(List<Profile> profiles, Path cache, List<Integer> contexts, ProgressListener progress) {
    this.profiles = profiles;
    this.cache = cache;
    this.contexts = contexts;
    this.progress = progress;
  }

  public JsonObject run() throws Exception {
    JsonObject out = new JsonObject().put("benchmark", "model").put("machine", Machine.describe())
        .put("provider", "cpu").put("note", "random weights; timings only");
    try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
      for (Profile p : profiles) {
        JsonObject side = new JsonObject();
        side.put("hybrid_mobilenet", measure(rt, p, false));
        side.put("all_attention_vit", measure(rt, p, true));
        out.put(p.id(), side);
      }
    }
    return out;
  }

  /** The model directory of a profile (generated on first use). */
  public Path model(Profile p, boolean baseline) throws Exception {
    Path dir = cache.resolve(p.id() + "-seed1" + (baseline ? "-baseline" : ""));
    if (!Files.isRegularFile(dir.resolve("onnx").resolve(baseline ? VisionGraph.VIT_FILE : VisionGraph.FILE))) {
      ModelConfig cfg = baseline ? p.config(1).baseline(p.vit()) : p.config(1);
      ModelDirectory.generate(cfg, dir, progress);
      try (LoadedModel m = ModelDirectory.open(dir)) {
        ModelExport.write(m, 32, progress);
      }
    }
    return dir;
  }

  private JsonObject measure(NpuRuntime rt, Profile p, boolean baseline) throws Exception {
    Path dir = model(p, baseline);
    JsonObject r = new JsonObject();
    try (LoadedModel m = ModelDirectory.open(dir)) {
      ModelConfig c = m.config();
      r.put("decoder_layers", c.text().attentionLayers().size() + " attention + " + c.text().convLayers().size()
          + " conv").put("vision", baseline ? "vit" : "mobilenetv5-style");
      try (VisionEncoder v = OrtVisionEncoder.open(rt, c,
          dir.resolve("onnx").resolve(baseline ? VisionGraph.VIT_FILE : VisionGraph.FILE), "fp32")) {
        float[] px = new float[3 * v.imageSize() * v.imageSize()];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < px.length; i++) {
          px[i] = (float) rnd.nextDouble();
        }
        v.encode(px);
        int n = p == Profile.TINY ? 20 : 5;
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
          long t0 = System.nanoTime();
          v.encode(px);
          t[i] = System.nanoTime() - t0;
        }
        r.put("vision_encode_ms", median(t) / 1e6).put("image_size", v.imageSize());
      }
      try (DecoderSession d = DecoderSession.open(rt, c.text(), m.weights(), dir.resolve("onnx"))) {
        r.put("prefill_tok_s", prefillRate(d, 512));
        JsonArray decode = new JsonArray();
        for (int ctx : contexts) {
          decode.add(new JsonObject().put("context", ctx).put("decode_tok_s", decodeRate(d, ctx, 16)));
        }
        r.put("decode", decode);
        r.put("state_bytes_at_4096", c.text().stateBytes(4096));
        try (DecoderState s = d.newState()) {
          r.put("allocated_state_bytes", s.bytes());
        }
      }
    }
    return r;
  }

  private static int[] tokens(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = 14 + r.nextInt(256);
    }
    return t;
  }

  static double prefillRate(DecoderSession d, int n) throws Exception {
    int[] ids = tokens(n, 1);
    float[] emb = d.embed(ids);
    try (DecoderState warm = d.newState()) {
      d.prefill(warm, emb, Math.min(n, 64), null);
    }
    try (DecoderState s = d.newState()) {
      long t0 = System.nanoTime();
      d.prefill(s, emb, n, null);
      return round(n / ((System.nanoTime() - t0) / 1e9));
    }
  }

  /** Fills the context to {@code ctx} tokens, then times {@code steps} single-token decodes. */
  static double decodeRate(DecoderSession d, int ctx, int steps) throws Exception {
    try (DecoderState s = d.newState()) {
      int fill = Math.min(ctx, d.capacity() - steps);
      int[] ids = tokens(fill, 2);
      d.prefill(s, d.embed(ids), fill, null);
      d.decode(s, 20, null);
      long t0 = System.nanoTime();
      for (int i = 0; i < steps - 1; i++) {
        d.decode(s, 21 + i, null);
      }
      return round((steps - 1) / ((System.nanoTime() - t0) / 1e9));
    }
  }

  private static double median(long[] t) {
    long[] s = t.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
