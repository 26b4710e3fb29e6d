package cockpit.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.FinishReason;
import cockpit.lm.GenerationResult;
import cockpit.lm.LanguageModel;
import cockpit.lm.TinyModel;
import cockpit.lm.generate.SamplingOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11 defect 7: after a compaction the kept turns were re-encoded from their text (a sampled reply's
 * ids are not what its text encodes to), the context stayed nearly full and every later turn compacted
 * again. Now the kept messages are re-prefilled from their recorded ids and the compaction leaves a
 * quarter of the context free after the turn that caused it, so the next turns run on the carried state.
 */
class CompactionConvergesTest {
  static final int CONTEXT = 1024;

  @Test
  void afterACompactionAQuarterOfTheContextIsFreeAndTheNextTurnsDoNotCompact(@TempDir Path dir) throws Exception {
    LanguageModel model = ShortContextModel.of(CONTEXT);
    SamplingOptions sampled = SamplingOptions.defaults().withSeed(11).withTemperature(1.5f).withMaxNewTokens(64);
    DialogueOptions o = DialogueOptions.defaults(dir).withLimits(2, 1L << 30).withSampling(sampled);
    List<String> log = new ArrayList<>();
    List<Integer> compactedAt = new ArrayList<>();
    try (SessionManager m = new SessionManager(model, o, new SnapshotStore(dir), TinyModel.executor(),
        Clock.systemUTC(), (kind, session, message) -> log.add(message))) {
      for (int turn = 0; turn < 24; turn++) {
        GenerationResult r = m.turn("long", "Remember item number " + turn + " of the packing list: a blue bag.",
            s -> { }).get(120, TimeUnit.SECONDS);
        assertTrue(r.reason() != FinishReason.ERROR && r.reason() != FinishReason.CONTEXT_FULL, r.toString());
        log.add(turn + ": compacted=" + r.compacted() + " context=" + r.contextTokens());
        if (r.compacted()) {
          compactedAt.add(turn);
          assertTrue(r.contextTokens() <= CONTEXT - CONTEXT / 4, "a compacted turn leaves a quarter of the context"
              + " free: " + r.contextTokens() + " of " + CONTEXT + "\n" + String.join("\n", log));
        }
      }
    }
    assertTrue(compactedAt.size() >= 2, "the conversation crossed the context more than once: " + compactedAt);
    for (int i = 1; i < compactedAt.size(); i++) {
      assertTrue(compactedAt.get(i) - compactedAt.get(i - 1) >= 3, "compactions converge (at least two turns on"
          + " the carried state between them): " + compactedAt + "\n" + String.join("\n", log));
    }
    assertEquals(0, log.stream().filter(l -> !l.matches("\\d+: .*")).count(), String.join("\n", log));
  }
}
