package cockpit.npu.model;

import cockpit.npu.onnx.TensorData;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Entry points for the safetensors format: an 8-byte little-endian header length N, N bytes of UTF-8
 * JSON ({@code {"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {…}}}),
 * then the tensors, contiguous, row-major, little-endian, offsets relative to the data section.
 * Reading maps files ({@link SafetensorsWeights}); writing streams ({@link SafetensorsWriter}).
 */
public final class Safetensors {
  /** The single-file weights name in a model directory. */
  public static final String SINGLE_FILE = "model.safetensors";
  /** The shard index name in a model directory ({@code weight_map}: tensor name → shard file). */
  public static final String INDEX_FILE = "model.safetensors.index.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Safetensors() {}

  /** Maps one safetensors file; header problems are IOExceptions naming the file and tensor. */
  public static SafetensorsWeights open(Path file) throws IOException {
    return SafetensorsWeights.open(List.of(file));
  }

  /** Reads only the header of {@code file} (names, types, shapes, offsets, metadata). */
  public static SafetensorsHeader readHeader(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return SafetensorsHeader.read(ch, file);
    }
  }

  /**
   * Opens the weights of a Hugging Face model directory: {@code model.safetensors}, or the shards
   * listed by {@code model.safetensors.index.json}, as one set of weights.
   */
  public static SafetensorsWeights openDirectory(Path dir) throws IOException {
    Path single = dir.resolve(SINGLE_FILE);
    if (Files.isRegularFile(single)) {
      return open(single);
    }
    Path index = dir.resolve(INDEX_FILE);
    if (!Files.isRegularFile(index)) {
      throw new NoSuchFileException(dir.toString(), null, "holds neither " + SINGLE_FILE + " nor " + INDEX_FILE);
    }
    Map<String, Path> map = weightMap(index);
    SafetensorsWeights w = SafetensorsWeights.open(new ArrayList<>(new LinkedHashSet<>(map.values())));
    for (Map.Entry<String, Path> e : map.entrySet()) {
      if (!w.has(e.getKey()) || !w.file(e.getKey()).equals(e.getValue())) {
        w.close();
        throw new IOException(index + ": weight_map puts " + e.getKey() + " in " + e.getValue()
            + " but that file has no such tensor");
      }
    }
    return w;
  }

  private static Map<String, Path> weightMap(Path index) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(index.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException(index + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode map = root == null ? null : root.get("weight_map");
    if (map == null || !map.isObject() || map.isEmpty()) {
      throw new IOException(index + ": \"weight_map\" is missing or empty");
    }
    Map<String, Path> out = new java.util.LinkedHashMap<>();
    Path dir = index.toAbsolutePath().getParent();
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      String f = e.getValue().asText("");
      Path shard = dir.resolve(f).normalize();
      if (!e.getValue().isTextual() || f.isEmpty() || !shard.getParent().equals(dir.normalize())) {
        throw new IOException(index + ": weight_map entry " + e.getKey() + " -> " + e.getValue()
            + " is not a file name in " + dir);
      }
      out.put(e.getKey(), index.resolveSibling(f));
    }
    return out;
  }

  /** Writes in-memory weights to {@code file} (tensors sorted by name, stored types unchanged). */
  public static void write(Path file, Weights weights, Map<String, String> metadata) throws IOException {
    Set<String> names = new TreeSet<>(weights.names());
    try (SafetensorsWriter w = new SafetensorsWriter(file, metadata)) {
      for (String n : names) {
        TensorData t = weights.get(n);
        w.declare(n, SafetensorsDType.of(t.type()), t.dims());
      }
      for (String n : names) {
        w.write(n, weights.get(n).bytes());
      }
    }
  }
}
