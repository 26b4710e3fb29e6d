package cockpit.sim.sample;

import cockpit.proto.v1.SeatPosition;
import cockpit.sim.scene.CabinScene;
import cockpit.sim.scene.CabinTruth;
import cockpit.sim.scene.DriverState;
import cockpit.sim.scene.ExteriorScene;
import cockpit.sim.scene.ExteriorTruth;
import cockpit.sim.scene.FrameEncoder;
import cockpit.sim.scene.Label;
import cockpit.sim.scene.Lighting;
import cockpit.sim.scene.ModelInput;
import cockpit.sim.scene.Occupant;
import cockpit.sim.scene.Rendered;
import cockpit.sim.scene.RoadUserScene;
import cockpit.sim.scene.SceneRenderer;
import cockpit.sim.scene.SeatScene;
import cockpit.sim.scene.SignFont;
import cockpit.sim.scene.SignScene;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes the images of sim/docs: what the model sees at 128 × 128 (320×240 frames letterboxed). Run:
 * {@code java -cp sim/target/classes:sim/target/test-classes:<deps> cockpit.sim.sample.DocImages sim/docs}.
 */
public final class DocImages {
  private static final SceneRenderer R = new SceneRenderer();

  private DocImages() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Files.write(dir.resolve("contact-sheet.jpg"), FrameEncoder.jpeg(ContactSheet.sheet(128, 6, 100, 320, 240), 88));
    ImageIO.write(driverStates(), "png", dir.resolve("driver-states.png").toFile());
    ImageIO.write(facings(), "png", dir.resolve("facing.png").toFile());
    ImageIO.write(fonts(), "png", dir.resolve("fonts.png").toFile());
  }

  /** Road, left, right, down, eyes closed, yawning; one row per lighting; the driver's head at 128, ×3. */
  static BufferedImage driverStates() {
    DriverState[] states = {DriverState.ATTENTIVE, new DriverState(DriverState.Head.LEFT, DriverState.Eyes.OPEN),
        new DriverState(DriverState.Head.RIGHT, DriverState.Eyes.OPEN),
        new DriverState(DriverState.Head.DOWN, DriverState.Eyes.OPEN),
        new DriverState(DriverState.Head.FORWARD, DriverState.Eyes.CLOSED),
        new DriverState(DriverState.Head.FORWARD, DriverState.Eyes.OPEN, true)};
    Lighting[] lights = Lighting.values();
    BufferedImage out = new BufferedImage(states.length * 66, lights.length * 66, BufferedImage.TYPE_INT_RGB);
    for (int l = 0; l < lights.length; l++) {
      for (int i = 0; i < states.length; i++) {
        CabinScene s = new CabinScene(2, List.of(SeatScene.of(1, SeatPosition.SEAT_POSITION_DRIVER_SIDE, Occupant.ADULT,
            i % 2 == 0)), states[i], lights[l]);
        Rendered r = R.render(s, 30 + l, 320, 240);
        paste(out, r, ((CabinTruth) r.truth()).driver().face(), 3, i * 66, l * 66);
      }
    }
    return out;
  }

  /** Person, cyclist, vehicle (rows) facing the car / back / profile at 4 m and 20 m (columns), at 128, ×2. */
  static BufferedImage facings() {
    ExteriorScene.RoadUser[] kinds = {ExteriorScene.RoadUser.PERSON, ExteriorScene.RoadUser.CYCLIST,
        ExteriorScene.RoadUser.VEHICLE};
    BufferedImage out = new BufferedImage(6 * 66, 3 * 66, BufferedImage.TYPE_INT_RGB);
    for (int k = 0; k < kinds.length; k++) {
      int col = 0;
      for (RoadUserScene.Facing f : RoadUserScene.Facing.values()) {
        for (double d : new double[] {4, 20}) {
          RoadUserScene u = new RoadUserScene(kinds[k], ExteriorScene.Side.LEFT, ExteriorScene.End.FRONT, d,
              f == RoadUserScene.Facing.FRONT, f);
          Rendered r = R.render(new ExteriorScene(ExteriorScene.Place.STREET, List.of(u), List.of(), Lighting.DAY), 5 + k,
              320, 240);
          paste(out, r, ((ExteriorTruth) r.truth()).roadUsers().getFirst().box(), 2, col * 66, k * 66);
          col++;
        }
      }
    }
    return out;
  }

  /** The four fonts on the three sign kinds, at 128, ×2. */
  static BufferedImage fonts() {
    SignScene.Kind[] kinds = SignScene.Kind.values();
    BufferedImage out = new BufferedImage(4 * 82, kinds.length * 42, BufferedImage.TYPE_INT_RGB);
    String[] texts = {"P3", "B12", "C4"};
    for (int k = 0; k < kinds.length; k++) {
      for (SignFont f : SignFont.values()) {
        SignScene s = new SignScene(kinds[k], texts[k], SignScene.Direction.REAR, f);
        Rendered r = R.render(new ExteriorScene(ExteriorScene.Place.CAR_PARK, List.of(), List.of(s), Lighting.DAY), 3,
            320, 240);
        Label.Box b = ((ExteriorTruth) r.truth()).signs().getFirst().box();
        BufferedImage m = ModelInput.letterbox(r.image(), 128);
        int[] mb = ModelInput.box(b, 320, 240, 128);
        int cx = (mb[0] + mb[2]) / 2 - 20;
        int cy = (mb[1] + mb[3]) / 2 - 10;
        copy(out, m, cx, cy, 40, 20, 2, f.ordinal() * 82, k * 42);
      }
    }
    return out;
  }

  /** The model-input view of {@code r} around {@code box}, 64 / k px square, scaled {@code k}. */
  private static void paste(BufferedImage out, Rendered r, Label.Box box, int k, int ox, int oy) {
    BufferedImage m = ModelInput.letterbox(r.image(), 128);
    int[] b = ModelInput.box(box, r.image().getWidth(), r.image().getHeight(), 128);
    int size = 64 / k;
    copy(out, m, (b[0] + b[2]) / 2 - size / 2, (b[1] + b[3]) / 2 - size / 2, size, size, k, ox, oy);
  }

  private static void copy(BufferedImage out, BufferedImage m, int x0, int y0, int w, int h, int k, int ox, int oy) {
    for (int y = 0; y < h * k; y++) {
      for (int x = 0; x < w * k; x++) {
        int sx = Math.clamp(x0 + x / k, 0, m.getWidth() - 1);
        int sy = Math.clamp(y0 + y / k, 0, m.getHeight() - 1);
        out.setRGB(ox + x, oy + y, m.getRGB(sx, sy));
      }
    }
  }
}
