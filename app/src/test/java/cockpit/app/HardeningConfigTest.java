package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.snapshot.SnapshotLimits;
import cockpit.npu.runtime.FairShare;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys issue #11 added: fair scheduling, snapshot caps, the reconnect period. */
class HardeningConfigTest {
  private static CockpitConfig load(String... sets) {
    return CockpitConfig.load(null, Map.of(), List.of(sets));
  }

  @Test
  void fairShareKeysReachTheRuntimeOptions() {
    assertEquals(FairShare.DEFAULT, ComponentConfig.runtime(load()).fairShare());
    FairShare f = ComponentConfig.runtime(load("npu.dialogue-share=0.4", "npu.safety-burst=3")).fairShare();
    assertEquals(0.4, f.dialogueShare());
    assertEquals(3, f.safetyBurst());
    var e = assertThrows(CockpitConfig.ConfigException.class, () -> load("npu.dialogue-share=0.95"));
    assertTrue(e.getMessage().contains("npu.dialogue-share") && e.getMessage().contains("0-0.9"), e.getMessage());
    e = assertThrows(CockpitConfig.ConfigException.class, () -> load("npu.safety-burst=0"));
    assertTrue(e.getMessage().contains("npu.safety-burst"), e.getMessage());
  }

  @Test
  void snapshotCapsAreReadAndMustLeaveRoomForEveryResidentSession() {
    assertEquals(new SnapshotLimits(256, 4L << 30), ComponentConfig.snapshotLimits(load()));
    assertEquals(new SnapshotLimits(9, 1000), ComponentConfig.snapshotLimits(load("dialogue.snapshot-max-files=9",
        "dialogue.snapshot-max-bytes=1000")));
    var e = assertThrows(CockpitConfig.ConfigException.class, () -> load("dialogue.snapshot-max-files=4",
        "dialogue.max-sessions=8"));
    assertTrue(e.getMessage().contains("dialogue.snapshot-max-files = 4") && e.getMessage().contains("max-sessions"),
        e.getMessage());
  }

  @Test
  void theReconnectPeriodIsConstantInsteadOfZenohsBackoff() {
    String json = load("zenoh.reconnect-ms=250").zenohConfig().json5();
    assertTrue(json.contains("\"retry\": {\"period_init_ms\": 250, \"period_max_ms\": 250,"
        + " \"period_increase_factor\": 1.0}"), json);
    var e = assertThrows(CockpitConfig.ConfigException.class, () -> load("zenoh.reconnect-ms=0").zenohConfig());
    assertTrue(e.getMessage().contains("zenoh.reconnect-ms"), e.getMessage());
  }
}
