package cockpit.npu.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.onnx.TensorData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Quantize/dequantize semantics: grid round trips, saturation, ORT's parameter and bias rules. */
class QuantizerTest {
  private static float[] gaussian(int n, long seed, double std) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (std * (r.nextDouble() + r.nextDouble() + r.nextDouble() - 1.5) * 2);
    }
    return x;
  }

  @Test
  void valuesOnTheGridRoundTripExactlyForEveryTypeAndSymmetry() {
    for (QuantType t : new QuantType[] {QuantType.INT4, QuantType.UINT4, QuantType.INT8, QuantType.UINT8,
        QuantType.INT16, QuantType.UINT16}) {
      for (boolean sym : new boolean[] {true, false}) {
        QuantParams p = QuantParams.ofRange(-1.7, 2.3, t, sym);
        SplittableRandom r = new SplittableRandom(7);
        int[] q = new int[500];
        for (int i = 0; i < q.length; i++) {
          q[i] = t.min() + r.nextInt(t.max() - t.min() + 1);
        }
        long[] dims = {q.length};
        float[] x = Quantizer.dequantize(q, dims, p);
        assertArrayEquals(q, Quantizer.quantize(x, dims, p), t + " sym " + sym + ": q → x → q");
        assertArrayEquals(x, Quantizer.fakeQuantize(x, dims, p), t + " sym " + sym + ": grid values are fixed points");
      }
    }
  }

  @Test
  void offGridErrorIsAtMostHalfAStepAndOutOfRangeSaturates() {
    QuantParams p = QuantParams.ofRange(-1, 1, QuantType.INT8, true);
    assertEquals(0, p.zeroPoint(0));
    assertEquals(1.0 / 127, p.scale(0), 1e-9, "int8 symmetric uses ±127");
    float[] x = gaussian(4000, 3, 0.4);
    float[] y = Quantizer.fakeQuantize(x, new long[] {x.length}, p);
    for (int i = 0; i < x.length; i++) {
      if (Math.abs(x[i]) <= 1) {
        assertTrue(Math.abs(x[i] - y[i]) <= p.scale(0) / 2 + 1e-7, "in range: |err| ≤ scale/2 at " + x[i]);
      }
    }
    assertEquals(127, p.quantize(5f, 0), "clips high");
    assertEquals(-128, p.quantize(-5f, 0), "saturates to the type's full range, as QuantizeLinear does");
    QuantParams u16 = QuantParams.ofRange(0.5, 3, QuantType.UINT16, false);
    assertEquals(0, u16.zeroPoint(0), "range widened to include 0");
    assertEquals(65535, u16.quantize(1e6f, 0));
    assertEquals(0, u16.quantize(-1f, 0));
  }

  @Test
  void symmetricUnsignedZeroPointsFollowOrt() {
    assertEquals(128, QuantParams.ofRange(-2, 1, QuantType.UINT8, true).zeroPoint(0));
    assertEquals(32768, QuantParams.ofRange(-2, 1, QuantType.UINT16, true).zeroPoint(0));
    QuantParams asym = QuantParams.ofRange(-1, 3, QuantType.UINT8, false);
    assertEquals(4.0 / 255, asym.scale(0), 1e-7);
    assertEquals(64, asym.zeroPoint(0), "zp = round(0 − (−1)/scale) = round(63.75)");
    QuantParams zero = QuantParams.ofRange(0, 0, QuantType.INT8, true);
    assertEquals(1f, zero.scale(0), "a zero range gets scale 1 (ORT's tiny-scale rule)");
  }

  @Test
  void perChannelScalesFollowEachChannelsRange() {
    long[] dims = {3, 2, 2}; // [out, in, k]: axis 0 as Conv weights
    float[] w = {1, -2, 0.5f, 0, /**/ 10, 20, -40, 5, /**/ 0.01f, -0.02f, 0.03f, 0};
    QuantParams p = Quantizer.weightParams(w, dims, 0, QuantType.INT8, true);
    assertEquals(3, p.channels());
    assertEquals(2f / 127, p.scale(0), 1e-8);
    assertEquals(40f / 127, p.scale(1), 1e-6);
    assertEquals(0.03f / 127, p.scale(2), 1e-9);
    int[] q = Quantizer.quantize(w, dims, p);
    assertEquals(-127, q[1]);
    assertEquals(-127, q[6]);
    assertEquals(127, q[10]);
    float[] back = Quantizer.dequantize(q, dims, p);
    for (int i = 0; i < w.length; i++) {
      assertTrue(Math.abs(w[i] - back[i]) <= p.scale(i / 4) / 2 + 1e-7, "element " + i);
    }
    QuantParams axis1 = Quantizer.weightParams(w, new long[] {4, 3}, 1, QuantType.INT8, true);
    assertEquals(3, axis1.channels(), "MatMul weights [in, out] are per-channel on axis 1");
  }

  @Test
  void biasIsInt32WithScaleInputTimesWeightAndOverflowRaisesWeightScale() {
    QuantParams w = QuantParams.ofRanges(new double[] {-1, -2}, new double[] {1, 2}, QuantType.INT8, true, 0);
    QuantParams b = Quantizer.biasParams(0.01f, w);
    assertEquals(QuantType.INT32, b.type());
    assertEquals(0.01f * w.scale(1), b.scale(1), 1e-12);
    assertEquals(0, b.zeroPoint(0));
    assertEquals(Math.round(0.5 / b.scale(0)), b.quantize(0.5f, 0));
    QuantParams same = Quantizer.adjustWeightForBias(new float[] {1, 1}, 0.01f, w);
    assertEquals(w.scale(0), same.scale(0), "no overflow: unchanged");
    QuantParams raised = Quantizer.adjustWeightForBias(new float[] {1e9f, 1e-3f}, 1e-9f, w);
    assertTrue(raised.scale(0) > w.scale(0), "overflowing channel raised");
    assertEquals(w.scale(1), raised.scale(1), "other channel kept");
    assertTrue(Math.abs(1e9 / (1e-9 * raised.scale(0))) <= Integer.MAX_VALUE);
  }

  @Test
  void packsFourBitLowNibbleFirstAndRejectsOutOfRange() {
    TensorData t = Quantizer.pack(new int[] {1, -2, 7}, new long[] {3}, QuantType.INT4);
    var bytes = t.bytes();
    assertEquals(2, bytes.remaining());
    assertEquals((byte) 0xE1, bytes.get(0), "1 low, −2 (0xE) high");
    assertEquals((byte) 0x07, bytes.get(1));
    assertEquals(-1234, Quantizer.pack(new int[] {-1234}, new long[] {1}, QuantType.INT16).bytes().getShort(0));
    assertThrows(IllegalArgumentException.class, () -> Quantizer.pack(new int[] {8}, new long[] {1}, QuantType.INT4));
    assertThrows(IllegalArgumentException.class, () -> QuantParams.ofRange(2, 1, QuantType.INT8, true));
    assertThrows(IllegalArgumentException.class, () -> new QuantParams(QuantType.INT8, new float[] {0}, new int[] {0},
        -1));
  }
}
