package cockpit.perception.frame;

import cockpit.proto.v1.CameraFrame;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a {@code CameraFrame} into an {@link RgbImage}. Stateless and thread-safe; one instance
 * can serve every camera.
 *
 * <ul>
 *   <li>JPEG, PNG: read with {@code javax.imageio}; the image size comes from the file header and is
 *       checked against the pixel limit <em>before</em> the pixels are decoded (decompression
 *       bombs), then against the frame's width/height where those are nonzero. Alpha is dropped,
 *       grey and palette images are expanded to RGB.
 *   <li>RGB8: rows of {@code stride} bytes (0 = 3 · width); the last row needs only 3 · width bytes.
 *   <li>NV12: Y plane of {@code height} rows, then interleaved U,V plane of height/2 rows, both of
 *       {@code stride} bytes (0 = width); the last UV row needs only width bytes. Converted with
 *       BT.601 limited range (see {@link #yuvToRgb}).
 * </ul>
 *
 * Every malformed frame ends in {@link InvalidFrameException}; nothing else escapes.
 */
public final class FrameDecoder {
  /** Default pixel limit, 16 Mpx (4096 × 4096). */
  public static final long DEFAULT_MAX_PIXELS = 1L << 24;

  private final long maxPixels;

  public FrameDecoder() {
    this(DEFAULT_MAX_PIXELS);
  }

  /** @param maxPixels largest width · height accepted, at most {@code Integer.MAX_VALUE / 3} */
  public FrameDecoder(long maxPixels) {
    if (maxPixels < 1 || maxPixels > Integer.MAX_VALUE / 3) {
      throw new IllegalArgumentException("maxPixels " + maxPixels + " is outside 1.." + Integer.MAX_VALUE / 3);
    }
    this.maxPixels = maxPixels;
  }

  public long maxPixels() {
    return maxPixels;
  }

  public RgbImage decode(CameraFrame frame) throws InvalidFrameException {
    return switch (frame.getEncoding()) {
      case FRAME_ENCODING_JPEG -> decodeFile(frame, "JPEG", "jpeg");
      case FRAME_ENCODING_PNG -> decodeFile(frame, "PNG", "png");
      case FRAME_ENCODING_RGB8 -> decodeRgb8(frame);
      case FRAME_ENCODING_NV12 -> decodeNv12(frame);
      case FRAME_ENCODING_UNSPECIFIED -> throw new InvalidFrameException("unsupported encoding FRAME_ENCODING_UNSPECIFIED");
      case UNRECOGNIZED -> throw new InvalidFrameException("unsupported encoding number " + frame.getEncodingValue());
    };
  }

  private RgbImage decodeFile(CameraFrame frame, String label, String format) throws InvalidFrameException {
    byte[] data = frame.getData().toByteArray();
    if (data.length == 0) {
      throw new InvalidFrameException(label + " data is empty");
    }
    long headerW = Integer.toUnsignedLong(frame.getWidth());
    long headerH = Integer.toUnsignedLong(frame.getHeight());
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new InvalidFrameException("no " + label + " reader in this JVM");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
      reader.setInput(in, true, true);
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      checkPixelCount(label, w, h);
      if ((headerW != 0 && headerW != w) || (headerH != 0 && headerH != h)) {
        throw new InvalidFrameException(label + " data is " + w + "x" + h + " but the frame says " + headerW + "x" + headerH);
      }
      BufferedImage img = reader.read(0);
      if (img.getWidth() != w || img.getHeight() != h) {
        throw new InvalidFrameException(label + " decoded to " + img.getWidth() + "x" + img.getHeight()
            + " but its header says " + w + "x" + h);
      }
      return toRgb(img);
    } catch (IOException | RuntimeException e) {
      // ImageIO reports corrupt streams with IIOException but also with runtime exceptions
      // (index out of bounds, illegal state) from deep in the codecs.
      throw new InvalidFrameException(label + " data does not decode: " + e, e);
    } finally {
      reader.dispose();
    }
  }

  private static RgbImage toRgb(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] rgb = new byte[3 * w * h];
    if (isGrey(img)) {
      // ImageIO tags grey images with a linear grey colour space, so getRGB would "gamma-correct"
      // them (8 becomes 50); the stored levels are already display-encoded, so copy them as they are.
      Raster raster = img.getRaster();
      int max = (1 << img.getColorModel().getComponentSize(0)) - 1;
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, row);
        for (int x = 0, o = 3 * y * w; x < w; x++, o += 3) {
          byte v = (byte) ((row[x] * 255 + max / 2) / max);
          rgb[o] = v;
          rgb[o + 1] = v;
          rgb[o + 2] = v;
        }
      }
      return new RgbImage(w, h, rgb);
    }
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w); // sRGB ARGB, whatever the source model
      for (int x = 0, o = 3 * y * w; x < w; x++, o += 3) {
        int p = row[x];
        rgb[o] = (byte) (p >> 16);
        rgb[o + 1] = (byte) (p >> 8);
        rgb[o + 2] = (byte) p;
      }
    }
    return new RgbImage(w, h, rgb);
  }

  private static boolean isGrey(BufferedImage img) {
    ColorModel cm = img.getColorModel();
    return !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
        && cm.getComponentSize(0) <= 16;
  }

  private RgbImage decodeRgb8(CameraFrame frame) throws InvalidFrameException {
    int w = checkedSide("width", frame.getWidth());
    int h = checkedSide("height", frame.getHeight());
    checkPixelCount("RGB8", w, h);
    long rowBytes = 3L * w;
    long stride = frame.getStrideBytes() == 0 ? rowBytes : Integer.toUnsignedLong(frame.getStrideBytes());
    if (stride < rowBytes) {
      throw new InvalidFrameException("RGB8 frame " + w + "x" + h + " stride " + stride + " is below 3·width = " + rowBytes);
    }
    long needed = stride * (h - 1) + rowBytes;
    int got = frame.getData().size();
    if (got < needed) {
      throw new InvalidFrameException("RGB8 frame " + w + "x" + h + " stride " + stride + " needs " + needed
          + " bytes, got " + got);
    }
    byte[] data = frame.getData().toByteArray();
    byte[] rgb = new byte[(int) (rowBytes * h)];
    for (int y = 0; y < h; y++) {
      System.arraycopy(data, (int) (stride * y), rgb, (int) (rowBytes * y), (int) rowBytes);
    }
    return new RgbImage(w, h, rgb);
  }

  private RgbImage decodeNv12(CameraFrame frame) throws InvalidFrameException {
    int w = checkedSide("width", frame.getWidth());
    int h = checkedSide("height", frame.getHeight());
    if (w % 2 != 0 || h % 2 != 0) {
      throw new InvalidFrameException("NV12 frame " + w + "x" + h + " has an odd side; NV12 needs even width and height");
    }
    checkPixelCount("NV12", w, h);
    long stride = frame.getStrideBytes() == 0 ? w : Integer.toUnsignedLong(frame.getStrideBytes());
    if (stride < w) {
      throw new InvalidFrameException("NV12 frame " + w + "x" + h + " stride " + stride + " is below width " + w);
    }
    // Y rows [0, h) then UV rows [h, h + h/2); the last UV row needs only w bytes.
    long needed = stride * (h + h / 2 - 1) + w;
    int got = frame.getData().size();
    if (got < needed) {
      throw new InvalidFrameException("NV12 frame " + w + "x" + h + " stride " + stride + " needs " + needed
          + " bytes, got " + got);
    }
    byte[] d = frame.getData().toByteArray();
    int s = (int) stride;
    int uvBase = s * h;
    byte[] rgb = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      int yRow = y * s;
      int uvRow = uvBase + (y / 2) * s;
      for (int x = 0, o = 3 * y * w; x < w; x++, o += 3) {
        int uv = uvRow + (x & ~1);
        yuvToRgb(d[yRow + x] & 0xFF, d[uv] & 0xFF, d[uv + 1] & 0xFF, rgb, o);
      }
    }
    return new RgbImage(w, h, rgb);
  }

  /**
   * BT.601 limited range ("studio swing": Y 16–235, U/V 16–240) to full-range RGB, in 8.8 fixed
   * point with rounding, then clamped to 0–255:
   *
   * <pre>
   *   C = Y − 16, D = U − 128, E = V − 128
   *   R = 1.164·C             + 1.596·E     (298·C         + 409·E + 128) >> 8
   *   G = 1.164·C − 0.392·D − 0.813·E     (298·C − 100·D − 208·E + 128) >> 8
   *   B = 1.164·C + 2.017·D               (298·C + 516·D         + 128) >> 8
   * </pre>
   */
  static void yuvToRgb(int y, int u, int v, byte[] out, int at) {
    int c = 298 * (y - 16) + 128;
    int d = u - 128;
    int e = v - 128;
    out[at] = clamp((c + 409 * e) >> 8);
    out[at + 1] = clamp((c - 100 * d - 208 * e) >> 8);
    out[at + 2] = clamp((c + 516 * d) >> 8);
  }

  private static byte clamp(int v) {
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }

  private static int checkedSide(String name, int raw) throws InvalidFrameException {
    long v = Integer.toUnsignedLong(raw);
    if (v == 0) {
      throw new InvalidFrameException(name + " 0");
    }
    if (v > Integer.MAX_VALUE) {
      throw new InvalidFrameException(name + " " + v + " is too large");
    }
    return (int) v;
  }

  private void checkPixelCount(String label, long w, long h) throws InvalidFrameException {
    if (w <= 0 || h <= 0) {
      throw new InvalidFrameException(label + " image size " + w + "x" + h + " is empty");
    }
    if (w * h > maxPixels) {
      throw new InvalidFrameException(label + " image " + w + "x" + h + " has " + w * h + " pixels, above the limit of "
          + maxPixels);
    }
  }
}
