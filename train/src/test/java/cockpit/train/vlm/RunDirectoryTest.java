package cockpit.train.vlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory: one run per directory, the newest checkpoint by step, old ones dropped, the log appended. */
class RunDirectoryTest {
  @TempDir Path dir;

  @Test
  void aRestartWithOtherTrajectoryOptionsIsRefusedAndTheSameOnesAccepted() throws Exception {
    RunDirectory d = new RunDirectory(dir, 2);
    RunSpec spec = RunSpec.of(Map.of("seed", "3", "steps", "500"));
    d.claim(spec);
    d.claim(RunSpec.of(Map.of("seed", "3", "steps", "500")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> d.claim(RunSpec.of(Map.of("seed", "4", "steps", "500"))));
    assertTrue(e.getMessage().contains("seed=3") && e.getMessage().contains("seed=4"), e.getMessage());
  }

  @Test
  void theLatestCheckpointIsTheHighestStepAndOnlyTheNewestAreKept() throws Exception {
    RunDirectory d = new RunDirectory(dir, 2);
    assertNull(d.latest());
    for (long step : new long[] {9, 100, 1000, 10}) {
      Files.writeString(d.temporary(), "step " + step);
      d.commit(d.temporary(), step);
    }
    // Committed in the order 9, 100, 1000, 10: kept are the two highest steps at each commit.
    assertEquals(d.checkpoint(1000), d.latest());
    try (var s = Files.list(dir)) {
      List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("ckpt-0000100.safetensors", "ckpt-0001000.safetensors"), names);
    }
  }

  @Test
  void logLinesAreAppended() throws Exception {
    RunDirectory d = new RunDirectory(dir, 1);
    d.log("{\"a\":1}");
    d.log("{\"a\":2}");
    assertEquals(List.of("{\"a\":1}", "{\"a\":2}"), Files.readAllLines(dir.resolve("log.jsonl")));
  }

  @Test
  void badOptionsNameTheProblem() {
    assertThrows(IllegalArgumentException.class, () -> RunSpec.of(Map.of("steps", "ten")));
    assertThrows(IllegalArgumentException.class, () -> RunSpec.of(Map.of("batch", "0")));
    assertThrows(IllegalArgumentException.class, () -> RunSpec.of(Map.of("warmup", "5000", "steps", "100")));
  }
}
