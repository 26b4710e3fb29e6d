package cockpit.npu.deploy;

import cockpit.npu.deploy.ModelImport.ImportException;
import cockpit.npu.model.ConfigJson;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ProgressListener;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The source side of {@link ModelImport}: which files of a Hugging Face directory make a model, checked
 * before anything is written, and their copy with byte progress. Stateless; the caller's thread.
 */
final class ImportSource {
  /** Copy granularity: progress at least every this many bytes of a multi-gigabyte shard. */
  private static final long PIECE = 64L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ImportSource() {}

  /** The files to import (relative to {@code source}), or an {@link ImportException} for what is missing. */
  static List<Path> check(Path source) throws IOException {
    if (!Files.isDirectory(source)) {
      throw new ImportException(source + (Files.exists(source) ? " is a file" : " does not exist")
          + "; name a Hugging Face model directory (config.json, model.safetensors or its shards, tokenizer.json)");
    }
    List<Path> files = new ArrayList<>();
    files.add(require(source, ModelDirectory.CONFIG, "the model's Hugging Face config"));
    try {
      ConfigJson.read(source.resolve(ModelDirectory.CONFIG));
    } catch (IOException | IllegalArgumentException e) {
      throw new ImportException(e.getMessage() + " (supported: Hugging Face LFM2 text models, model_type \"lfm2\","
          + " and this project's \"autoneural\" directories)");
    }
    files.addAll(weights(source));
    files.add(require(source, ModelDirectory.TOKENIZER, "the fast tokenizer; copy it from the model's repository"));
    for (String extra : ModelImport.TOKENIZER_EXTRAS) {
      if (Files.isRegularFile(source.resolve(extra))) {
        files.add(Path.of(extra));
      }
    }
    return files;
  }

  /** {@code model.safetensors}, or the index and every shard it names. */
  private static List<Path> weights(Path source) throws IOException {
    if (Files.isRegularFile(source.resolve(ModelDirectory.WEIGHTS))) {
      return List.of(Path.of(ModelDirectory.WEIGHTS));
    }
    Path index = source.resolve(ModelDirectory.WEIGHTS_INDEX);
    if (!Files.isRegularFile(index)) {
      throw new ImportException(source + " has no " + ModelDirectory.WEIGHTS + " and no " + ModelDirectory.WEIGHTS_INDEX
          + (hasPickles(source) ? "; PyTorch .bin/.pt weights are not supported: save them as safetensors"
              + " (transformers: model.save_pretrained(dir, safe_serialization=True))" : ""));
    }
    JsonNode map;
    try {
      map = JSON.readTree(index.toFile()).get("weight_map");
    } catch (IOException e) {
      throw new ImportException(index + " is not valid JSON: " + e.getMessage());
    }
    if (map == null || !map.isObject() || map.isEmpty()) {
      throw new ImportException(index + " has no \"weight_map\"");
    }
    Set<String> shards = new LinkedHashSet<>();
    map.properties().forEach(e -> shards.add(e.getValue().asText("")));
    List<Path> out = new ArrayList<>(List.of(Path.of(ModelDirectory.WEIGHTS_INDEX)));
    for (String s : shards) {
      Path p = Path.of(s);
      if (s.isEmpty() || p.getNameCount() != 1 || p.isAbsolute()) {
        throw new ImportException(index + " names shard '" + s + "'; shards must be plain file names beside it");
      }
      out.add(require(source, s, "a shard listed in " + ModelDirectory.WEIGHTS_INDEX + "; the download is incomplete"));
    }
    return out;
  }

  private static boolean hasPickles(Path source) throws IOException {
    try (Stream<Path> s = Files.list(source)) {
      return s.map(p -> p.getFileName().toString()).anyMatch(n -> n.endsWith(".bin") || n.endsWith(".pt"));
    }
  }

  private static Path require(Path source, String name, String what) throws ImportException {
    if (!Files.isRegularFile(source.resolve(name))) {
      throw new ImportException(source + " has no " + name + " (" + what + ")");
    }
    return Path.of(name);
  }

  /** Copies {@code files} from {@code source} into {@code out}, reporting stage {@code copy} in bytes. */
  static void copy(Path source, List<Path> files, Path out, ProgressListener progress) throws IOException {
    long total = 0;
    for (Path f : files) {
      total += Files.size(source.resolve(f));
    }
    Files.createDirectories(out);
    long done = 0;
    progress.progress("copy", 0, total);
    for (Path f : files) {
      try (FileChannel in = FileChannel.open(source.resolve(f));
          FileChannel to = FileChannel.open(out.resolve(f), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        long size = in.size();
        for (long pos = 0; pos < size; ) {
          pos += in.transferTo(pos, Math.min(PIECE, size - pos), to);
          progress.progress("copy", done + pos, total);
        }
        done += size;
      }
    }
    progress.progress("copy", total, total);
  }
}
