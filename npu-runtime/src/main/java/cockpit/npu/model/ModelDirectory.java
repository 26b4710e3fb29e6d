package cockpit.npu.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The model directory layout (DESIGN.md §4) and its two ends: {@link #generate} writes a
 * deterministic model ({@code config.json}, streamed {@code model.safetensors}, tokenizer files);
 * {@link #open} reads one back and checks every weight's shape against the config. ONNX graphs
 * live under {@code onnx/}; this class only names their paths (the graph builders write them).
 */
public final class ModelDirectory {
  public static final String CONFIG = "config.json";
  public static final String WEIGHTS = Safetensors.SINGLE_FILE;
  public static final String WEIGHTS_INDEX = Safetensors.INDEX_FILE;
  public static final String TOKENIZER = TokenizerFiles.TOKENIZER;
  public static final String TOKENIZER_CONFIG = TokenizerFiles.TOKENIZER_CONFIG;
  public static final String SPECIAL_TOKENS_MAP = TokenizerFiles.SPECIAL_TOKENS_MAP;
  public static final String GENERATION_CONFIG = TokenizerFiles.GENERATION_CONFIG;
  public static final String ONNX_DIR = "onnx";
  public static final String VISION_ENCODER_ONNX = "vision_encoder.onnx";
  public static final String DECODER_INTEROP_ONNX = "decoder_interop.onnx";
  public static final String DECODER_PREFILL_ONNX = "decoder_prefill.onnx";
  public static final String DECODER_DECODE_ONNX = "decoder_decode.onnx";
  /** External data shared by the prefill and decode graphs. */
  public static final String DECODER_DATA = "decoder.onnx.data";

  private static final int MAX_LISTED = 10;

  private ModelDirectory() {}

  public static Path onnx(Path dir, String file) {
    return dir.resolve(ONNX_DIR).resolve(file);
  }

  /** {@link #generate(ModelConfig, Path, ProgressListener)} for {@code profile.config(seed)}. */
  public static void generate(Profile profile, long seed, Path out, ProgressListener progress) throws IOException {
    generate(profile.config(seed), out, progress);
  }

  /**
   * Writes a model generated from {@code config} and its seed into {@code out} (created if needed;
   * files of the same names are replaced, other files such as stale {@code onnx/} graphs are left).
   * The weights stream to disk and appear under their final name only when complete. Stages
   * reported: {@code config}, {@code tokenizer} (0 or 1 of 1), {@code weights} (bytes).
   */
  public static void generate(ModelConfig config, Path out, ProgressListener progress) throws IOException {
    Files.createDirectories(out);
    progress.progress("config", 0, 1);
    ConfigJson.write(config, out.resolve(CONFIG));
    progress.progress("config", 1, 1);
    progress.progress("tokenizer", 0, 1);
    TokenizerFiles.write(config, out);
    progress.progress("tokenizer", 1, 1);
    Map<String, String> metadata = Map.of("format", "pt", "profile", config.profile(), "seed",
        Long.toString(config.seed()), "generator", "cockpit WeightGenerator");
    try (SafetensorsWriter w = new SafetensorsWriter(out.resolve(WEIGHTS), metadata)) {
      WeightGenerator.write(config, w, progress);
    }
  }

  /**
   * Opens {@code dir}: reads {@code config.json}, maps the weights ({@code model.safetensors} or a
   * sharded index) and checks that every tensor the config needs is there with its exact shape.
   *
   * @throws NoSuchFileException naming the missing path and how to generate a model
   * @throws IllegalArgumentException listing the missing or mis-shaped tensors (found vs. needed)
   */
  public static LoadedModel open(Path dir) throws IOException {
    Path config = dir.resolve(CONFIG);
    if (!Files.isRegularFile(config)) {
      throw missing(dir, config);
    }
    ModelConfig c = ConfigJson.read(config);
    if (!Files.isRegularFile(dir.resolve(WEIGHTS)) && !Files.isRegularFile(dir.resolve(WEIGHTS_INDEX))) {
      throw missing(dir, dir.resolve(WEIGHTS));
    }
    SafetensorsWeights w = Safetensors.openDirectory(dir);
    List<String> problems = check(c, w);
    if (!problems.isEmpty()) {
      w.close();
      int more = problems.size() - MAX_LISTED;
      throw new IllegalArgumentException(dir + ": the weights do not match " + CONFIG + " (profile " + c.profile()
          + "):\n  " + String.join("\n  ", problems.subList(0, Math.min(MAX_LISTED, problems.size())))
          + (more > 0 ? "\n  … and " + more + " more" : ""));
    }
    return new LoadedModel(dir, c, w);
  }

  /** Every tensor of {@code config} that {@code weights} lacks, mis-shapes or stores as non-float. */
  public static List<String> check(ModelConfig config, Weights weights) {
    List<String> problems = new ArrayList<>();
    for (TensorSpec s : WeightGenerator.specs(config)) {
      if (!weights.has(s.name())) {
        problems.add("missing weight " + s.name() + " (the config needs shape " + Arrays.toString(s.shape()) + ")");
        continue;
      }
      long[] found;
      String type;
      if (weights instanceof SafetensorsWeights st) {
        SafetensorsEntry e = st.entry(s.name()); // header only: no bf16 widening just to check
        found = e.shape();
        type = e.dtype() == SafetensorsDType.F32 || e.dtype().widensToFloat() ? null : e.dtype().name();
      } else {
        found = weights.get(s.name()).dims();
        cockpit.npu.onnx.DType t = weights.get(s.name()).type();
        type = t == cockpit.npu.onnx.DType.FLOAT ? null : t.name();
      }
      if (!Arrays.equals(found, s.shape())) {
        problems.add("weight " + s.name() + " has shape " + Arrays.toString(found) + " but the config needs "
            + Arrays.toString(s.shape()));
      } else if (type != null) {
        problems.add("weight " + s.name() + " is " + type + ", expected F32, F16 or BF16");
      }
    }
    return problems;
  }

  private static NoSuchFileException missing(Path dir, Path file) {
    return new NoSuchFileException(file.toString(), null, "no model at " + dir + ": " + file.getFileName()
        + " is missing; generate one with `cockpit model generate --profile tiny --out " + dir
        + "` (or --profile small/full)");
  }
}
