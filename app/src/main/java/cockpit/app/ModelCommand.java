package cockpit.app;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtSession;
import cockpit.npu.graph.DecoderExport;
import cockpit.npu.graph.ModelExport;
import cockpit.npu.graph.VisionGraph;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.Profile;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cockpit model generate|import|info|quantize|quant-report|npu-export|npu-check}: the model directory
 * of DESIGN.md §4 and its quantized and NPU variants.
 */
@Command(name = "model", description = {"Generate, import and inspect model directories.", "",
    "Example:", "  cockpit model generate --profile tiny --out models/tiny", "  cockpit help model generate"},
    subcommands = {HelpCommand.class, ModelCommand.Generate.class, ImportCommand.class, ModelCommand.Info.class,
        QuantCommand.Quantize.class, QuantCommand.Report.class, NpuCommand.Export.class, NpuCommand.Check.class,
        CostCommand.class})
final class ModelCommand {
  /** Generates a model from a profile and a seed, then builds its ONNX graphs. */
  @Command(name = "generate", description = {"Generate weights (profile + seed), tokenizer, config and ONNX graphs.",
      "", "Example:", "  cockpit model generate --profile small --seed 7 --out models/small-7"})
  static final class Generate implements Callable<Integer> {
    @Option(names = "--profile", defaultValue = "tiny", description = "tiny, mini, small or full (default tiny).")
    String profile;

    @Option(names = "--seed", defaultValue = "42", description = "Generation seed (default 42).")
    long seed;

    @Option(names = "--out", required = true, description = "Model directory to write.")
    Path out;

    @Option(names = "--chunk", defaultValue = "32", description = "Prefill chunk of the fixed-capacity graph.")
    int chunk;

    @Option(names = "--baseline", description = "The paper's baseline instead: all-attention decoder + ViT.")
    boolean baseline;

    @Override
    public Integer call() throws Exception {
      generate(Profile.parse(profile), seed, out, chunk, baseline);
      System.out.println("model written to " + out);
      return 0;
    }
  }

  static void generate(Profile p, long seed, Path out, int chunk, boolean baseline) throws IOException {
    ModelConfig cfg = baseline ? p.config(seed).baseline(p.vit()) : p.config(seed);
    ProgressBar bar = new ProgressBar(System.err);
    ModelDirectory.generate(cfg, out, bar);
    try (LoadedModel m = ModelDirectory.open(out)) {
      ModelExport.write(m, chunk, bar);
    }
    bar.done();
  }

  /** Prints parameters, bytes, graph I/O and per-session state of a model directory as JSON. */
  @Command(name = "info", description = {"Parameters, bytes, I/O signature, state bytes per session (JSON).", "",
      "Example:", "  cockpit model info ~/.cache/cockpit/models/tiny-seed42"})
  static final class Info implements Callable<Integer> {
    @Parameters(index = "0", description = "Model directory.")
    Path dir;

    @Override
    public Integer call() throws Exception {
      System.out.println(info(dir).encodePrettily());
      return 0;
    }
  }

  static JsonObject info(Path dir) throws Exception {
    try (LoadedModel m = ModelDirectory.open(dir); NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
      ModelConfig c = m.config();
      long text = 0;
      long vision = 0;
      long connector = 0;
      for (String n : m.weights().names()) {
        long e = m.weights().get(n).elements();
        if (n.startsWith("model.")) {
          text += e;
        } else if (n.startsWith("connector.")) {
          connector += e;
        } else {
          vision += e;
        }
      }
      JsonObject out = new JsonObject().put("dir", dir.toString()).put("profile", c.profile()).put("seed", c.seed())
          .put("parameters", new JsonObject().put("text", text).put("vision", vision).put("connector", connector)
              .put("total", text + vision + connector))
          .put("bytes", bytes(dir))
          .put("text", new JsonObject().put("hidden_size", c.text().hiddenSize())
              .put("layers", c.text().numHiddenLayers()).put("attention_layers", new JsonArray(c.text().attentionLayers()))
              .put("ffn_dim", c.text().ffnDim()).put("vocab_size", c.text().vocabSize()))
          .put("state_bytes_per_session", new JsonObject().put("context", c.contextLength())
              .put("this_model", c.text().stateBytes(c.contextLength()))
              .put("all_attention_same_size", c.text().allAttention().stateBytes(c.contextLength())));
      JsonObject graphs = new JsonObject();
      Path onnx = dir.resolve(ModelDirectory.ONNX_DIR);
      for (String f : new String[] {DecoderExport.PREFILL, DecoderExport.DECODE, DecoderExport.INTEROP,
          VisionGraph.FILE, VisionGraph.VIT_FILE}) {
        if (Files.isRegularFile(onnx.resolve(f))) {
          try (OrtSession s = rt.openSession(onnx.resolve(f))) {
            graphs.put(f, new JsonObject().put("inputs", signature(s.getInputInfo()))
                .put("outputs", signature(s.getOutputInfo())));
          }
        }
      }
      return out.put("graphs", graphs);
    }
  }

  private static JsonObject signature(Map<String, NodeInfo> info) {
    JsonObject o = new JsonObject();
    info.forEach((name, ni) -> o.put(name, ni.getInfo() instanceof ai.onnxruntime.TensorInfo t
        ? t.type + java.util.Arrays.toString(t.getShape()) : ni.getInfo().toString()));
    return o;
  }

  private static JsonObject bytes(Path dir) throws IOException {
    JsonObject o = new JsonObject();
    long total = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        long size = Files.size(p);
        total += size;
        o.put(dir.relativize(p).toString(), size);
      }
    }
    return o.put("total", total);
  }
}
