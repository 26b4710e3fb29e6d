package cockpit.perception.frame;

import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.FrameEncoding;
import com.google.protobuf.ByteString;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Seeded synthetic images and frames for the frame tests. */
final class TestImages {
  private TestImages() {}

  /** Smooth gradients plus seeded noise, so JPEG stays close and PNG is exact. */
  static RgbImage synthetic(int w, int h, long seed) {
    Random rnd = new Random(seed);
    byte[] rgb = new byte[3 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int o = 3 * (y * w + x);
        rgb[o] = (byte) Math.clamp(255L * x / w + rnd.nextInt(9) - 4, 0, 255);
        rgb[o + 1] = (byte) Math.clamp(255L * y / h + rnd.nextInt(9) - 4, 0, 255);
        rgb[o + 2] = (byte) Math.clamp(128 + rnd.nextInt(9) - 4, 0, 255);
      }
    }
    return new RgbImage(w, h, rgb);
  }

  static RgbImage solid(int w, int h, int r, int g, int b) {
    byte[] rgb = new byte[3 * w * h];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) r;
      rgb[i + 1] = (byte) g;
      rgb[i + 2] = (byte) b;
    }
    return new RgbImage(w, h, rgb);
  }

  static BufferedImage toBuffered(RgbImage img) {
    BufferedImage bi = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        bi.setRGB(x, y, img.sample(x, y, 0) << 16 | img.sample(x, y, 1) << 8 | img.sample(x, y, 2));
      }
    }
    return bi;
  }

  static byte[] encode(BufferedImage bi, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(bi, format, out)) {
        throw new IllegalStateException("no writer for " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CameraFrame frame(FrameEncoding enc, int w, int h, int stride, byte[] data) {
    return CameraFrame.newBuilder().setCameraId("cabin-front").setSequence(7).setEncoding(enc).setWidth(w)
        .setHeight(h).setStrideBytes(stride).setData(ByteString.copyFrom(data)).build();
  }
}
