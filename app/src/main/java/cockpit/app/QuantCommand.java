package cockpit.app;

import cockpit.app.bench.ModelBenchmark;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.Profile;
import cockpit.npu.quant.Calibration;
import cockpit.npu.quant.CalibrationImages;
import cockpit.npu.quant.QdqQuantizer;
import cockpit.npu.quant.QuantReport;
import cockpit.npu.quant.QuantType;
import cockpit.npu.quant.W4A16Decoder;
import cockpit.npu.quant.W8A16Vision;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cockpit model quantize} and {@code cockpit model quant-report} (issue #7). */
final class QuantCommand {
  private QuantCommand() {}

  /** Writes the W4A16 decoder and the W8A16 vision encoder beside a model's float graphs. */
  @Command(name = "quantize", description = {"Write onnx/decoder_{prefill,decode}_w4a16.onnx (MatMulNBits 4-bit) and"
      + " onnx/vision_encoder[_vit]_w8a16.onnx (QDQ int8 per-channel weights, 16-bit activations) beside the float"
      + " graphs.", "",
      "Example:", "  cockpit model quantize ~/.cache/cockpit/models/tiny-seed42"})
  static final class Quantize implements Callable<Integer> {
    @Parameters(index = "0", description = "Model directory.")
    Path dir;

    @Option(names = "--block-size", defaultValue = "32", description = "MatMulNBits block along K: 32 or 64.")
    int blockSize;

    @Option(names = "--accuracy-level", defaultValue = "0", description = "MatMulNBits accuracy_level: 0 (fp32 compute)"
        + " or 4 (int8 activations in the kernel).")
    int accuracyLevel;

    @Option(names = "--lm-head", defaultValue = "int4", description = "Tied lm_head: int4 or float.")
    String lmHead;

    @Option(names = "--calibration", defaultValue = "32", description = "Seeded calibration images for the encoder (default 32).")
    int calibration;

    @Option(names = "--method", defaultValue = "minmax", description = "Activation calibration: minmax, percentile, mse.")
    String method;

    @Option(names = "--activations", defaultValue = "uint16", description = "Encoder activation type: uint16, int16,"
        + " uint8.")
    String activations;

    @Override
    public Integer call() throws Exception {
      if (!lmHead.equals("int4") && !lmHead.equals("float")) {
        throw new IllegalArgumentException("--lm-head must be int4 or float, got " + lmHead);
      }
      var opts = new W4A16Decoder.Options(blockSize, accuracyLevel, lmHead.equals("int4"));
      var qdq = new QdqQuantizer.Options(QuantType.parse(activations), QuantType.INT8, Calibration.Method.parse(method));
      Path onnx = dir.resolve(ModelDirectory.ONNX_DIR);
      try (LoadedModel m = ModelDirectory.open(dir); NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
        W4A16Decoder.write(m.config(), m.weights(), onnx, cockpit.npu.graph.DecoderExport.DEFAULT_CHUNK, opts);
        System.out.println("wrote " + onnx.resolve(cockpit.npu.model.ModelVariant.W4A16.prefillFile()) + " and "
            + cockpit.npu.model.ModelVariant.W4A16.decodeFile());
        if (m.config().hasVision()) {
          Path work = Files.createTempDirectory("cockpit-quant");
          try {
            W8A16Vision v = W8A16Vision.build(rt, m.config(), m.weights(), CalibrationImages.seeded(calibration,
                m.config().vision().imageSize(), 1), qdq, work);
            System.out.println("wrote " + v.write(m.config(), onnx));
          } finally {
            deleteTree(work);
          }
        }
      }
      return 0;
    }
  }

  /** Float-vs-quantized report: MobileNet vs ViT (W8A16) side by side, W4A16 decoder logits and tokens. */
  @Command(name = "quant-report", description = {"SQNR and RMS error per layer and end to end, W8A16 MobileNetV5-style"
      + " encoder vs W8A16 ViT of the same profile (the paper's table), W4A16 decoder logits and greedy-token"
      + " agreement. Prints a table, then JSON.", "",
      "Example:", "  cockpit model quant-report --profiles tiny --calibration 8"})
  static final class Report implements Callable<Integer> {
    @Option(names = "--profiles", defaultValue = "tiny", description = "Comma-separated (default tiny).")
    String profiles;

    @Option(names = "--calibration", defaultValue = "32", description = "Calibration images (default 32).")
    int calibration;

    @Option(names = "--eval", defaultValue = "4", description = "Held-out evaluation images (default 4).")
    int eval;

    @Option(names = "--prompts", defaultValue = "4", description = "Decoder prompts (default 4).")
    int prompts;

    @Option(names = "--steps", defaultValue = "16", description = "Generated tokens per prompt (default 16).")
    int steps;

    @Option(names = "--method", defaultValue = "minmax", description = "Activation calibration: minmax, percentile, mse.")
    String method;

    @Mixin
    ModelCache cache;

    @Override
    public Integer call() throws Exception {
      List<Profile> ps = ModelCache.profiles(profiles);
      Path c = cache.dir();
      ProgressBar bar = new ProgressBar(System.err);
      ModelBenchmark models = new ModelBenchmark(ps, c, List.of(), bar);
      var qdq = new QdqQuantizer.Options(QuantType.UINT16, QuantType.INT8, Calibration.Method.parse(method));
      JsonObject out = new JsonObject().put("report", "quant").put("machine", cockpit.app.bench.Machine.describe())
          .put("note", QuantTables.NOTE).put("paper", QuantTables.paper());
      Path work = Files.createTempDirectory("cockpit-quant-report");
      try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
        for (Profile p : ps) {
          QuantReport.VisionResult mobile;
          QuantReport.VisionResult vit;
          QuantReport.DecoderResult dec;
          try (LoadedModel m = ModelDirectory.open(models.model(p, false))) {
            mobile = QuantReport.vision(rt, m, calibration, eval, qdq, work);
            dec = QuantReport.decoder(rt, m, prompts, steps, W4A16Decoder.Options.defaults(), work);
          }
          try (LoadedModel m = ModelDirectory.open(models.model(p, true))) {
            vit = QuantReport.vision(rt, m, calibration, eval, qdq, work);
          }
          bar.done();
          System.out.println(QuantTables.table(p.id(), mobile, vit, dec));
          out.put(p.id(), QuantTables.json(mobile, vit, dec));
        }
      } finally {
        deleteTree(work);
      }
      System.out.println(out.encodePrettily());
      return 0;
    }
  }

  static void deleteTree(Path root) throws java.io.IOException {
    try (var files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
