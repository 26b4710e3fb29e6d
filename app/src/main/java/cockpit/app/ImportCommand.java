package cockpit.app;

import cockpit.lm.text.Tokenizer;
import cockpit.npu.deploy.ModelImport;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.ModelVariant;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cockpit model import SRC [--out DIR] [--quantize w4a16]}: a Hugging Face LFM2 directory (config.json,
 * safetensors one file or sharded, bf16/fp16/fp32, tokenizer files) becomes a model directory with every ONNX
 * graph ({@link ModelImport}), ready for {@code cockpit run --set model.dir=DIR}. Progress on stderr, the
 * result on stdout; a missing or unsupported piece is one line naming the file and the fix (exit 2).
 */
@Command(name = "import", description = {"Import a Hugging Face LFM2 directory (config.json, model.safetensors or"
    + " its shards, bf16/fp16/fp32, tokenizer.json) and build every ONNX graph; optionally the W4A16 decoder too.",
    "Without --out the graphs are written into SRC.", "",
    "Example:", "  cockpit model import ~/hf/LFM2-350M --out models/lfm2-350m --quantize w4a16",
    "  cockpit run --set model.dir=models/lfm2-350m --set model.variant=w4a16"})
final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SRC", description = "Hugging Face model directory.")
  Path source;

  @Option(names = "--out", paramLabel = "DIR", description = "New model directory to write (default: SRC itself).")
  Path out;

  @Option(names = "--quantize", paramLabel = "w4a16", description = "Also write the W4A16 (MatMulNBits 4-bit)"
      + " decoder graphs, used with model.variant=w4a16.")
  String quantize;

  @Option(names = "--chunk", defaultValue = "32", description = "Prefill chunk of the fixed-capacity graphs"
      + " (default 32).")
  int chunk;

  @Override
  public Integer call() throws Exception {
    ModelVariant q = quantize();
    if (chunk <= 0) {
      throw new CockpitConfig.ConfigException("--chunk must be positive, got " + chunk);
    }
    Path dest = out == null ? source : out;
    System.err.println("cockpit: importing " + source + (out == null ? " (graphs written into it)" : " into " + out));
    ProgressBar bar = new ProgressBar(System.err);
    ModelConfig c;
    try {
      c = ModelImport.run(new ModelImport.Options(source, dest, q, chunk), bar);
    } catch (ModelImport.ImportException e) {
      bar.done();
      throw new CockpitConfig.ConfigException("model import: " + e.getMessage());
    }
    bar.done();
    try (Tokenizer t = Tokenizer.load(dest)) {
      if (t.vocabSize() > c.text().vocabSize()) {
        throw new CockpitConfig.ConfigException("model import: tokenizer.json has " + t.vocabSize() + " tokens but"
            + " config.json's vocab_size is " + c.text().vocabSize() + "; the two files are from different models");
      }
    }
    System.out.println("model imported to " + dest + ": " + c.text().numHiddenLayers() + " layers ("
        + c.text().attentionLayers().size() + " attention), hidden " + c.text().hiddenSize() + ", vocab "
        + c.text().vocabSize() + ", context " + c.contextLength() + (q == ModelVariant.W4A16 ? ", w4a16 decoder" : ""));
    System.out.println("run it with: cockpit run --set model.dir=" + dest
        + (q == ModelVariant.W4A16 ? " --set model.variant=w4a16" : ""));
    return 0;
  }

  private ModelVariant quantize() {
    if (quantize == null) {
      return ModelVariant.FLOAT;
    }
    if (!quantize.trim().equalsIgnoreCase(ModelVariant.W4A16.id())) {
      throw new CockpitConfig.ConfigException("--quantize: unknown scheme '" + quantize + "'; the import writes"
          + " w4a16 (4-bit decoder weights); for the W8A16 encoders run `cockpit model quantize DIR` afterwards");
    }
    return ModelVariant.W4A16;
  }
}
