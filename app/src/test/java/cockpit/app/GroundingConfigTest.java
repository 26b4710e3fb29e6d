package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.context.ProtoFacts;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grounding keys, and the task names the context and perception share without depending on each other. */
class GroundingConfigTest {
  static CockpitConfig with(String... sets) {
    return CockpitConfig.load(null, Map.of(), List.of(sets));
  }

  @Test
  void theContextKnowsPerceptionsBuiltInTasksByTheirNames() {
    assertEquals(PerceptionTasks.defaults().stream().map(PerceptionTask::name).sorted().toList(),
        ProtoFacts.TASKS.stream().sorted().toList());
  }

  @Test
  void groundingKeysAreReadAndBadValuesNameTheKey() {
    assertEquals(ZoneId.of("Europe/Berlin"), ComponentConfig.timeZone(with("dialogue.time-zone=Europe/Berlin")));
    assertEquals(ZoneId.systemDefault(), ComponentConfig.timeZone(with()));
    var e = assertThrows(CockpitConfig.ConfigException.class,
        () -> ComponentConfig.timeZone(with("dialogue.time-zone=Mars/Olympus")));
    assertTrue(e.getMessage().contains("dialogue.time-zone"), e.getMessage());
    assertEquals(0.3f, ComponentConfig.alertRules(with("perception.alert-min-confidence=0.3")).minConfidence());
    e = assertThrows(CockpitConfig.ConfigException.class,
        () -> ComponentConfig.alertRules(with("perception.alert-min-confidence=2")));
    assertTrue(e.getMessage().contains("perception.alert-min-confidence"), e.getMessage());
    var o = ComponentConfig.dialogue(with("dialogue.max-pending-turns=2", "dialogue.max-images-per-turn=1"));
    assertEquals(2, o.maxPendingTurns());
    assertEquals(1, o.maxImagesPerTurn());
    e = assertThrows(CockpitConfig.ConfigException.class,
        () -> ComponentConfig.dialogue(with("dialogue.max-pending-turns=0")));
    assertTrue(e.getMessage().contains("dialogue.max-pending-turns"), e.getMessage());
  }
}
