package cockpit.app;

import cockpit.npu.deploy.CostModel;
import cockpit.npu.deploy.NpuSpec;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cockpit model cost}: roofline TTFT and decode estimates on an NPU, beside the model card's figures. */
@Command(name = "cost", description = {"Estimate TTFT (one 512² / 768² image + prompt) and decode tok/s from graph FLOPs"
    + " and bytes moved on an NPU (SA8295P-class defaults; sources in NpuSpec), hybrid+MobileNet vs all-attention+ViT,"
    + " beside the AutoNeural model card's measured figures. Table, then JSON.", "",
    "Example:", "  cockpit model cost --profiles small,full --tops 30"})
final class CostCommand implements Callable<Integer> {
  @Option(names = "--profiles", defaultValue = "full", description = "Comma-separated (default full).")
  String profiles;

  @Option(names = "--tops", defaultValue = "30", description = "Peak int8 TOPS (default 30).")
  double tops;

  @Option(names = "--bandwidth-gbs", defaultValue = "67", description = "Memory bandwidth GB/s (default 67).")
  double bandwidth;

  @Option(names = "--a16-factor", defaultValue = "0.5", description = "MAC rate with 16-bit activations vs int8.")
  double a16;

  @Option(names = "--compute-efficiency", defaultValue = "0.3", description = "Fraction of peak compute reached.")
  double computeEff;

  @Option(names = "--bandwidth-efficiency", defaultValue = "0.5", description = "Fraction of peak bandwidth reached.")
  double bandwidthEff;

  @Option(names = "--prompt", defaultValue = "32", description = "Text tokens after the image (default 32).")
  int prompt;

  @Option(names = "--chunk", defaultValue = "32", description = "NPU prefill chunk (default 32).")
  int chunk;

  @Option(names = "--contexts", defaultValue = "512,4096", description = "Decode contexts (default 512,4096).")
  String contexts;

  @Override
  public Integer call() {
    NpuSpec npu = new NpuSpec("SA8295P-class (Hexagon V68)", tops, bandwidth, a16, computeEff, bandwidthEff);
    CostModel cm = new CostModel(npu, chunk);
    List<Integer> ctx = Arrays.stream(contexts.split(",")).map(String::trim).map(Integer::parseInt).toList();
    JsonObject out = new JsonObject().put("estimate", "npu-roofline").put("npu", JsonObject.mapFrom(npu))
        .put("assumptions", "weights int8 vision / int4+fp16 scales decoder read once per run; KV uint16; activations"
            + " on chip; prompt = 256 image tokens + " + prompt + " text tokens in chunks of " + chunk)
        .put("model_card", new JsonObject().put("source", "HF NexaAI/AutoNeural fcdf04d, arXiv 2512.02924 (anchors.md §3),"
            + " measured on SA8295P").put("autoneural", new JsonObject().put("ttft_ms_512", 100).put("decode_tok_s", 44)
            .put("max_image", 768).put("context", 4096)).put("internvl_2b_baseline", new JsonObject()
            .put("ttft_ms_512", 1400).put("decode_tok_s", 15).put("max_image", 448).put("context", 1024)));
    System.out.printf(Locale.ROOT, "%-26s %6s %10s %11s %9s %12s %s%n", "model", "image", "vision ms", "prefill ms",
        "TTFT ms", "decode tok/s", "(context)");
    for (String id : profiles.split(",")) {
      Profile p = Profile.parse(id.trim());
      JsonObject prof = new JsonObject();
      for (boolean baseline : new boolean[] {false, true}) {
        ModelConfig m = baseline ? p.config(1).baseline(p.vit()) : p.config(1);
        String name = p.id() + (baseline ? " all-attn + ViT" : " LFM2 + MobileNet");
        JsonArray rows = new JsonArray();
        for (int size : new int[] {512, 768}) {
          for (int c : ctx) {
            CostModel.Estimate e = cm.estimate(m, size, prompt, c);
            System.out.printf(Locale.ROOT, "%-26s %6d %10.1f %11.1f %9.1f %12.1f (%d)%n", name, size, e.visionMs(),
                e.prefillMs(), e.ttftMs(), e.decodeTokS(), c);
            rows.add(JsonObject.mapFrom(e).put("image_size", size).put("context", c));
          }
        }
        prof.put(baseline ? "all_attention_vit" : "hybrid_mobilenet", rows);
      }
      out.put(p.id(), prof);
    }
    System.out.println("model card (measured, SA8295P): AutoNeural TTFT ~100 ms (512²), ~44 tok/s;"
        + " InternVL 2B baseline ~1.4 s, ~15 tok/s");
    System.out.println();
    System.out.println(out.encodePrettily());
    return 0;
  }
}
