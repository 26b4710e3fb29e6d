package cockpit.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.perception.task.PerceptionTasks;
import cockpit.sim.sample.Combination;
import cockpit.sim.sample.SceneKind;
import cockpit.sim.scene.CabinTruth;
import cockpit.sim.scene.ExteriorTruth;
import cockpit.sim.scene.Occupant;
import cockpit.sim.scene.SeatTruth;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The perception generator: deterministic, answers from the truth in the runtime schemas, splits apart. */
class PerceptionDataTest {
  static final PerceptionData DATA = new PerceptionData(128, SplitRecipe.defaults(), PerceptionTasks.defaults());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSameIndexGivesTheSameExampleAndAnotherIndexAnother() {
    for (String task : DATA.taskNames()) {
      PerceptionExample a = DATA.example(Split.TRAIN, task, 7);
      PerceptionExample b = DATA.example(Split.TRAIN, task, 7);
      PerceptionExample c = DATA.example(Split.TRAIN, task, 8);
      assertArrayEquals(a.pixels(), b.pixels(), task);
      assertEquals(a.answer(), b.answer(), task);
      assertEquals(3 * 128 * 128, a.pixels().length);
      assertFalse(java.util.Arrays.equals(a.pixels(), c.pixels()), task + ": another index, another frame");
      assertEquals(DATA.task(task).prompt(), a.question(), "the runtime's prompt");
      assertEquals(a.answer(), DATA.answer(Split.TRAIN, task, 7), "answer() draws the same scene");
    }
  }

  @Test
  void everyAnswerIsAcceptedByTheRuntimeGrammarOfItsTask() {
    for (String task : DATA.taskNames()) {
      SchemaAnswer schema = new SchemaAnswer(DATA.task(task).schema());
      for (int i = 0; i < 12; i++) {
        String a = DATA.example(Split.VALIDATION, task, i).answer();
        assertTrue(schema.grammar().accepts(a), task + ": " + a);
        assertFalse(a.replaceAll("\"[^\"]*\"", "").contains(" "), "compact: " + a);
      }
    }
  }

  @Test
  void cabinAnswersSayWhatTheGroundTruthSays() throws Exception {
    for (int i = 0; i < 10; i++) {
      PerceptionExample occ = DATA.example(Split.TRAIN, PerceptionTasks.OCCUPANCY, i);
      CabinTruth t = (CabinTruth) occ.truth();
      JsonNode seats = JSON.readTree(occ.answer()).get("seats");
      assertEquals(t.seats().size(), seats.size());
      for (int k = 0; k < seats.size(); k++) {
        SeatTruth s = t.seats().get(k);
        assertEquals(s.occupant().label(), seats.get(k).get("occupant").asText());
        assertEquals(s.row(), seats.get(k).get("row").asInt());
        assertEquals(s.positionLabel(), seats.get(k).get("position").asText());
        assertEquals(s.occupant().wearsBelt() && s.belted(), seats.get(k).get("belted").asBoolean());
      }
      PerceptionExample cp = DATA.example(Split.TRAIN, PerceptionTasks.CHILD_PRESENCE, i);
      CabinTruth c = (CabinTruth) cp.truth();
      boolean child = c.seats().stream().anyMatch(s -> s.occupant() == Occupant.CHILD
          || s.occupant() == Occupant.INFANT_SEAT_OCCUPIED);
      assertEquals(child, JSON.readTree(cp.answer()).get("child_present").asBoolean(), cp.answer());
      PerceptionExample dm = DATA.example(Split.TRAIN, PerceptionTasks.DRIVER_MONITORING, i);
      CabinTruth d = (CabinTruth) dm.truth();
      assertTrue(d.driver() != null, "driver monitoring frames have a driver");
      assertEquals(d.driver().eyesOnRoad(), JSON.readTree(dm.answer()).get("eyes_on_road").asBoolean());
      assertEquals(d.driver().drowsy(), JSON.readTree(dm.answer()).get("drowsy").asBoolean());
    }
  }

