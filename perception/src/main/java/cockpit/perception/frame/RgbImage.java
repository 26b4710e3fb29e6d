package cockpit.perception.frame;

/**
 * A decoded image: packed 8-bit R, G, B, rows top to bottom, no padding ({@code rgb.length ==
 * 3 · width · height}). The array is shared, not copied: whoever holds the image must not modify
 * it after handing it on. Equality is by identity of the array, as for any record with an array.
 */
public record RgbImage(int width, int height, byte[] rgb) {
  public RgbImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size " + width + "x" + height + " is not positive");
    }
    if (rgb == null || rgb.length != 3L * width * height) {
      throw new IllegalArgumentException("image " + width + "x" + height + " needs " + 3L * width * height
          + " RGB bytes, got " + (rgb == null ? "null" : rgb.length));
    }
  }

  /** Red, green or blue ({@code channel} 0, 1, 2) of pixel (x, y), 0–255. */
  public int sample(int x, int y, int channel) {
    return rgb[3 * (y * width + x) + channel] & 0xFF;
  }
}
