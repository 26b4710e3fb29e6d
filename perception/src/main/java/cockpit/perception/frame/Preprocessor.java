package cockpit.perception.frame;

import java.util.Arrays;

/**
 * Turns an {@link RgbImage} into the vision encoder's input: [3, S, S] CHW floats in [0, 1], RGB
 * order. The image is letterboxed: scaled by one factor to fit S × S, keeping its aspect ratio,
 * resampled bilinearly (pixel centres aligned, edges clamped), centred, and the bands around it
 * filled with mid-grey {@link #PAD_VALUE} = 0.5, which the usual (x − 0.5) / 0.5 normalization
 * inside the encoder maps to 0 — the bands then carry no signal. Bilinear sampling aliases when
 * shrinking by more than about 2×; acceptable for camera frames at the encoder's sizes.
 *
 * <p>Immutable and thread-safe; every call returns a fresh array.
 */
public final class Preprocessor {
  /** Value of the letterbox bands, every channel. */
  public static final float PAD_VALUE = 0.5f;

  private final int size;

  /** @param size the model's square input side S */
  public Preprocessor(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("input size " + size + " is not positive");
    }
    this.size = size;
  }

  public int size() {
    return size;
  }

  /** The encoder input and where the image sits in it. */
  public record Result(float[] pixels, Letterbox letterbox) {}

  public Result preprocess(RgbImage img) {
    Letterbox box = Letterbox.of(img.width(), img.height(), size);
    int plane = size * size;
    float[] out = new float[3 * plane]; // [3, S, S]
    Arrays.fill(out, PAD_VALUE);

    int cw = box.contentWidth();
    int ch = box.contentHeight();
    // Per output column: left source column and weight of the right one.
    int[] x0 = new int[cw];
    float[] fx = new float[cw];
    axis(img.width(), cw, x0, fx);
    int[] y0 = new int[ch];
    float[] fy = new float[ch];
    axis(img.height(), ch, y0, fy);

    byte[] src = img.rgb();
    int sw = img.width();
    int lastX = sw - 1;
    int lastY = img.height() - 1;
    for (int oy = 0; oy < ch; oy++) {
      int rowA = y0[oy] * sw;
      int rowB = Math.min(y0[oy] + 1, lastY) * sw;
      float wy = fy[oy];
      int dst = (box.offsetY() + oy) * size + box.offsetX();
      for (int ox = 0; ox < cw; ox++, dst++) {
        int xa = x0[ox];
        int xb = Math.min(xa + 1, lastX);
        float wx = fx[ox];
        for (int c = 0; c < 3; c++) {
          float top = lerp(src[3 * (rowA + xa) + c] & 0xFF, src[3 * (rowA + xb) + c] & 0xFF, wx);
          float bottom = lerp(src[3 * (rowB + xa) + c] & 0xFF, src[3 * (rowB + xb) + c] & 0xFF, wx);
          out[c * plane + dst] = lerp(top, bottom, wy) * (1f / 255f);
        }
      }
    }
    return new Result(out, box);
  }

  /** Maps each of {@code n} output positions onto {@code srcLen} inputs, pixel centres aligned. */
  private static void axis(int srcLen, int n, int[] index, float[] frac) {
    double ratio = (double) srcLen / n;
    for (int i = 0; i < n; i++) {
      double s = Math.clamp((i + 0.5) * ratio - 0.5, 0.0, srcLen - 1);
      int i0 = (int) s;
      index[i] = i0;
      frac[i] = (float) (s - i0);
    }
  }

  private static float lerp(float a, float b, float t) {
    return a + (b - a) * t;
  }
}
