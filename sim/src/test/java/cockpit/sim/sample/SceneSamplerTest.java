package cockpit.sim.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.sim.scene.CabinScene;
import cockpit.sim.scene.CabinTruth;
import cockpit.sim.scene.ExteriorScene;
import cockpit.sim.scene.ExteriorTruth;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SceneSamplerTest {
  private static final SceneSampler S = new SceneSampler();
  private static final List<Combination> HELD = List.of(Combination.parse("seat=row2.middle+object=phone"),
      Combination.parse("lighting=night+gaze=left"), Combination.parse("occupant=child+belted=false"));

  @Test
  void theSameSeedGivesTheSameJpegBytesAndTruthAnotherSeedDiffers() {
    for (SceneKind kind : SceneKind.values()) {
      Example a = S.sample(kind, 42).example(320, 240);
      Example b = new SceneSampler().sample(kind, 42).example(320, 240);
      assertArrayEquals(a.jpeg(), b.jpeg(), kind.toString());
      assertEquals(a.truth().toJson(), b.truth().toJson());
      Example c = S.sample(kind, 43).example(320, 240);
      assertFalse(Arrays.equals(a.jpeg(), c.jpeg()), kind.toString());
    }
  }

  @Test
  void excludedCombinationsNeverAppearThoughTheyDoWithoutTheConstraint() {
    SceneConstraint train = SceneConstraint.excluding(HELD);
    int[] unconstrained = new int[HELD.size()];
    for (long seed = 0; seed < 400; seed++) {
      SceneFacts free = S.sample(SceneKind.CABIN, seed).facts();
      SceneFacts kept = S.sample(SceneKind.CABIN, seed, train).facts();
      for (int i = 0; i < HELD.size(); i++) {
        unconstrained[i] += free.shows(HELD.get(i)) ? 1 : 0;
        assertFalse(kept.shows(HELD.get(i)), "seed " + seed + " shows " + HELD.get(i));
      }
    }
    for (int i = 0; i < HELD.size(); i++) {
      assertTrue(unconstrained[i] > 5, HELD.get(i) + " appears " + unconstrained[i] + " times in 400 free draws");
    }
  }

  @Test
  void requiringAnyAlwaysShowsOneOfTheCombinations() {
    SceneConstraint heldOut = SceneConstraint.requiringAny(HELD);
    int redrawn = 0;
    for (long seed = 0; seed < 150; seed++) {
      SampledScene s = S.sample(SceneKind.CABIN, seed, heldOut);
      assertTrue(HELD.stream().anyMatch(s.facts()::shows), "seed " + seed);
      redrawn += s.draw() > 0 ? 1 : 0;
    }
    assertTrue(redrawn > 10, "the constraint made the sampler redraw " + redrawn + " times");
  }

  @Test
  void onlyCombinationsKeepsEveryDriverToTheListedLightingAndGazePairs() {
    List<Combination> allowed = List.of(Combination.parse("lighting=day+gaze=road"),
        Combination.parse("lighting=night+gaze=left"), Combination.parse("lighting=ir+gaze=down"));
    SceneConstraint only = SceneConstraint.onlyCombinations(allowed);
    int driverless = 0;
    for (long seed = 0; seed < 200; seed++) {
      SampledScene s = S.sample(SceneKind.CABIN, seed, only);
      CabinScene c = (CabinScene) s.scene();
      if (!c.hasDriver()) {
        driverless++;
        continue;
      }
      String pair = "lighting=" + c.lighting().label() + "+gaze=" + c.driver().head().gaze();
      assertTrue(allowed.stream().anyMatch(a -> a.toString().equals(pair)), "seed " + seed + ": " + pair);
    }
    assertTrue(driverless > 0, "scenes without a driver are not held to the pairs");
    assertThrows(IllegalArgumentException.class, () -> SceneConstraint.onlyCombinations(
        List.of(Combination.parse("lighting=day+gaze=road"), Combination.parse("lighting=day"))));
  }

  @Test
  void aPredicateAndACombinedConstraintHold() {
    SceneConstraint busy = SceneConstraint.where("three or more road users",
        s -> ((ExteriorScene) s.scene()).roadUsers().size() >= 3);
    SceneConstraint both = busy.and(SceneConstraint.excluding(List.of(Combination.parse("kind=vehicle"))));
    for (long seed = 0; seed < 40; seed++) {
      ExteriorScene e = (ExteriorScene) S.sample(SceneKind.STREET, seed, both).scene();
      assertTrue(e.roadUsers().size() >= 3);
      assertTrue(e.roadUsers().stream().noneMatch(u -> u.kind() == ExteriorScene.RoadUser.VEHICLE));
    }
    assertEquals("three or more road users and excluding [kind=vehicle]", both.description());
  }

  @Test
  void anImpossibleConstraintFailsNamingIt() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> S.sample(SceneKind.CAR_PARK, 1, SceneConstraint.excluding(List.of(Combination.parse("entity=scene")))));
    assertTrue(e.getMessage().contains("excluding [entity=scene]") && e.getMessage().contains("too narrow"),
        e.getMessage());
  }

  @Test
  void badCombinationTextIsRejectedWithThePart() {
    var e = assertThrows(IllegalArgumentException.class, () -> Combination.parse("lighting=night+gaze"));
    assertTrue(e.getMessage().contains("'gaze'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Combination.parse("a=1+a=2"));
    assertEquals("occupant=child+object=phone", Combination.of("occupant", "child", "object", "phone").toString());
  }

  @Test
  void theTruthOfASampleAgreesWithItsScene() {
    for (long seed = 0; seed < 30; seed++) {
      SampledScene c = S.sample(SceneKind.CABIN, seed);
      CabinScene scene = (CabinScene) c.scene();
      CabinTruth t = (CabinTruth) c.render(320, 240).truth();
      assertEquals(scene.seats().size(), t.seats().size());
      for (int i = 0; i < t.seats().size(); i++) {
        assertEquals(scene.seats().get(i).occupant(), t.seats().get(i).occupant());
        assertEquals(scene.seats().get(i).objects(), t.seats().get(i).objects().stream()
            .map(o -> o.object()).toList());
      }
      assertEquals(scene.hasDriver(), t.driver() != null);
      assertEquals(scene.lighting(), t.lighting());
      SampledScene p = S.sample(SceneKind.CAR_PARK, seed);
      ExteriorTruth e = (ExteriorTruth) p.render(320, 240).truth();
      assertEquals(((ExteriorScene) p.scene()).signs(), e.signs().stream().map(s -> s.sign()).toList());
      assertEquals(((ExteriorScene) p.scene()).roadUsers(), e.roadUsers().stream().map(u -> u.user()).toList());
    }
  }
}
