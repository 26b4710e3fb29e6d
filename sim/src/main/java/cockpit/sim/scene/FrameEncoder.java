package cockpit.sim.scene;

import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.FrameEncoding;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Encodes an RGB image as a {@link CameraFrame} payload in any {@link FrameEncoding}: JPEG and PNG
 * through {@code javax.imageio}, RGB8 tightly packed, NV12 with {@link Nv12}. Stateless, thread-safe.
 */
public final class FrameEncoder {
  private FrameEncoder() {}

  /** The bytes of {@code img} in {@code encoding}; NV12 needs an even width and height. */
  public static byte[] encode(BufferedImage img, FrameEncoding encoding) {
    return switch (encoding) {
      case FRAME_ENCODING_JPEG -> file(img, "jpeg");
      case FRAME_ENCODING_PNG -> file(img, "png");
      case FRAME_ENCODING_RGB8 -> rgb8(img);
      case FRAME_ENCODING_NV12 -> Nv12.fromRgb(img);
      case FRAME_ENCODING_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException("cannot encode a frame as " + encoding);
    };
  }

  /**
   * Baseline JPEG at {@code quality} 1..100 (libjpeg's scale; {@link #encode} uses the writer's default,
   * 75). Deterministic: the same image and quality give the same bytes.
   */
  public static byte[] jpeg(BufferedImage img, int quality) {
    if (quality < 1 || quality > 100) {
      throw new IllegalArgumentException("JPEG quality " + quality + " is outside 1..100");
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality / 100f);
      writer.setOutput(ios);
      writer.write(null, new IIOImage(img, null, null), p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /** A complete CameraFrame (stride 0: tightly packed) for {@code img}. */
  public static CameraFrame frame(BufferedImage img, FrameEncoding encoding, String cameraId, long sequence,
      Instant captureTime) {
    return CameraFrame.newBuilder().setCameraId(cameraId).setSequence(sequence)
        .setCaptureTime(Timestamp.newBuilder().setSeconds(captureTime.getEpochSecond()).setNanos(captureTime.getNano()))
        .setEncoding(encoding).setWidth(img.getWidth()).setHeight(img.getHeight())
        .setData(ByteString.copyFrom(encode(img, encoding))).build();
  }

  /** Parses a scenario/CLI encoding name: jpeg, png, rgb8, nv12. */
  public static FrameEncoding parse(String name) {
    return switch (name) {
      case "jpeg", "jpg" -> FrameEncoding.FRAME_ENCODING_JPEG;
      case "png" -> FrameEncoding.FRAME_ENCODING_PNG;
      case "rgb8" -> FrameEncoding.FRAME_ENCODING_RGB8;
      case "nv12" -> FrameEncoding.FRAME_ENCODING_NV12;
      default -> throw new IllegalArgumentException("unknown frame encoding '" + name
          + "'; expected jpeg, png, rgb8 or nv12");
    };
  }

  private static byte[] file(BufferedImage img, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(img, format, out)) {
        throw new IllegalStateException("no " + format + " writer in this JVM");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] rgb8(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] out = new byte[w * h * 3];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 3;
        out[i] = (byte) (row[x] >> 16);
        out[i + 1] = (byte) (row[x] >> 8);
        out[i + 2] = (byte) row[x];
      }
    }
    return out;
  }
}
