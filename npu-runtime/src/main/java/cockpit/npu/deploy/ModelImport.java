package cockpit.npu.deploy;

import cockpit.npu.graph.DecoderExport;
import cockpit.npu.graph.ModelExport;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.quant.W4A16Decoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Imports a Hugging Face LFM2 directory ({@code config.json}, safetensors — one file or a sharded index,
 * bf16/fp16/fp32 — and the fast tokenizer's files) into a complete model directory with every ONNX graph
 * (DESIGN.md §4), optionally with the W4A16 decoder beside the float one. With {@code out} equal to the
 * source the graphs are written into it in place; otherwise the source files are copied first and the
 * source is never written.
 *
 * <p>Every problem a user can fix is an {@link ImportException} naming the file and what to do, found
 * before anything is written where possible. Runs on the caller's thread; stateless; never prints.
 * Stages reported: {@code copy} (bytes), {@code onnx} (graphs), {@code w4a16} (0 or 1 of 1).
 */
public final class ModelImport {
  /** Tokenizer files copied when present; {@code tokenizer.json} itself is required. */
  static final List<String> TOKENIZER_EXTRAS = List.of(ModelDirectory.TOKENIZER_CONFIG,
      ModelDirectory.SPECIAL_TOKENS_MAP, ModelDirectory.GENERATION_CONFIG, "chat_template.jinja");

  private ModelImport() {}

  /**
   * What to import and where.
   *
   * @param source the Hugging Face directory
   * @param out the model directory to write: the source itself, or a missing or empty directory
   * @param quantize {@link ModelVariant#W4A16} also writes the 4-bit decoder graphs
   * @param chunk the prefill chunk of the fixed-capacity graphs
   */
  public record Options(Path source, Path out, ModelVariant quantize, int chunk) {
    public Options {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(quantize, "quantize");
      if (chunk <= 0) {
        throw new IllegalArgumentException("chunk must be positive, got " + chunk);
      }
    }

    /** Graphs written into {@code source} itself, float only, the default chunk. */
    public static Options inPlace(Path source) {
      return new Options(source, source, ModelVariant.FLOAT, DecoderExport.DEFAULT_CHUNK);
    }

    boolean inPlace() {
      return source.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize());
    }
  }

  /** A source directory the import cannot use; the message says which file and what to do. */
  public static final class ImportException extends IOException {
    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
      super(message);
    }
  }

  /**
   * Runs the import and returns the config of the model written to {@code options.out()}.
   *
   * @throws ImportException for a missing or unsupported piece of the source, or an unusable {@code out}
   * @throws IOException if reading or writing fails
   */
  public static ModelConfig run(Options options, ProgressListener progress) throws IOException {
    List<Path> files = ImportSource.check(options.source());
    if (!options.inPlace()) {
      requireEmpty(options.out());
      open(options.source()).close(); // every weight's name, shape and dtype checked before anything is copied
      ImportSource.copy(options.source(), files, options.out(), progress);
    }
    try (LoadedModel m = open(options.out())) {
      ModelExport.write(m, options.chunk(), progress);
      if (options.quantize() == ModelVariant.W4A16) {
        progress.progress("w4a16", 0, 1);
        W4A16Decoder.write(m.config(), m.weights(), options.out().resolve(ModelDirectory.ONNX_DIR), options.chunk(),
            W4A16Decoder.Options.defaults());
        progress.progress("w4a16", 1, 1);
      }
      return m.config();
    }
  }

  private static LoadedModel open(Path dir) throws IOException {
    try {
      return ModelDirectory.open(dir);
    } catch (IllegalArgumentException e) {
      throw new ImportException(e.getMessage());
    }
  }

  private static void requireEmpty(Path out) throws IOException {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new ImportException("--out " + out + " is a file; name a new directory");
    }
    if (Files.isDirectory(out)) {
      try (var entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new ImportException("--out " + out + " is not empty; name a new directory, or leave --out away to"
              + " write the graphs into the source directory");
        }
      }
    }
  }
}
