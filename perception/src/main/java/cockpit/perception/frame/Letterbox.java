package cockpit.perception.frame;

/**
 * Where a source image landed inside the square model input: scaled by {@code scale} (the same
 * factor on both axes, up to rounding of the content size) to {@code contentWidth × contentHeight}
 * pixels, placed at ({@code offsetX}, {@code offsetY}) in a {@code size × size} canvas. Use it to map
 * a detection's box, normalized to the model input, back to source-frame pixels.
 */
public record Letterbox(int sourceWidth, int sourceHeight, int size, double scale, int offsetX, int offsetY,
    int contentWidth, int contentHeight) {
  public Letterbox {
    if (sourceWidth <= 0 || sourceHeight <= 0 || size <= 0) {
      throw new IllegalArgumentException("letterbox " + sourceWidth + "x" + sourceHeight + " → " + size + " is empty");
    }
    if (!(scale > 0) || contentWidth <= 0 || contentHeight <= 0 || offsetX < 0 || offsetY < 0
        || offsetX + contentWidth > size || offsetY + contentHeight > size) {
      throw new IllegalArgumentException("content " + contentWidth + "x" + contentHeight + " at " + offsetX + ","
          + offsetY + " does not fit in " + size);
    }
  }

  /** Letterbox of a {@code w × h} image into {@code size × size}, content centred. */
  public static Letterbox of(int w, int h, int size) {
    if (w <= 0 || h <= 0 || size <= 0) {
      throw new IllegalArgumentException("letterbox " + w + "x" + h + " → " + size + " is empty");
    }
    double scale = Math.min((double) size / w, (double) size / h);
    int cw = Math.clamp(Math.round(w * scale), 1, size);
    int ch = Math.clamp(Math.round(h * scale), 1, size);
    return new Letterbox(w, h, size, scale, (size - cw) / 2, (size - ch) / 2, cw, ch);
  }

  /** Source x in pixels (clamped to [0, sourceWidth]) of model x normalized to [0, 1]. */
  public double toSourceX(double normalizedX) {
    double px = (normalizedX * size - offsetX) * sourceWidth / contentWidth;
    return Math.clamp(px, 0.0, sourceWidth);
  }

  /** Source y in pixels (clamped to [0, sourceHeight]) of model y normalized to [0, 1]. */
  public double toSourceY(double normalizedY) {
    double py = (normalizedY * size - offsetY) * sourceHeight / contentHeight;
    return Math.clamp(py, 0.0, sourceHeight);
  }

  /** Model x normalized to [0, 1] of source x in pixels; the inverse of {@link #toSourceX}. */
  public double toModelX(double sourceX) {
    return (offsetX + sourceX * contentWidth / sourceWidth) / size;
  }

  /** Model y normalized to [0, 1] of source y in pixels; the inverse of {@link #toSourceY}. */
  public double toModelY(double sourceY) {
    return (offsetY + sourceY * contentHeight / sourceHeight) / size;
  }
}
