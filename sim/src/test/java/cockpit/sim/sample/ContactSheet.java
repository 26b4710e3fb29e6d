package cockpit.sim.sample;

import cockpit.sim.scene.ModelInput;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A grid of sampled scenes as the model sees them: each cell is the example's JPEG decoded and
 * letterboxed to {@code size} × {@code size}, one row per kind. Writes the sim/docs images:
 * {@code java -cp ... cockpit.sim.sample.ContactSheet OUT.png SIZE COLUMNS SEED}.
 */
public final class ContactSheet {
  private ContactSheet() {}

  static BufferedImage sheet(int size, int columns, long seed, int frameW, int frameH) {
    SceneKind[] kinds = {SceneKind.CABIN, SceneKind.CABIN, SceneKind.STREET, SceneKind.CAR_PARK};
    BufferedImage out = new BufferedImage(columns * (size + 2), kinds.length * (size + 2), BufferedImage.TYPE_INT_RGB);
    SceneSampler sampler = new SceneSampler();
    for (int r = 0; r < kinds.length; r++) {
      for (int c = 0; c < columns; c++) {
        Example ex = sampler.sample(kinds[r], seed + r * 1000L + c).example(frameW, frameH);
        BufferedImage cell = ModelInput.letterbox(decode(ex.jpeg()), size);
        out.getGraphics().drawImage(cell, c * (size + 2) + 1, r * (size + 2) + 1, null);
      }
    }
    return out;
  }

  static BufferedImage decode(byte[] jpeg) {
    try {
      return ImageIO.read(new ByteArrayInputStream(jpeg));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void main(String[] args) throws IOException {
    BufferedImage img = sheet(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]), 320, 240);
    Path out = Path.of(args[0]);
    ImageIO.write(img, out.toString().endsWith(".png") ? "png" : "jpeg", Files.newOutputStream(out));
  }
}
