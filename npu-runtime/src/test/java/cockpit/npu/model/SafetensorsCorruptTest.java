package cockpit.npu.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsCorruptTest {
  /** A file with a hand-written header and {@code dataBytes} zero bytes of data. */
  static Path file(Path dir, String header, int dataBytes) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h);
    Path f = dir.resolve("corrupt.safetensors");
    Files.write(f, b.array());
    return f;
  }

  static void fails(Path f, String... fragments) {
    IOException e = assertThrows(IOException.class, () -> Safetensors.open(f).close());
    assertTrue(e.getMessage().contains(f.toString()), "names the file: " + e.getMessage());
    for (String s : fragments) {
      assertTrue(e.getMessage().contains(s), "mentions '" + s + "': " + e.getMessage());
    }
  }

  @Test
  void truncatedDataNamesTheFileAndTensor(@TempDir Path dir) throws IOException {
    Path good = dir.resolve("good.safetensors");
    try (SafetensorsWriter w = new SafetensorsWriter(good, Map.of())) {
      w.declare("first", SafetensorsDType.F32, 4).declare("last", SafetensorsDType.F32, 4);
      w.write("first", new float[4]);
      w.write("last", new float[4]);
    }
    byte[] all = Files.readAllBytes(good);
    Path cut = dir.resolve("cut.safetensors");
    Files.write(cut, Arrays.copyOf(all, all.length - 3));
    fails(cut, "tensor last", "truncated");
    Files.write(cut, Arrays.copyOf(all, 20));
    fails(cut, "header length");
    Files.write(cut, Arrays.copyOf(all, 5));
    fails(cut, "shorter than the 8-byte header length");
  }

  @Test
  void insaneHeaderLengthFails(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("len.safetensors");
    ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(-5);
    Files.write(f, b.array());
    fails(f, "header length -5");
    b.putLong(0, 1L << 40);
    Files.write(f, b.array());
    fails(f, "header length " + (1L << 40));
  }

  @Test
  void overlappingOffsetsNameBothTensors(@TempDir Path dir) throws IOException {
    fails(file(dir, """
        {"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
         "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}""", 12), "tensor b", "overlaps tensor a");
  }

  @Test
  void badJsonNamesTheFile(@TempDir Path dir) throws IOException {
    fails(file(dir, "{\"a\": {\"dtype\": \"F32\", ", 0), "not valid JSON");
    fails(file(dir, "[1, 2]", 0), "not a JSON object");
    fails(file(dir, "{\"a\": 1, \"a\": 2}", 0), "not valid JSON");
  }

  @Test
  void sizeShapeAndTypeMismatchesNameTheTensor(@TempDir Path dir) throws IOException {
    fails(file(dir, "{\"w\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}", 8), "tensor w",
        "needs 12 bytes");
    fails(file(dir, "{\"w\": {\"dtype\": \"F64\", \"shape\": [1], \"data_offsets\": [0, 8]}}", 8), "tensor w",
        "not supported");
    fails(file(dir, "{\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", 4), "tensor w",
        "non-negative");
    fails(file(dir, "{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}", 4), "tensor w", "data_offsets");
    fails(file(dir, "{\"__metadata__\": {\"k\": 1}}", 0), "__metadata__");
  }
}