  @Test
  void exteriorAnswersSayWhatTheGroundTruthSays() throws Exception {
    for (int i = 0; i < 10; i++) {
      PerceptionExample door = DATA.example(Split.TRAIN, PerceptionTasks.DOOR_HAZARD, i);
      ExteriorTruth t = (ExteriorTruth) door.truth();
      JsonNode users = JSON.readTree(door.answer()).get("road_users");
      assertEquals(t.roadUsers().size(), users.size(), door.answer());
      var sorted = AnswerFacts.byCorner(t.roadUsers());
      for (int k = 0; k < users.size(); k++) {
        var u = sorted.get(k).user();
        assertEquals(u.kind().label(), users.get(k).get("kind").asText());
        assertEquals(u.approaching(), users.get(k).get("approaching").asBoolean());
        assertEquals(Math.round(u.distanceM()), users.get(k).get("distance_m").asLong());
      }
      PerceptionExample finder = DATA.example(Split.TRAIN, PerceptionTasks.CAR_FINDER, i);
      ExteriorTruth f = (ExteriorTruth) finder.truth();
      JsonNode marks = JSON.readTree(finder.answer()).get("landmarks");
      assertEquals(f.signs().size(), marks.size(), finder.answer());
      assertTrue(f.signs().stream().allMatch(s -> s.covered() == 0), "car finder signs are uncovered");
      f.signs().forEach(s -> assertTrue(finder.answer().contains("\"label\":\"" + s.sign().text() + "\""), s.sign()
          .text()));
    }
  }

  @Test
  void trainingNeverShowsAHeldOutCombinationAndEveryHeldOutExampleShowsOne() {
    SplitRecipe recipe = SplitRecipe.defaults();
    for (String task : DATA.taskNames()) {
      for (int i = 0; i < 6; i++) {
        for (Split s : List.of(Split.TRAIN, Split.VALIDATION)) {
          PerceptionExample ex = DATA.example(s, task, i);
          for (Combination c : recipe.heldOut(ex.scene().kind())) {
            assertFalse(ex.scene().facts().shows(c), s + " " + task + " shows held-out " + c);
          }
          assertEquals(s, Split.ofSeed(ex.scene().seed()));
        }
        PerceptionExample h = DATA.example(Split.HELD_OUT, task, i);
        assertTrue(recipe.heldOut(h.scene().kind(), task).stream().anyMatch(c -> h.scene().facts().shows(c)),
            "held-out " + task + " #" + i + " shows one of its combinations");
        assertEquals(Split.HELD_OUT, Split.ofSeed(h.scene().seed()));
      }
    }
  }

  @Test
  void splitSeedRangesAreDisjoint() {
    assertNotEquals(Split.TRAIN.seed(5), Split.VALIDATION.seed(5));
    assertEquals(Split.TRAIN, Split.ofSeed(Split.TRAIN.seed((1L << Split.INDEX_BITS) - 1)));
    assertEquals(Split.VALIDATION, Split.ofSeed(Split.VALIDATION.seed(0)));
    assertThrows(IllegalArgumentException.class, () -> Split.TRAIN.seed(1L << Split.INDEX_BITS));
    assertThrows(IllegalArgumentException.class, () -> Split.TRAIN.seed(-1));
  }

  @Test
  void tasksComeFromTheirScenesAndUnknownTasksFailClearly() {
    assertEquals(SceneKind.CAR_PARK, DATA.example(Split.TRAIN, PerceptionTasks.CAR_FINDER, 3).scene().kind());
    assertEquals(SceneKind.CABIN, DATA.example(Split.TRAIN, PerceptionTasks.OCCUPANCY, 3).scene().kind());
    var e = assertThrows(IllegalArgumentException.class, () -> DATA.example(Split.TRAIN, "weather", 0));
    assertTrue(e.getMessage().contains("weather"), e.getMessage());
  }

  @Test
  void theFrameIsLetterboxedWithMidGreyBands() {
    for (int i = 0; i < 8; i++) {
      PerceptionExample ex = DATA.example(Split.TRAIN, PerceptionTasks.OCCUPANCY, i);
      float[] px = ex.pixels();
      if (ex.width() == 320) { // 320×240 → 128×96 content, 16-row bands above and below
        for (int c = 0; c < 3; c++) {
          assertEquals(0.5f, px[c * 128 * 128 + 3 * 128 + 40]);
          assertEquals(0.5f, px[c * 128 * 128 + 125 * 128 + 40]);
        }
      }
    }
  }
}
