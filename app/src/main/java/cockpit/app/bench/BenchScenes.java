package cockpit.app.bench;

import cockpit.proto.v1.CameraFrame;
import cockpit.proto.v1.FrameEncoding;
import com.google.protobuf.ByteString;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Seeded synthetic camera frames for the perception benchmarks: a cabin-like layout (gradient, seat
 * blocks), optional sensor noise (small per-pixel jitter the change gate should ignore) and an optional
 * moving figure (a change it should pass). JPEG, as camera ECUs send. Not the sim/ renderer: no labels.
 */
public final class BenchScenes {
  static final int WIDTH = 640;
  static final int HEIGHT = 480;

  private BenchScenes() {}

  /**
   * @param scene layout seed (same seed = same layout)
   * @param noise sensor-noise seed (jitter of ±3 grey levels), or -1 for none
   * @param figureX left edge of a walking figure in pixels, or -1 for none
   */
  public static byte[] jpeg(long scene, long noise, int figureX) {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    Random r = new Random(scene);
    for (int y = 0; y < HEIGHT; y += 8) {
      int v = 40 + y * 120 / HEIGHT;
      g.setColor(new Color(v, v, Math.min(255, v + 20)));
      g.fillRect(0, y, WIDTH, 8);
    }
    for (int i = 0; i < 6; i++) {
      g.setColor(new Color(r.nextInt(200), r.nextInt(200), r.nextInt(200)));
      g.fillRoundRect(20 + r.nextInt(WIDTH - 200), 60 + r.nextInt(HEIGHT - 220), 80 + r.nextInt(100),
          100 + r.nextInt(100), 20, 20);
    }
    if (figureX >= 0) {
      g.setColor(new Color(230, 190, 150));
      g.fillOval(figureX, 120, 60, 60);
      g.setColor(new Color(30, 60, 160));
      g.fillRect(figureX - 10, 180, 80, 200);
    }
    g.dispose();
    if (noise >= 0) {
      Random n = new Random(noise);
      for (int y = 0; y < HEIGHT; y++) {
        for (int x = 0; x < WIDTH; x++) {
          int d = n.nextInt(7) - 3;
          int p = img.getRGB(x, y);
          img.setRGB(x, y, (clamp(((p >> 16) & 255) + d) << 16) | (clamp(((p >> 8) & 255) + d) << 8)
              | clamp((p & 255) + d));
        }
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static CameraFrame frame(String camera, long sequence, byte[] jpeg) {
    return CameraFrame.newBuilder().setCameraId(camera).setSequence(sequence)
        .setEncoding(FrameEncoding.FRAME_ENCODING_JPEG).setWidth(WIDTH).setHeight(HEIGHT)
        .setData(ByteString.copyFrom(jpeg)).build();
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
