package cockpit.npu.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed, validated header of one safetensors file: entries in data order, the
 * {@code __metadata__} strings, and where the data section starts ({@code 8 + N}).
 *
 * @param entries by name, in increasing offset order
 */
public record SafetensorsHeader(Path file, Map<String, SafetensorsEntry> entries, Map<String, String> metadata,
    long dataStart) {
  /** The reference implementation's limit; a larger length means a corrupt or foreign file. */
  static final long MAX_HEADER = 100_000_000L;
  static final String METADATA = "__metadata__";
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public SafetensorsHeader {
    entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    metadata = Map.copyOf(metadata);
  }

  /** Reads and checks the header of {@code ch} (opened on {@code file}); every failure names the file. */
  static SafetensorsHeader read(FileChannel ch, Path file) throws IOException {
    long size = ch.size();
    if (size < 8) {
      throw new IOException(file + ": not a safetensors file: " + size
          + " bytes, shorter than the 8-byte header length");
    }
    ByteBuffer len = readFully(ch, 0, 8, file).order(ByteOrder.LITTLE_ENDIAN);
    long n = len.getLong(0);
    if (n < 2 || n > MAX_HEADER || 8 + n > size) {
      throw new IOException(file + ": header length " + n + " is not sane (file is " + size
          + " bytes, limit " + MAX_HEADER + "); the file is truncated or not safetensors");
    }
    byte[] text = new byte[(int) n];
    readFully(ch, 8, (int) n, file).get(text);
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": header is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException(file + ": header is not a JSON object");
    }
    return parse(root, file, 8 + n, size - 8 - n);
  }

  private static SafetensorsHeader parse(JsonNode root, Path file, long dataStart, long dataSize) throws IOException {
    Map<String, String> metadata = new LinkedHashMap<>();
    List<SafetensorsEntry> list = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : root.properties()) {
      if (f.getKey().equals(METADATA)) {
        if (!f.getValue().isObject()) {
          throw new IOException(file + ": __metadata__ must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> m : f.getValue().properties()) {
          if (!m.getValue().isTextual()) {
            throw new IOException(file + ": __metadata__ value of \"" + m.getKey() + "\" is not a string");
          }
          metadata.put(m.getKey(), m.getValue().textValue());
        }
        continue;
      }
      try {
        list.add(entry(f.getKey(), f.getValue()));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new IOException(file + ": tensor " + f.getKey() + ": " + e.getMessage(), e);
      }
    }
    list.sort(Comparator.comparingLong(SafetensorsEntry::begin).thenComparingLong(SafetensorsEntry::end));
    Map<String, SafetensorsEntry> entries = new LinkedHashMap<>();
    SafetensorsEntry prev = null;
    for (SafetensorsEntry e : list) {
      if (e.end() > dataSize) {
        throw new IOException(file + ": tensor " + e.name() + ": data_offsets [" + e.begin() + ", " + e.end()
            + "] run past the data section of " + dataSize + " bytes (file truncated?)");
      }
      if (prev != null && e.begin() < prev.end() && e.byteSize() > 0) {
        throw new IOException(file + ": tensor " + e.name() + " [" + e.begin() + ", " + e.end() + ") overlaps tensor "
            + prev.name() + " [" + prev.begin() + ", " + prev.end() + ")");
      }
      entries.put(e.name(), e);
      if (e.byteSize() > 0) {
        prev = e;
      }
    }
    return new SafetensorsHeader(file, entries, metadata, dataStart);
  }

  private static SafetensorsEntry entry(String name, JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("entry is not an object");
    }
    JsonNode dtype = node.get("dtype");
    JsonNode shape = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (dtype == null || !dtype.isTextual()) {
      throw new IllegalArgumentException("\"dtype\" is missing or not a string");
    }
    if (shape == null || !shape.isArray()) {
      throw new IllegalArgumentException("\"shape\" is missing or not an array");
    }
    if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
      throw new IllegalArgumentException("\"data_offsets\" must be an array [begin, end]");
    }
    long[] dims = new long[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = nonNegative(shape.get(i), "shape");
    }
    return new SafetensorsEntry(name, SafetensorsDType.parse(dtype.textValue()), dims,
        nonNegative(offsets.get(0), "data_offsets"), nonNegative(offsets.get(1), "data_offsets"));
  }

  private static long nonNegative(JsonNode n, String key) {
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
      throw new IllegalArgumentException("\"" + key + "\" holds " + n + ", not a non-negative integer");
    }
    return n.longValue();
  }

  private static ByteBuffer readFully(FileChannel ch, long pos, int n, Path file) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n);
    while (b.hasRemaining()) {
      if (ch.read(b, pos + b.position()) < 0) {
        throw new EOFException(file + ": ends inside the header");
      }
    }
    return b.flip();
  }
}
