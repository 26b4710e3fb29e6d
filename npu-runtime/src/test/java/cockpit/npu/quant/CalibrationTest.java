package cockpit.npu.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The three calibration methods on seeded data with known distributions and outliers. */
class CalibrationTest {
  /** 100k Laplace values (std 1), optionally one outlier at 50: heavy tails are where methods differ. */
  private static Calibration laplace(boolean outlier) {
    Calibration c = new Calibration();
    SplittableRandom r = new SplittableRandom(11);
    for (int batch = 0; batch < 10; batch++) {
      float[] x = new float[10_000];
      for (int i = 0; i < x.length; i++) {
        double u = r.nextDouble() - 0.5;
        x[i] = (float) (-Math.signum(u) * Math.log(1 - 2 * Math.abs(u)) / Math.sqrt(2));
      }
      if (batch == 7 && outlier) {
        x[0] = 50;
      }
      c.add(x);
    }
    return c;
  }

  @Test
  void minMaxIsTheObservedRangeMergedOverBatches() {
    Calibration c = laplace(true);
    double[] r = c.range(Calibration.Method.MINMAX, QuantType.UINT8);
    assertTrue(r[0] < -5 && r[0] > -15, "low end is the Laplace tail " + r[0]);
    assertEquals(50, r[1], 1e-6);
    assertEquals(100_000, c.count());
  }

  @Test
  void percentileClipsTheOutliersButKeepsTheBulk() {
    Calibration c = laplace(true);
    double[] r = c.range(Calibration.Method.PERCENTILE, QuantType.UINT8);
    // 99.999 % of 100k leaves the one outlier out: the clip sits in the Laplace tail (≈ 6–9), far below 50.
    assertTrue(r[1] > 3 && r[1] < 20, "percentile high " + r[1]);
    assertEquals(Math.max(c.min(), -r[1]), r[0], 1e-9, "symmetric clip, bounded by the observed min");
  }

  @Test
  void mseThresholdBeatsMinMaxOnQuantizationErrorAtFourBits() {
    Calibration c = laplace(false);
    double[] mse = c.range(Calibration.Method.MSE, QuantType.INT4);
    double[] mm = c.range(Calibration.Method.MINMAX, QuantType.INT4);
    assertTrue(mse[1] < mm[1], "MSE clips: " + mse[1]);
    float[] x = new float[20_000];
    SplittableRandom r = new SplittableRandom(12);
    for (int i = 0; i < x.length; i++) {
      double u = r.nextDouble() - 0.5;
      x[i] = (float) (-Math.signum(u) * Math.log(1 - 2 * Math.abs(u)) / Math.sqrt(2));
    }
    long[] d = {x.length};
    var byMse = ErrorStats.of(x, Quantizer.fakeQuantize(x, d, QuantParams.ofRange(mse[0], mse[1], QuantType.INT4,
        true)));
    var byMinMax = ErrorStats.of(x, Quantizer.fakeQuantize(x, d, QuantParams.ofRange(mm[0], mm[1], QuantType.INT4,
        true)));
    assertTrue(byMse.sqnrDb() > byMinMax.sqnrDb() + 2, "MSE " + byMse.sqnrDb() + " dB vs minmax " + byMinMax.sqnrDb());
  }

  @Test
  void withoutOutliersAllMethodsAgreeAtSixteenBits() {
    Calibration c = new Calibration();
    float[] x = new float[4096];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i - 2048) / 1024f; // uniform on [−2, 2)
    }
    c.add(x);
    for (Calibration.Method m : Calibration.Method.values()) {
      double[] r = c.range(m, QuantType.INT16);
      assertEquals(2, r[1] - r[0] > 0 ? Math.max(-r[0], r[1]) : 0, 0.01, m + " keeps a uniform range");
    }
  }

  @Test
  void rejectsNanAndEmpty() {
    Calibration c = new Calibration();
    assertThrows(IllegalStateException.class, () -> c.range(Calibration.Method.MINMAX, QuantType.INT8));
    assertThrows(IllegalArgumentException.class, () -> c.add(new float[] {1, Float.NaN}));
    assertThrows(IllegalArgumentException.class, () -> Calibration.Method.parse("kl"));
  }
}
