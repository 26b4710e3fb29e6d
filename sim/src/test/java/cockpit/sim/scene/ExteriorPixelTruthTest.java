package cockpit.sim.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Surround-view ground truth against pixels: sign text, facing (approaching) and kind change pixels
 * only inside the truth's box and stay visible at a 128-pixel model input; corners and distances put
 * the sprite where the truth says.
 */
class ExteriorPixelTruthTest {
  private static final SceneRenderer R = new SceneRenderer();

  private static ExteriorScene park(List<RoadUserScene> users, List<SignScene> signs, Lighting l) {
    return new ExteriorScene(ExteriorScene.Place.CAR_PARK, users, signs, l);
  }

  private static BufferedImage img(ExteriorScene s, long seed) {
    return R.render(s, seed, 320, 240).image();
  }

  private static ExteriorTruth truth(ExteriorScene s, long seed) {
    return (ExteriorTruth) R.render(s, seed, 320, 240).truth();
  }

  @ParameterizedTest
  @EnumSource(Lighting.class)
  void signTextChangesPixelsOnlyInsideTheSignAndReadsAt128(Lighting light) {
    for (SignScene.Kind kind : SignScene.Kind.values()) {
      for (SignFont font : SignFont.values()) {
        for (SignScene.Direction dir : SignScene.Direction.values()) {
          String[] texts = dir.beside() ? new String[] {"B12", "B17"} : new String[] {"LEVEL 3", "LEVEL 8"};
          ExteriorScene a = park(List.of(), List.of(new SignScene(kind, texts[0], dir, font)), light);
          ExteriorScene b = park(List.of(), List.of(new SignScene(kind, texts[1], dir, font)), light);
          SignTruth t = truth(a, 21).signs().getFirst();
          Pixels d = Pixels.diff(img(a, 21), img(b, 21), t.box(), 1, 128);
          String what = light + " " + kind + " " + font + " " + dir + ": " + d;
          assertTrue(d.changed() > 20 && d.inRegion() == 1, what);
          assertTrue(d.modelMax() > 40, what);
          assertTrue(t.unit() >= 3, "a character is at least 7 × 0.4 × 3 = 8.4 px high at 128: " + t);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Lighting.class)
  void facingTheCarDiffersFromBackAndProfileInsideTheSprite(Lighting light) {
    for (ExteriorScene.RoadUser kind : List.of(ExteriorScene.RoadUser.PERSON, ExteriorScene.RoadUser.CYCLIST,
        ExteriorScene.RoadUser.VEHICLE)) {
      for (double distance : new double[] {2, 10, 35}) {
        ExteriorScene front = park(List.of(user(kind, RoadUserScene.Facing.FRONT, distance)), List.of(), light);
        for (RoadUserScene.Facing away : List.of(RoadUserScene.Facing.BACK, RoadUserScene.Facing.PROFILE)) {
          ExteriorScene other = park(List.of(user(kind, away, distance)), List.of(), light);
          Label.Box both = Pixels.union(truth(front, 8).roadUsers().getFirst().box(),
              truth(other, 8).roadUsers().getFirst().box());
          Pixels d = Pixels.diff(img(front, 8), img(other, 8), both, 1, 128);
          String what = light + " " + kind + " at " + distance + " m, front vs " + away + ": " + d;
          assertTrue(d.changed() > 30 && d.inRegion() == 1, what);
          assertTrue(d.modelMax() > 60, what);
        }
      }
    }
  }

  private static RoadUserScene user(ExteriorScene.RoadUser kind, RoadUserScene.Facing f, double distance) {
    return new RoadUserScene(kind, ExteriorScene.Side.RIGHT, ExteriorScene.End.REAR, distance,
        f == RoadUserScene.Facing.FRONT, f);
  }

  @Test
  void eachCornerAndDistancePutsTheSpriteThereAndNearerIsLargerAndCloser() {
    for (ExteriorScene.RoadUser kind : List.of(ExteriorScene.RoadUser.PERSON, ExteriorScene.RoadUser.CYCLIST,
        ExteriorScene.RoadUser.VEHICLE)) {
      for (ExteriorScene.Side side : ExteriorScene.Side.values()) {
        for (ExteriorScene.End end : ExteriorScene.End.values()) {
          for (long seed = 0; seed < 4; seed++) {
            double lastHeight = Double.MAX_VALUE;
            double lastReach = 0;
            for (double d : new double[] {1.5, 6, 20, 45}) {
              RoadUserScene u = new RoadUserScene(kind, side, end, d, seed % 2 == 0);
              ExteriorTruth t = truth(new ExteriorScene(ExteriorScene.Place.STREET, List.of(u), List.of(), Lighting.DAY),
                  seed);
              Label.Box b = t.roadUsers().getFirst().box();
              double cx = b.x() + b.width() / 2 - (0.5 + t.variation().shiftX());
              double cy = b.y() + b.height() / 2 - (0.5 + t.variation().shiftY());
              String what = kind + " " + u.zone() + " " + d + " m seed " + seed + ": " + b;
              assertEquals(side == ExteriorScene.Side.LEFT, cx < 0, what);
              assertEquals(end == ExteriorScene.End.FRONT, cy < 0, what);
              assertTrue(b.height() < lastHeight, "further is smaller: " + what);
              double reach = Math.hypot(cx * 320, cy * 240);
              assertTrue(reach > lastReach, "further is further from the car: " + what);
              lastHeight = b.height();
              lastReach = reach;
            }
          }
        }
      }
    }
  }

  @Test
  void lightingChangesTheWholeImageIrIsGreyNightIsDark() {
    ExteriorScene day = park(List.of(user(ExteriorScene.RoadUser.PERSON, RoadUserScene.Facing.FRONT, 5)),
        List.of(new SignScene(SignScene.Kind.LEVEL, "P3", SignScene.Direction.FRONT, SignFont.BLOCK)), Lighting.DAY);
    ExteriorScene night = new ExteriorScene(day.place(), day.roadUsers(), day.signs(), Lighting.NIGHT);
    ExteriorScene ir = new ExteriorScene(day.place(), day.roadUsers(), day.signs(), Lighting.IR);
    assertTrue(meanLuma(img(night, 3)) < 0.75 * meanLuma(img(day, 3)));
    BufferedImage g = img(ir, 3);
    for (int y = 0; y < g.getHeight(); y += 7) {
      for (int x = 0; x < g.getWidth(); x += 7) {
        int p = g.getRGB(x, y);
        assertTrue((p >> 16 & 0xFF) == (p & 0xFF) && (p >> 8 & 0xFF) == (p & 0xFF), "IR pixel " + x + "," + y);
      }
    }
  }

  private static double meanLuma(BufferedImage img) {
    double sum = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        sum += 0.299 * (p >> 16 & 0xFF) + 0.587 * (p >> 8 & 0xFF) + 0.114 * (p & 0xFF);
      }
    }
    return sum / (img.getWidth() * img.getHeight());
  }
}
