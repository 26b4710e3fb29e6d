package cockpit.npu.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.GraphOps;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.TensorData;
import cockpit.npu.onnx.Value;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MatMulNBits packing against an independent unpacking written here, and ORT's own kernel
 * running the packed node against a float MatMul over the weight we say it dequantizes to.
 */
class MatMulNBitsTest {
  @TempDir static Path dir;
  static NpuRuntime rt;

  @BeforeAll
  static void open() {
    rt = NpuRuntime.create(RuntimeOptions.defaults());
  }

  @AfterAll
  static void close() {
    rt.close();
  }

  private static float[] random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() * 0.05);
    }
    return x;
  }

  /** Independent unpacking: byte (n, b, j) holds elements 2j (low) and 2j+1 (high) of block b of row n. */
  private static float[] unpack(MatMulNBits m) {
    byte[] raw = new byte[m.bytes().length];
    m.bTensor().bytes().get(raw);
    float[] s = new float[m.n() * m.kBlocks()];
    m.scalesTensor().bytes().asFloatBuffer().get(s);
    float[] w = new float[m.n() * m.k()];
    int blob = m.blockSize() / 2;
    for (int row = 0; row < m.n(); row++) {
      for (int b = 0; b < m.kBlocks(); b++) {
        for (int j = 0; j < blob; j++) {
          int v = raw[(row * m.kBlocks() + b) * blob + j] & 0xFF;
          int c0 = b * m.blockSize() + 2 * j;
          if (c0 < m.k()) {
            w[row * m.k() + c0] = ((v & 15) - 8) * s[row * m.kBlocks() + b];
          }
          if (c0 + 1 < m.k()) {
            w[row * m.k() + c0 + 1] = ((v >> 4) - 8) * s[row * m.kBlocks() + b];
          }
        }
      }
    }
    return w;
  }

  @Test
  void packedBlocksDequantizeWithinHalfAStepAndKeepEachBlocksExtremeExactly() {
    for (int bs : new int[] {32, 64}) {
      int n = 24;
      int k = 96; // 96/64: a partial last block for bs 64
      float[] w = random(n * k, bs);
      MatMulNBits m = MatMulNBits.pack(w, n, k, bs);
      assertEquals(n * m.kBlocks() * bs / 2, m.bytes().length);
      float[] ref = unpack(m);
      float[] own = m.dequantize();
      for (int row = 0; row < n; row++) {
        for (int b = 0; b < m.kBlocks(); b++) {
          int end = Math.min(k, (b + 1) * bs);
          float extreme = 0;
          for (int c = b * bs; c < end; c++) {
            extreme = Math.abs(w[row * k + c]) > Math.abs(extreme) ? w[row * k + c] : extreme;
          }
          float step = Math.abs(extreme) / 8;
          for (int c = b * bs; c < end; c++) {
            int i = row * k + c;
            assertEquals(ref[i], own[i], 0f, "dequantize() agrees with the independent unpacking at " + i);
            if (Math.signum(w[i]) != Math.signum(extreme) && Math.abs(w[i]) > 7.5 * step) {
              // The grid is [−8, 7] steps with the extreme at −8: the other side clips at 7 steps.
              assertEquals(-Math.signum(extreme) * 7 * step, ref[i], 1e-6, "clipped at 7 steps");
            } else {
              assertTrue(Math.abs(w[i] - ref[i]) <= step / 2 + 1e-7, "block " + b + " row " + row + ": |err| "
                  + Math.abs(w[i] - ref[i]) + " > step/2 " + step / 2);
            }
            if (w[i] == extreme) {
              assertEquals(extreme, ref[i], Math.ulp(extreme) * 2, "the block's largest |w| maps to −8 exactly");
            }
          }
        }
      }
    }
  }

  @Test
  void ortRunsThePackedNodeLikeAFloatMatMulOverTheDequantizedWeight() throws Exception {
    int m = 5;
    int n = 48;
    int k = 128;
    for (int bs : new int[] {32, 64}) {
      float[] w = random(n * k, 100 + bs);
      MatMulNBits q = MatMulNBits.pack(w, n, k, bs);
      float[] a = random(m * k, 200 + bs);

      GraphBuilder g4 = new GraphBuilder("q4");
      Value x = g4.input("a", DType.FLOAT, m, k);
      g4.output(q.addNode(g4, x, "w", 0), "y", DType.FLOAT, m, n);
      float[] y4 = OrtGraphs.run(rt, g4, dir.resolve("q4_" + bs + ".onnx"), "a", a, new long[] {m, k});

      GraphBuilder gf = new GraphBuilder("f");
      Value xf = gf.input("a", DType.FLOAT, m, k);
      TensorData deq = TensorData.floats(new long[] {n, k}, unpack(q));
      gf.output(GraphOps.linear(gf, xf, "w", deq, null), "y", DType.FLOAT, m, n);
      float[] yf = OrtGraphs.run(rt, gf, dir.resolve("f_" + bs + ".onnx"), "a", a, new long[] {m, k});

      ErrorStats e = ErrorStats.of(yf, y4);
      assertTrue(e.maxAbsError() < 1e-5, "block " + bs + ": MatMulNBits vs float MatMul on the dequantized weight, max "
          + e.maxAbsError());
      float[] exact = new float[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          for (int c = 0; c < k; c++) {
            s += (double) a[i * k + c] * w[j * k + c];
          }
          exact[i * n + j] = (float) s;
        }
      }
      double sqnr = ErrorStats.of(exact, y4).sqnrDb();
      assertTrue(sqnr > 15 && sqnr < 30, "4-bit weights on Gaussian data give ≈20 dB, got " + sqnr);
    }
  }

  @Test
  void rejectsBadBlockSizesAndShapes() {
    assertThrows(IllegalArgumentException.class, () -> MatMulNBits.pack(new float[64], 2, 32, 24));
    assertThrows(IllegalArgumentException.class, () -> MatMulNBits.pack(new float[64], 2, 33, 32));
    assertThrows(IllegalArgumentException.class, () -> new W4A16Decoder.Options(128, 0, true));
  }
}
