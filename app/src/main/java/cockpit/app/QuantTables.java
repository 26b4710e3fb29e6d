package cockpit.app;

import cockpit.npu.quant.ErrorStats;
import cockpit.npu.quant.QuantReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** Table and JSON forms of {@link QuantReport} results, beside the paper's figures. */
final class QuantTables {
  static final String NOTE = "Weights are random (untrained, seeded). Quantization error of an untrained network says"
      + " how the graph and quantizer behave on these weight/activation statistics, not how a trained AutoNeural"
      + " checkpoint degrades: trained weights and activations have different ranges and outliers, and an untrained"
      + " decoder amplifies weight noise layer after layer, so its logit SQNR and token agreement are pessimistic"
      + " and its generated tokens are meaningless. Compare encoders with each other (same quantizer, same images),"
      + " not with the paper's absolute numbers.";

  private QuantTables() {}

  static JsonObject paper() {
    return new JsonObject().put("source", "arXiv 2512.02924 / HF NexaAI/AutoNeural (anchors.md §3), SA8295P, W8A16")
        .put("mobilenet_sqnr_db", 45).put("vit_sqnr_db", 28).put("mobilenet_rms_error_percent", 0.562)
        .put("vit_rms_error_percent", 3.98);
  }

  static String table(String profile, QuantReport.VisionResult mobile, QuantReport.VisionResult vit,
      QuantReport.DecoderResult dec) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "profile %s — W8A16 vision encoder vs float (%d calibration, %d held-out"
        + " seeded images)%n", profile, mobile.calibration(), mobile.eval()));
    b.append(String.format(Locale.ROOT, "%-28s %14s %14s %14s %14s%n", "", "ours MobileNet", "ours ViT",
        "paper CNN", "paper ViT"));
    b.append(String.format(Locale.ROOT, "%-28s %14.2f %14.2f %14s %14s%n", "end-to-end SQNR (dB)",
        mobile.endToEnd().sqnrDb(), vit.endToEnd().sqnrDb(), "45", "28"));
    b.append(String.format(Locale.ROOT, "%-28s %14.3f %14.3f %14s %14s%n", "end-to-end RMS error (%)",
        mobile.endToEnd().rmsErrorPercent(), vit.endToEnd().rmsErrorPercent(), "0.562", "3.98"));
    b.append(String.format(Locale.ROOT, "%-28s %14d %14d%n", "layers (Conv/MatMul outputs)", mobile.layers().size(),
        vit.layers().size()));
    b.append(String.format(Locale.ROOT, "%-28s %14.2f %14.2f%n", "per-layer SQNR min (dB)", min(mobile), min(vit)));
    b.append(String.format(Locale.ROOT, "%-28s %14.2f %14.2f%n", "per-layer SQNR median (dB)", median(mobile),
        median(vit)));
    b.append(String.format(Locale.ROOT, "%nW4A16 decoder (MatMulNBits 4-bit, block 32, symmetric, accuracy level 0;"
        + " lm_head 4-bit; embeddings fp32)%n"));
    b.append(String.format(Locale.ROOT, "%-40s %10.2f%n", "logits SQNR, teacher-forced (dB)", dec.logits().sqnrDb()));
    b.append(String.format(Locale.ROOT, "%-40s %10.2f%n", "logits RMS error (%)", dec.logits().rmsErrorPercent()));
    b.append(String.format(Locale.ROOT, "%-40s %9.1f%%%n", "greedy tokens equal, position-wise",
        100 * dec.tokenAgreement()));
    b.append(String.format(Locale.ROOT, "%-40s %7d/%d%n", "greedy sequences identical", dec.identicalSequences(),
        dec.prompts()));
    double[] w = dec.weights().values().stream().mapToDouble(ErrorStats::sqnrDb).sorted().toArray();
    b.append(String.format(Locale.ROOT, "%-40s %10.2f / %.2f%n", "weight SQNR min / median (dB)", w[0],
        w[w.length / 2]));
    b.append(String.format(Locale.ROOT, "%-40s %10.1f / %.1f%n", "decoder weights MB, float / w4a16",
        dec.floatBytes() / 1e6, dec.w4Bytes() / 1e6));
    b.append(System.lineSeparator()).append("Note: ").append(NOTE).append(System.lineSeparator());
    return b.toString();
  }

  static JsonObject json(QuantReport.VisionResult mobile, QuantReport.VisionResult vit, QuantReport.DecoderResult d) {
    JsonObject weights = new JsonObject();
    d.weights().forEach((n, s) -> weights.put(n, round(s.sqnrDb())));
    return new JsonObject().put("vision", new JsonObject().put("mobilenetv5", vision(mobile)).put("vit", vision(vit)))
        .put("decoder_w4a16", new JsonObject().put("logits", stats(d.logits())).put("prompts", d.prompts())
            .put("steps", d.steps()).put("greedy_token_agreement", round(d.tokenAgreement()))
            .put("greedy_sequences_identical", d.identicalSequences()).put("weight_sqnr_db", weights)
            .put("float_weight_bytes", d.floatBytes()).put("w4a16_weight_bytes", d.w4Bytes()));
  }

  private static JsonObject vision(QuantReport.VisionResult v) {
    JsonArray layers = new JsonArray();
    v.layers().forEach(l -> layers.add(new JsonObject().put("tensor", l.tensor()).put("op", l.op())
        .put("sqnr_db", round(l.stats().sqnrDb())).put("rms_error_percent", round(l.stats().rmsErrorPercent()))));
    return new JsonObject().put("image_size", v.imageSize()).put("calibration_images", v.calibration())
        .put("eval_images", v.eval()).put("end_to_end", stats(v.endToEnd())).put("layers", layers);
  }

  private static JsonObject stats(ErrorStats s) {
    return new JsonObject().put("sqnr_db", round(s.sqnrDb())).put("rms_error_percent", round(s.rmsErrorPercent()))
        .put("max_abs_error", round(s.maxAbsError()));
  }

  private static double[] sorted(QuantReport.VisionResult v) {
    List<QuantReport.LayerError> l = v.layers();
    return l.stream().mapToDouble(e -> e.stats().sqnrDb()).sorted().toArray();
  }

  private static double min(QuantReport.VisionResult v) {
    double[] s = sorted(v);
    return s.length == 0 ? Double.NaN : s[0];
  }

  private static double median(QuantReport.VisionResult v) {
    double[] s = sorted(v);
    return s.length == 0 ? Double.NaN : s[s.length / 2];
  }

  private static double round(double v) {
    return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : v;
  }
}
