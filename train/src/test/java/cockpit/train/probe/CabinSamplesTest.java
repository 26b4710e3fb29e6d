package cockpit.train.probe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.sim.scene.CabinScene;
import cockpit.sim.scene.Occupant;
import cockpit.sim.scene.SeatScene;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Probe data: deterministic per (seed, index), and the targets say what the scene put in each seat. */
class CabinSamplesTest {
  @Test
  void theSameSeedAndIndexGiveTheSamePixelsAndTargets() {
    CabinSamples a = new CabinSamples(3, 64);
    CabinSample x = a.get(5);
    CabinSample y = new CabinSamples(3, 64).get(5);
    assertArrayEquals(x.pixels(), y.pixels());
    assertArrayEquals(x.seat(), y.seat());
    assertArrayEquals(x.belt(), y.belt());
    assertEquals(x.eyesOnRoad(), y.eyesOnRoad());
    assertFalse(java.util.Arrays.equals(x.pixels(), a.get(6).pixels()), "another index, another cabin");
  }

  @Test
  void targetsReadFromTheGroundTruthMatchTheScene() {
    for (int i = 0; i < 40; i++) {
      SplittableRandom r = new SplittableRandom(i);
      CabinScene scene = CabinSamples.scene(r);
      CabinSample s = CabinSamples.targets(new cockpit.sim.scene.SceneRenderer().render(scene, i, 96, 96),
          new float[0]);
      for (int k = 0; k < CabinSamples.SLOTS.size(); k++) {
        SeatScene seat = scene.seats().get(k);
        assertEquals(seat.occupant().ordinal(), s.seat()[k], "slot " + k);
        assertEquals(seat.occupant().wearsBelt() ? (seat.belted() ? 1 : 0) : -1, s.belt()[k], "belt of slot " + k);
      }
      int eyes = scene.hasDriver() ? (scene.driver().eyesOnRoad() ? 1 : 0) : -1;
      assertEquals(eyes, s.eyesOnRoad());
      assertTrue(scene.seats().get(0).occupant() == Occupant.ADULT || s.eyesOnRoad() == -1);
    }
  }
}
