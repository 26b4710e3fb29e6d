package cockpit.npu.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.TensorData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
  static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  @Test
  void roundTripKeepsTypesShapesMetadataAndExactBytesOfChunkedWrites(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("m.safetensors");
    float[] w = new float[12];
    for (int i = 0; i < w.length; i++) {
      w[i] = i * 0.5f - 3;
    }
    ByteBuffer longs = le(40);
    longs.asLongBuffer().put(new long[] {1, -2, Long.MAX_VALUE, 0, 5});
    ByteBuffer ints = le(16);
    ints.asIntBuffer().put(new int[] {7, -8, 9, Integer.MIN_VALUE});
    ByteBuffer bytes = ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255, 4, 5, 6});
    ByteBuffer signed = ByteBuffer.wrap(new byte[] {-1, 0, 127});
    try (SafetensorsWriter out = new SafetensorsWriter(f, Map.of("format", "pt", "note", "héllo"))) {
      out.declare("w", SafetensorsDType.F32, 3, 4).declare("empty", SafetensorsDType.F32, 0, 3)
          .declare("ids", SafetensorsDType.I64, 5).declare("counts", SafetensorsDType.I32, 2, 2)
          .declare("mask", SafetensorsDType.U8, 7).declare("s", SafetensorsDType.I8, 3);
      assertEquals(48 + 40 + 16 + 7 + 3, out.totalBytes());
      out.write("w", w, 0, 5);
      out.write("w", w, 5, 1);
      ByteBuffer rest = le(24);
      rest.asFloatBuffer().put(w, 6, 6);
      out.write("w", rest);
      out.write("ids", longs.duplicate());
      out.write("counts", ints.duplicate());
      out.write("mask", bytes.duplicate());
      out.write("s", signed.duplicate());
    }
    assertFalse(Files.exists(dir.resolve("m.safetensors.partial")));
    SafetensorsHeader h = Safetensors.readHeader(f);
    assertEquals(0, h.dataStart() % 8, "data is 8-byte aligned");
    try (SafetensorsWeights r = Safetensors.open(f)) {
      assertEquals(Set.of("w", "empty", "ids", "counts", "mask", "s"), r.names());
      assertEquals(Map.of("format", "pt", "note", "héllo"), r.metadata());
      assertArrayEquals(w, r.floats("w"));
      assertArrayEquals(new long[] {3, 4}, r.get("w").dims());
      assertArrayEquals(new long[] {0, 3}, r.get("empty").dims());
      assertEquals(DType.INT64, r.get("ids").type());
      assertEquals(longs.rewind(), r.get("ids").bytes());
      assertEquals(DType.INT32, r.get("counts").type());
      assertEquals(ints.rewind(), r.raw("counts"));
      assertEquals(DType.UINT8, r.get("mask").type());
      assertEquals(bytes.rewind(), r.get("mask").bytes());
      assertEquals(DType.INT8, r.get("s").type());
      assertEquals(signed.rewind(), r.get("s").bytes());
      assertEquals(SafetensorsDType.I32, r.entry("counts").dtype());
    }
  }

  @Test
  void bf16AndF16WidenToTheExpectedFloats(@TempDir Path dir) throws IOException {
    float[] values = {1.0f, -2.5f, 3.140625f, 0f, 65504f, 1e-3f};
    ByteBuffer bf = le(12);
    ByteBuffer hf = le(12);
    for (float v : values) {
      bf.putShort((short) (Float.floatToIntBits(v) >>> 16));
      hf.putShort(Float.floatToFloat16(v));
    }
    Path f = dir.resolve("half.safetensors");
    try (SafetensorsWriter out = new SafetensorsWriter(f, Map.of())) {
      out.declare("bf", SafetensorsDType.BF16, 2, 3).declare("hf", SafetensorsDType.F16, 6);
      out.write("bf", bf.flip());
      out.write("hf", hf.flip());
    }
    try (SafetensorsWeights r = Safetensors.open(f)) {
      TensorData t = r.get("bf");
      assertEquals(DType.FLOAT, t.type());
      assertArrayEquals(new long[] {2, 3}, t.dims());
      float[] got = r.floats("bf");
      for (int i = 0; i < values.length; i++) {
        // bf16 truncation keeps 8 significant bits: these values are exact except 1e-3
        float expect = Float.intBitsToFloat(Float.floatToIntBits(values[i]) & 0xffff0000);
        assertEquals(expect, got[i], "bf16 element " + i);
        assertEquals(Float.float16ToFloat(Float.floatToFloat16(values[i])), r.floats("hf")[i], "f16 element " + i);
      }
      assertEquals(-2.5f, got[1]);
      assertEquals(SafetensorsDType.BF16, r.entry("bf").dtype());
      assertEquals(12, r.raw("bf").remaining(), "raw keeps the stored halves");
    }
  }

  @Test
  void inMemoryWeightsWriteAndReadBack(@TempDir Path dir) throws IOException {
    Weights w = Weights.of(Map.of("a", TensorData.floats(new long[] {2}, 1, 2), "b",
        TensorData.longs(new long[] {1}, 9)));
    Safetensors.write(dir.resolve("x.safetensors"), w, Map.of());
    try (Weights r = Safetensors.open(dir.resolve("x.safetensors"))) {
      assertArrayEquals(new float[] {1, 2}, r.floats("a"));
      assertEquals(9, r.get("b").bytes().getLong(0));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.get("c"));
      assertTrue(e.getMessage().contains("missing weight c"), e.getMessage());
    }
  }

  @Test
  void shardedIndexOpensAsOneSetOfWeights(@TempDir Path dir) throws IOException {
    Safetensors.write(dir.resolve("model-00001-of-00002.safetensors"),
        Weights.of(Map.of("a", TensorData.floats(new long[] {1}, 1))), Map.of());
    Safetensors.write(dir.resolve("model-00002-of-00002.safetensors"),
        Weights.of(Map.of("b", TensorData.floats(new long[] {1}, 2))), Map.of());
    Files.writeString(dir.resolve(Safetensors.INDEX_FILE), """
        {"metadata": {"total_size": 8}, "weight_map": {"a": "model-00001-of-00002.safetensors",
         "b": "model-00002-of-00002.safetensors"}}""");
    try (SafetensorsWeights w = Safetensors.openDirectory(dir)) {
      assertEquals(Set.of("a", "b"), w.names());
      assertEquals(2f, w.floats("b")[0]);
    }
    Files.writeString(dir.resolve(Safetensors.INDEX_FILE), """
        {"weight_map": {"a": "model-00002-of-00002.safetensors"}}""");
    IOException e = assertThrows(IOException.class, () -> Safetensors.openDirectory(dir));
    assertTrue(e.getMessage().contains("weight_map puts a in"), e.getMessage());
  }

  @Test
  void writerEnforcesOrderAndSizeAndDropsIncompleteFiles(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.safetensors");
    SafetensorsWriter out = new SafetensorsWriter(f, Map.of());
    out.declare("a", SafetensorsDType.F32, 2).declare("b", SafetensorsDType.F32, 2);
    IllegalStateException order = assertThrows(IllegalStateException.class, () -> out.write("b", new float[2]));
    assertTrue(order.getMessage().contains("expected a"), order.getMessage());
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> out.write("a", new float[3]));
    assertTrue(big.getMessage().contains("tensor a"), big.getMessage());
    out.write("a", new float[2]);
    out.write("b", new float[1]);
    assertThrows(IllegalStateException.class, () -> out.declare("c", SafetensorsDType.F32, 1));
    IOException e = assertThrows(IOException.class, out::close);
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("tensor b has 4 of 8 bytes"),
        e.getMessage());
    assertFalse(Files.exists(f));
    assertFalse(Files.exists(dir.resolve("bad.safetensors.partial")));
  }

  @Test
  void filesLargerThan2GbMapAndReadTensorsPastTheFirstGigabytes(@TempDir Path dir) throws IOException {
    long big = 2_600_000_000L; // a sparse hole: costs no disk
    String header = "{\"pad\": {\"dtype\": \"U8\", \"shape\": [" + big + "], \"data_offsets\": [0, " + big + "]},"
        + " \"x\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [" + big + ", " + (big + 8) + "]}}";
    Path f = SafetensorsCorruptTest.file(dir, header, 0);
    long dataStart = Files.size(f);
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f,
        java.nio.file.StandardOpenOption.WRITE)) {
      ByteBuffer x = le(8);
      x.putFloat(1.5f).putFloat(-7f).flip();
      ch.write(x, dataStart + big);
    }
    try (SafetensorsWeights w = Safetensors.open(f)) {
      assertArrayEquals(new float[] {1.5f, -7f}, w.floats("x"));
      assertEquals(big, w.entry("pad").byteSize());
    }
  }
}
