package cockpit.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.app.bench.faults.FaultOptions;
import cockpit.app.bench.faults.FaultSuite;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's fault suite in CI's reduced size (issue #11) against the real launcher process over Zenoh on
 * loopback: 10 000 fuzzed payloads and the hostile keys, 3 kills, 2 router restarts, a full snapshot disk,
 * 60 s of 4 cameras × 30 fps with 8 talking sessions. Every count must meet the bar.
 */
class FaultSuiteTest {
  @Test
  void theReducedFaultSuitePasses(@TempDir Path work) throws Exception {
    JsonObject report = new FaultSuite(FaultOptions.reduced(TestModels.tiny(), work)).run(System.err::println);
    System.err.println(report.encodePrettily());
    List<String> failures = FaultSuite.verdict(report);
    assertTrue(failures.isEmpty(), "fault suite failures: " + failures);

    JsonObject fuzz = report.getJsonObject("fuzz");
    assertEquals(10_000, fuzz.getInteger("payloads"));
    assertEquals(0, fuzz.getInteger("crashes"));
    assertEquals(0, fuzz.getInteger("hangs"));
    JsonObject kill = report.getJsonObject("kill");
    assertEquals(3, kill.getJsonArray("rounds").size());
    assertTrue(kill.getInteger("completed_turns") > 0, "turns completed before the kills: " + kill);
    assertEquals(0, kill.getInteger("completed_turns_lost"));
    assertEquals(0, kill.getInteger("corrupt_snapshots"));
    JsonObject router = report.getJsonObject("router");
    assertEquals(2, router.getJsonObject("serving_after_return_ms").getInteger("n"), router.encode());
    JsonObject disk = report.getJsonObject("disk_full");
    if (disk.containsKey("skipped")) {
      System.err.println("disk-full part skipped: " + disk.getString("skipped"));
    } else {
      assertTrue(disk.getBoolean("previous_snapshot_intact"), disk.encode());
    }
    JsonObject load = report.getJsonObject("load");
    assertTrue(load.getInteger("utterances") > 0, load.encode());
    assertEquals(0, load.getInteger("unanswered"), load.encode());
  }
}
