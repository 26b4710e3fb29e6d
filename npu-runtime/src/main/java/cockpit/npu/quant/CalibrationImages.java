package cockpit.npu.quant;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded calibration images in [0, 1], CHW, until rendered cabin scenes (sim/) exist: smooth
 * colour gradients plus a few soft-edged blobs and mild noise, so activations see image-like
 * statistics (large flat areas, edges) rather than white noise. Deterministic per seed.
 */
public final class CalibrationImages {
  private CalibrationImages() {}

  public static List<float[]> seeded(int count, int size, long seed) {
    if (count <= 0 || size <= 0) {
      throw new IllegalArgumentException("need count, size > 0, got " + count + ", " + size);
    }
    List<float[]> out = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(seed);
    for (int n = 0; n < count; n++) {
      float[] px = new float[3 * size * size];
      double[][] grad = new double[3][3];
      for (double[] g : grad) {
        g[0] = r.nextDouble();
        g[1] = r.nextDouble() - 0.5;
        g[2] = r.nextDouble() - 0.5;
      }
      int blobs = 2 + r.nextInt(4);
      double[][] blob = new double[blobs][6];
      for (double[] b : blob) {
        b[0] = r.nextDouble() * size;
        b[1] = r.nextDouble() * size;
        b[2] = size * (0.05 + 0.2 * r.nextDouble());
        b[3] = r.nextDouble() - 0.5;
        b[4] = r.nextDouble() - 0.5;
        b[5] = r.nextDouble() - 0.5;
      }
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double u = (double) x / size;
          double v = (double) y / size;
          for (int c = 0; c < 3; c++) {
            double val = grad[c][0] * 0.6 + grad[c][1] * u + grad[c][2] * v;
            for (double[] b : blob) {
              double d = Math.hypot(x - b[0], y - b[1]) / b[2];
              val += b[3 + c] / (1 + Math.exp(8 * (d - 1))); // soft disc
            }
            val += 0.02 * (r.nextDouble() - 0.5);
            px[c * size * size + y * size + x] = (float) Math.max(0, Math.min(1, val));
          }
        }
      }
      out.add(px);
    }
    return out;
  }
}
