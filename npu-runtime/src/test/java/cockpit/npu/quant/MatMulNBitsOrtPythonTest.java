package cockpit.npu.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our MatMulNBits packing byte for byte against ONNX Runtime's own C++ quantizer, called from the
 * official {@code onnxruntime} Python package ({@code npu-runtime/python/matmul_nbits_ref.py}; venv
 * from {@code scripts/setup-python.sh}).
 */
class MatMulNBitsOrtPythonTest {
  @TempDir Path dir;

  @Test
  void packedBytesAndScalesEqualOrtsQuantizerForBlocks32And64() throws Exception {
    String python = System.getProperty("cockpit.python", ".venv/bin/python");
    Path script = Path.of(System.getProperty("cockpit.home", "..")).resolve("npu-runtime/python/matmul_nbits_ref.py");
    assertTrue(Files.isExecutable(Path.of(python)), "no Python venv at " + python + "; run scripts/setup-python.sh");
    int n = 40;
    int k = 192;
    float[] w = new float[n * k];
    SplittableRandom r = new SplittableRandom(21);
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (r.nextGaussian() * (i % 7 == 0 ? 0.3 : 0.05)); // uneven blocks
    }
    w[5] = 0; // an all-equal corner is not needed; one exact zero is
    ByteBuffer in = ByteBuffer.allocate(4 * w.length).order(ByteOrder.LITTLE_ENDIAN);
    in.asFloatBuffer().put(w);
    Files.write(dir.resolve("w.bin"), in.array());
    for (int bs : new int[] {32, 64}) {
      Path out = dir.resolve("ref" + bs + ".bin");
      Process p = new ProcessBuilder(python, script.toString(), dir.resolve("w.bin").toString(), Integer.toString(n),
          Integer.toString(k), Integer.toString(bs), out.toString()).redirectErrorStream(true).start();
      String log = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "reference script timed out");
      assertEquals(0, p.exitValue(), "reference script failed (run scripts/setup-python.sh?):\n" + log);
      byte[] ref = Files.readAllBytes(out);
      MatMulNBits ours = MatMulNBits.pack(w, n, k, bs);
      int packed = ours.bytes().length;
      assertEquals(packed + 4 * ours.scales().length, ref.length, "reference output size");
      byte[] refPacked = java.util.Arrays.copyOf(ref, packed);
      assertArrayEquals(refPacked, ours.bytes(), "block " + bs + ": packed 4-bit weights");
      float[] refScales = new float[ours.scales().length];
      ByteBuffer.wrap(ref, packed, ref.length - packed).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(refScales);
      assertArrayEquals(refScales, ours.scales(), "block " + bs + ": scales");
    }
  }
}
