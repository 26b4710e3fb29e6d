package cockpit.app.bench;

import cockpit.npu.graph.DecoderExport;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.quant.W4A16Decoder;
import cockpit.npu.runtime.DecoderSession;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Issue #7's CPU benchmark: decode tok/s, prefill tok/s and decoder weight bytes, W4A16
 * (MatMulNBits, at accuracy levels 0 and 4) vs float, for the LFM2 hybrid of each profile. The
 * W4A16 graphs are written beside the cached float model on first use.
 */
public final class QuantBenchmark {
  private final List<Profile> profiles;
  private final ModelBenchmark models;
  private final List<Integer> contexts;

  public QuantBenchmark(List<Profile> profiles, Path cache, List<Integer> contexts, ProgressListener progress) {
    this.profiles = profiles;
    this.contexts = contexts;
    this.models = new ModelBenchmark(profiles, cache, contexts, progress);
  }

  public JsonObject run() throws Exception {
    JsonObject out = new JsonObject().put("benchmark", "quant").put("machine", Machine.describe())
        .put("provider", "cpu").put("note", "random weights; timings and bytes only (see quant-report for error)");
    try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
      for (Profile p : profiles) {
        Path dir = models.model(p, false);
        JsonObject side = new JsonObject();
        try (LoadedModel m = ModelDirectory.open(dir)) {
          Path onnx = dir.resolve(ModelDirectory.ONNX_DIR);
          side.put("float", measure(rt, m, onnx, ModelVariant.FLOAT));
          for (int level : new int[] {0, 4}) {
            W4A16Decoder.write(m.config(), m.weights(), onnx, DecoderExport.DEFAULT_CHUNK,
                new W4A16Decoder.Options(32, level, true));
            side.put("w4a16_accuracy_level_" + level, measure(rt, m, onnx, ModelVariant.W4A16));
          }
        }
        out.put(p.id(), side);
      }
    }
    return out;
  }

  private JsonObject measure(NpuRuntime rt, LoadedModel m, Path onnx, ModelVariant v) throws Exception {
    JsonObject r = new JsonObject().put("decoder_weight_bytes", Files.size(onnx.resolve(v.dataFile())))
        .put("decoder_graph_bytes", Files.size(onnx.resolve(v.decodeFile())) + Files.size(onnx.resolve(
            v.prefillFile())));
    try (DecoderSession d = DecoderSession.open(rt, m.config().text(), m.weights(), onnx, v)) {
      r.put("prefill_tok_s", ModelBenchmark.prefillRate(d, 256));
      JsonArray decode = new JsonArray();
      for (int ctx : contexts) {
        decode.add(new JsonObject().put("context", ctx).put("decode_tok_s", ModelBenchmark.decodeRate(d, ctx, 24)));
      }
      r.put("decode", decode);
    }
    return r;
  }
}
