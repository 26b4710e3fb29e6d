package cockpit.npu.deploy;

import cockpit.npu.graph.DecoderGraph;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.onnx.ExternalData;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.onnx.proto.NodeProto;
import cockpit.npu.quant.Calibration;
import cockpit.npu.quant.CalibrationImages;
import cockpit.npu.quant.QdqQuantizer;
import cockpit.npu.quant.QuantType;
import cockpit.npu.quant.W8A16Vision;
import cockpit.npu.runtime.NpuRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The static-shape NPU export into {@code onnx/npu/}: {@code decoder_prefill.onnx} (chunk K) and
 * {@code decoder_decode.onnx} (one token) — {@link DecoderGraph#npu} with the KV cache at a fixed
 * capacity (default 4096), QDQ everywhere: int4 symmetric per-channel weights (the NPU's W4 form;
 * the CPU keeps MatMulNBits), uint16 activations calibrated by running the float graph on seeded
 * token sequences; the past KV/conv inputs share the ranges of the rows they are copied from — and
 * {@code vision_encoder.onnx}, the W8A16 encoder pinned to batch 1 with its exact GELU fused to
 * {@code Gelu} ({@link GeluFusion}). Every file is checked by
 * {@link CompatibilityChecker}.
 */
public final class NpuExport {
  public static final String DIR = "npu";
  public static final String PREFILL = "decoder_prefill.onnx";
  public static final String DECODE = "decoder_decode.onnx";
  public static final String VISION = "vision_encoder.onnx";

  /** What was written and what the checker says about each file. */
  public record Result(Path dir, Map<String, CompatibilityReport> reports) {}

  private NpuExport() {}

  public static Result write(NpuRuntime rt, LoadedModel m, int chunk, int capacity, Path work) throws Exception {
    ModelConfig cfg = m.config();
    Path out = m.dir().resolve(cockpit.npu.model.ModelDirectory.ONNX_DIR).resolve(DIR);
    Files.createDirectories(out);
    Map<String, String> meta = Map.of("profile", cfg.profile(), "seed", Long.toString(cfg.seed()), "variant",
        "npu-w4a16-qdq", "context_length", Integer.toString(capacity), "prefill_chunk", Integer.toString(chunk));
    float[] embeds = calibrationEmbeds(m, 2 * chunk);
    try (ExternalData data = new ExternalData(out.resolve("decoder.onnx.data"))) {
      ModelWriter.write(decoder(rt, m, chunk, capacity, embeds, work), out.resolve(PREFILL), data, meta);
      ModelWriter.write(decoder(rt, m, 1, capacity, embeds, work), out.resolve(DECODE), data, meta);
    }
    if (cfg.hasVision()) {
      int s = cfg.vision().imageSize();
      GraphBuilder f = cockpit.npu.graph.VisionGraph.build(cfg, m.weights());
      GeluFusion.apply(f); // Erf is not on the HTP list; Gelu is
      W8A16Vision v = W8A16Vision.build(rt, cfg, f, CalibrationImages.seeded(8, s, 1), QdqQuantizer.Options.w8a16(),
          work);
      v.quantized().pinDims(Map.of("batch", 1L, "tokens", (long) cfg.vision().tokens()));
      try (ExternalData data = new ExternalData(out.resolve(VISION + ".data"))) {
        ModelWriter.write(v.quantized(), out.resolve(VISION), data, Map.of("variant", "npu-w8a16-qdq"));
      }
    }
    Map<String, CompatibilityReport> reports = new LinkedHashMap<>();
    CompatibilityChecker checker = CompatibilityChecker.htp();
    for (String f : List.of(PREFILL, DECODE, VISION)) {
      if (Files.isRegularFile(out.resolve(f))) {
        reports.put(f, checker.check(out.resolve(f)));
      }
    }
    return new Result(out, reports);
  }

  /** The float NPU graph, calibrated over {@code embeds} in chunks, quantized to W4A16 QDQ. */
  static GraphBuilder decoder(NpuRuntime rt, LoadedModel m, int chunk, int capacity, float[] embeds, Path work)
      throws Exception {
    return decoder(rt, m, chunk, capacity, embeds, work, QuantType.INT4);
  }

  /** {@link #decoder} with another weight type (INT8 gives the W8A16 form, a check of the QDQ path). */
  static GraphBuilder decoder(NpuRuntime rt, LoadedModel m, int chunk, int capacity, float[] embeds, Path work,
      QuantType weights) throws Exception {
    var text = m.config().text();
    GraphBuilder g = DecoderGraph.npu(text, m.weights(), chunk, capacity);
    List<String> acts = QdqQuantizer.activations(g);
    Map<String, Calibration> ranges = new LinkedHashMap<>();
    int h = text.hiddenSize();
    int tokens = embeds.length / h;
    try (NpuDecoderRunner r = NpuDecoderRunner.exposing(rt, g, acts, text, chunk, capacity, work)) {
      for (int t = 0; t + chunk <= tokens && r.filled() + chunk <= capacity; t += chunk) {
        r.run(java.util.Arrays.copyOfRange(embeds, t * h, (t + chunk) * h), chunk);
        r.activations().forEach((n, v) -> ranges.computeIfAbsent(n, k -> new Calibration()).add(v));
      }
    }
    // The cache inputs hold rows the graph itself produced: give them those rows' ranges.
    for (var in : g.inputs()) {
      String n = in.getName();
      String out = n.startsWith("past_key_values.") ? n.replace("past_key_values.", "present.")
          : n.startsWith("past_conv.") ? n.replace("past_conv.", "present_conv.") : null;
      if (out != null) {
        ranges.put(n, ranges.get(source(g, out, ranges)));
      }
    }
    GraphBuilder q = g.copy(g.name() + "_qdq");
    QdqQuantizer.quantize(q, ranges, new QdqQuantizer.Options(QuantType.UINT16, weights,
        Calibration.Method.MINMAX));
    return q;
  }

  /** Walks back from {@code name} through data-movement nodes to a tensor that has a range. */
  private static String source(GraphBuilder g, String name, Map<String, Calibration> ranges) {
    String cur = name;
    while (!ranges.containsKey(cur)) {
      String c = cur;
      NodeProto p = g.nodes().stream().filter(n -> n.getOutputList().contains(c)).findFirst().orElseThrow(
          () -> new IllegalStateException("no calibrated source for " + name));
      cur = p.getInput(0);
    }
    return cur;
  }

  private static int[] calibrationTokens(ModelConfig cfg, int n) {
    SplittableRandom r = new SplittableRandom(17);
    int[] t = new int[n];
    int bound = Math.min(cfg.text().vocabSize(), 270);
    for (int i = 0; i < n; i++) {
      t[i] = 14 + r.nextInt(bound - 14);
    }
    return t;
  }

  /** Embeddings [n, H] of {@code n} seeded calibration tokens. */
  static float[] calibrationEmbeds(LoadedModel m, int n) {
    return embed(m, calibrationTokens(m.config(), n));
  }

  private static float[] embed(LoadedModel m, int[] ids) {
    int h = m.config().text().hiddenSize();
    float[] all = new float[ids.length * h];
    var table = m.weights().get("model.embed_tokens.weight").bytes().order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer();
    for (int i = 0; i < ids.length; i++) {
      table.get(ids[i] * h, all, i * h, h);
    }
    return all;
  }
}
