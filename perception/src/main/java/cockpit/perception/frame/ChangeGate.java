package cockpit.perception.frame;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Cheap change detection for the always-on path: each frame is reduced to a small grey thumbnail
 * (area average, BT.601 luma) and compared with the last <em>accepted</em> thumbnail of the same
 * camera by mean absolute difference in grey levels (0–255). Frames whose difference is below the
 * threshold are skipped; because the reference only moves on acceptance, a slow drift still
 * passes once it adds up to the threshold. The first frame of a camera is always accepted.
 *
 * <p>Thread-safe: calls for different cameras run in parallel, calls for one camera are serialized
 * on that camera's entry. State lives as long as the gate; {@link #forget} drops a camera.
 */
public final class ChangeGate {
  /** Default thumbnail side. */
  public static final int DEFAULT_SIDE = 32;
  /** Default threshold, in grey levels of mean absolute difference. */
  public static final double DEFAULT_THRESHOLD = 2.0;

  private final int side;
  private final double threshold;
  private final Map<String, float[]> lastAccepted = new ConcurrentHashMap<>();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder skipped = new LongAdder();

  public ChangeGate() {
    this(DEFAULT_SIDE, DEFAULT_THRESHOLD);
  }

  /**
   * @param side thumbnail side in pixels
   * @param threshold smallest mean absolute grey difference (0–255) that counts as a change; 0
   *     accepts every frame
   */
  public ChangeGate(int side, double threshold) {
    if (side <= 0) {
      throw new IllegalArgumentException("thumbnail side " + side + " is not positive");
    }
    if (!(threshold >= 0 && threshold <= 255)) {
      throw new IllegalArgumentException("threshold " + threshold + " is outside 0..255");
    }
    this.side = side;
    this.threshold = threshold;
  }

  /** True if {@code img} differs enough from the last frame accepted for {@code camera}. */
  public boolean accept(String camera, RgbImage img) {
    float[] thumb = thumbnail(img, side);
    boolean[] pass = new boolean[1];
    lastAccepted.compute(camera, (k, prev) -> {
      pass[0] = prev == null || threshold == 0 || meanAbsDiff(prev, thumb) >= threshold;
      return pass[0] ? thumb : prev;
    });
    (pass[0] ? accepted : skipped).increment();
    return pass[0];
  }

  /** Forgets {@code camera}'s reference; its next frame is accepted. */
  public void forget(String camera) {
    lastAccepted.remove(camera);
  }

  public long accepted() {
    return accepted.sum();
  }

  public long skipped() {
    return skipped.sum();
  }

  /** Mean absolute difference of two thumbnails, grey levels. */
  static double meanAbsDiff(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum / a.length;
  }

  /** [side, side] grey thumbnail, each cell the mean luma of its source rectangle. */
  static float[] thumbnail(RgbImage img, int side) {
    int w = img.width();
    int h = img.height();
    byte[] rgb = img.rgb();
    float[] out = new float[side * side];
    for (int ty = 0; ty < side; ty++) {
      int ya = (int) ((long) ty * h / side);
      int yb = Math.max(ya + 1, (int) ((long) (ty + 1) * h / side));
      for (int tx = 0; tx < side; tx++) {
        int xa = (int) ((long) tx * w / side);
        int xb = Math.max(xa + 1, (int) ((long) (tx + 1) * w / side));
        long sum = 0;
        for (int y = ya; y < yb; y++) {
          for (int x = xa, o = 3 * (y * w + xa); x < xb; x++, o += 3) {
            // BT.601 luma, weights sum to 256
            sum += 77 * (rgb[o] & 0xFF) + 150 * (rgb[o + 1] & 0xFF) + 29 * (rgb[o + 2] & 0xFF);
          }
        }
        out[ty * side + tx] = sum / (256f * (yb - ya) * (xb - xa));
      }
    }
    return out;
  }
}
