package cockpit.dialogue.snapshot;

import static cockpit.dialogue.snapshot.TestSnapshots.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Caps on the snapshot directory (issue #11 item 9): oldest idle snapshots deleted, counted, in-use kept. */
class SnapshotLimitsTest {
  /** Fixed, so headers (which hold the save time) and therefore files of equal content have equal sizes. */
  private static final Clock CLOCK = Clock.fixed(java.time.Instant.parse("2026-01-02T03:04:05.678Z"),
      java.time.ZoneOffset.UTC);
  @TempDir
  Path dir;

  private static long save(SnapshotStore store, String id, long seed, long payload) throws IOException {
    FakeState state = new FakeState(seed, payload);
    store.save(TestSnapshots.of(id, state), state::writeTo);
    return Files.size(store.fileOf(SessionId.tryFrom(id)));
  }

  @Test
  void beyondTheFileCapTheLeastRecentlyWrittenSnapshotsNotInUseAreDeleted() throws IOException {
    SnapshotStore store = new SnapshotStore(dir, Clock.systemUTC(), new SnapshotLimits(3, Long.MAX_VALUE));
    for (int i = 0; i < 5; i++) {
      save(store, "s" + i, i, 1_000);
    }
    save(store, "s0", 0, 1_000); // s0 written again: now the newest
    assertEquals(5, store.usage().files());
    List<SessionId> gone = store.trim(id -> id.value().equals("s1")); // s1 is in use: kept whatever its age
    assertEquals(List.of("s2", "s3"), gone.stream().map(SessionId::value).toList());
    assertEquals(List.of("s0", "s1", "s4"), store.list().stream().map(SessionId::value).toList());
    SnapshotStore.Usage u = store.usage();
    assertEquals(3, u.files());
    assertEquals(2, u.trimmedFiles());
    assertTrue(u.trimmedBytes() > 2_000, "trimmed bytes count whole files: " + u);
    assertTrue(store.trim(id -> false).isEmpty(), "within the caps nothing more goes");
    FakeState s4 = new FakeState(4, 1_000);
    assertEquals(4, TestSnapshots.seedOf(store.load(SessionId.tryFrom("s4"), MODEL, s4.reader())
        .orElseThrow().snapshot()), "kept snapshots load whole");
  }

  @Test
  void theByteCapCountsWholeFilesAndSnapshotsInUseMayExceedIt() throws IOException {
    SnapshotStore probe = new SnapshotStore(dir.resolve("probe"), CLOCK);
    long one = save(probe, "p", 9, 50_000);
    SnapshotStore store = new SnapshotStore(dir.resolve("capped"), CLOCK,
        new SnapshotLimits(100, one * 2 + one / 2));
    for (String id : List.of("a", "b", "c", "d")) {
      save(store, id, 9, 50_000);
    }
    assertEquals(List.of("a", "b"), store.trim(id -> false).stream().map(SessionId::value).toList());
    assertEquals(2 * one, store.usage().bytes());
    save(store, "e", 9, 50_000);
    save(store, "f", 9, 50_000);
    assertTrue(store.trim(id -> true).isEmpty(), "nothing in use is deleted, even over the cap");
    assertEquals(4, store.usage().files());
  }

  @Test
  void aReopenedDirectoryIsOrderedByModificationTimeAndTrimmedToTheCaps() throws IOException {
    SnapshotStore first = new SnapshotStore(dir);
    for (String id : List.of("old", "mid", "new")) {
      save(first, id, 1, 500);
    }
    long base = 1_700_000_000_000L;
    Files.setLastModifiedTime(first.fileOf(SessionId.tryFrom("new")), FileTime.fromMillis(base + 2_000));
    Files.setLastModifiedTime(first.fileOf(SessionId.tryFrom("mid")), FileTime.fromMillis(base + 1_000));
    Files.setLastModifiedTime(first.fileOf(SessionId.tryFrom("old")), FileTime.fromMillis(base));
    SnapshotStore reopened = new SnapshotStore(dir, Clock.systemUTC(), new SnapshotLimits(1, Long.MAX_VALUE));
    assertEquals(3, reopened.usage().files());
    assertEquals(List.of("old", "mid"), reopened.trim(id -> false).stream().map(SessionId::value).toList());
    assertEquals(Set.of(SessionId.tryFrom("new")), Set.copyOf(reopened.list()));
    assertFalse(Files.exists(dir.resolve("old.snap")));
  }

  @Test
  void deletesKeepTheCountsAndBadCapsAreRefused() throws IOException {
    SnapshotStore store = new SnapshotStore(dir, Clock.systemUTC(), new SnapshotLimits(10, 1L << 30));
    save(store, "x", 1, 100);
    save(store, "x", 1, 200); // replaced: one file, the new size
    assertEquals(1, store.usage().files());
    assertEquals(Files.size(store.fileOf(SessionId.tryFrom("x"))), store.usage().bytes());
    assertTrue(store.delete(SessionId.tryFrom("x")));
    assertEquals(0, store.usage().files());
    assertEquals(0, store.usage().bytes());
    var e = assertThrows(IllegalArgumentException.class, () -> new SnapshotLimits(0, 10));
    assertTrue(e.getMessage().contains("max files 0"), e.getMessage());
  }
}
