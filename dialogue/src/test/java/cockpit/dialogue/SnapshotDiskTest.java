package cockpit.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.dialogue.snapshot.SessionId;
import cockpit.dialogue.snapshot.SnapshotLimits;
import cockpit.dialogue.snapshot.SnapshotStore;
import cockpit.lm.FinishReason;
import cockpit.lm.GenerationResult;
import cockpit.lm.LanguageModel;
import cockpit.lm.TinyModel;
import cockpit.lm.generate.SamplingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions against the disk (issue #11): the snapshot directory is capped in files and bytes, the idlest
 * sessions going first; and a snapshot that cannot be written costs neither the reply nor the previous
 * snapshot.
 */
class SnapshotDiskTest {
  static LanguageModel model;
  final List<String> errors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    model = TinyModel.model();
  }

  private SessionManager manager(SnapshotStore store, int maxSessions) {
    DialogueOptions o = DialogueOptions.defaults(store.directory()).withLimits(maxSessions, 1L << 30)
        .withSampling(SamplingOptions.greedy().withMaxNewTokens(4));
    return new SessionManager(model, o, store, TinyModel.executor(), Clock.systemUTC(),
        (kind, session, message) -> errors.add(kind + " " + session + " " + message));
  }

  private static GenerationResult say(SessionManager m, String session, String text) throws Exception {
    return m.turn(session, text, s -> { }).get(120, TimeUnit.SECONDS);
  }

  @Test
  void theSnapshotCapsDeleteTheIdlestSessionsAndForgetThem(@TempDir Path dir) throws Exception {
    SnapshotStore store = new SnapshotStore(dir, Clock.systemUTC(), new SnapshotLimits(3, Long.MAX_VALUE));
    try (SessionManager m = manager(store, 2)) {
      for (String id : List.of("a", "b", "c", "d", "e", "f")) {
        say(m, id, "Hello " + id + ".");
      }
      SnapshotStore.Usage u = store.usage();
      assertEquals(3, u.files(), u.toString());
      assertEquals(3, u.trimmedFiles(), u.toString());
      assertEquals(List.of("d", "e", "f"), store.list().stream().map(SessionId::value).toList(),
          "the three sessions used longest ago lost their snapshots");
      assertTrue(m.knownSessions() <= 2 + 3, "known sessions are capped too: " + m.knownSessions());
      int fresh = say(m, "a", "Hello again.").contextTokens();
      int carried = say(m, "f", "Hello again.").contextTokens();
      assertTrue(fresh < carried, "a starts over (" + fresh + " tokens), f resumes its turn (" + carried + ")");
    }
  }

  @Test
  void knownSessionsStayBoundedWhateverNumberOfIdsAPeerUses(@TempDir Path dir) throws Exception {
    SnapshotStore store = new SnapshotStore(dir, Clock.systemUTC(), new SnapshotLimits(2, Long.MAX_VALUE));
    try (SessionManager m = manager(store, 1)) {
      for (int i = 0; i < 40; i++) {
        m.open("peer-" + i, "", null, false).get(60, TimeUnit.SECONDS);
      }
      assertTrue(m.knownSessions() <= 1 + 2, "sessions known in memory: " + m.knownSessions());
    }
  }

  /**
   * A save that fails (here the directory is replaced by a file, a real I/O failure even for root) is
   * reported as SNAPSHOT_SAVE_FAILED; the reply stands; the previous snapshot is untouched and a later
   * turn saves again.
   */
  @Test
  void aSnapshotThatCannotBeWrittenCostsNeitherTheReplyNorThePreviousSnapshot(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("snapshots");
    Path aside = tmp.resolve("aside");
    SnapshotStore store = new SnapshotStore(dir);
    try (SessionManager m = manager(store, 4)) {
      say(m, "k", "First turn.");
      byte[] before = Files.readAllBytes(dir.resolve("k.snap"));
      Files.move(dir, aside);
      Files.writeString(dir, "not a directory");
      GenerationResult r = say(m, "k", "Second turn.");
      assertFalse(r.reason() == FinishReason.ERROR, r.toString());
      assertTrue(r.completionTokens() > 0, "the reply was generated and delivered: " + r);
      assertTrue(errors.stream().anyMatch(e -> e.startsWith("SNAPSHOT_SAVE_FAILED k ")
          && e.contains("the reply stands")), errors.toString());
      Files.delete(dir);
      Files.move(aside, dir);
      assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("k.snap"))),
          "the previous snapshot is intact");
      say(m, "k", "Third turn.");
      assertEquals(6, m.transcript("k").size(), "every turn is in the session");
      assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(dir.resolve("k.snap"))), "saved again");
    }
  }
}
