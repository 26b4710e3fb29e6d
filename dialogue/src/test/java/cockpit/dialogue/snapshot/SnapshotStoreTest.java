package cockpit.dialogue.snapshot;

import static cockpit.dialogue.snapshot.TestSnapshots.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
  private static final Instant NOW = Instant.parse("2025-03-01T12:34:56.789Z");
  @TempDir
  Path dir;

  private SnapshotStore store() throws IOException {
    return new SnapshotStore(dir, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void roundTrip_fewMegabytes_restoresFieldsAndEveryPayloadByte() throws IOException {
    SnapshotStore store = store();
    FakeState state = new FakeState(1, 3_000_003);
    Snapshot s = TestSnapshots.of("cabin-1", state);
    store.save(s, state::writeTo);

    FakeState.Reader reader = state.reader();
    LoadedSnapshot loaded = store.load(s.id(), MODEL, reader).orElseThrow();
    assertEquals(s, loaded.snapshot());
    assertEquals(NOW, loaded.created());
    assertEquals(dir.resolve("cabin-1.snap"), loaded.file());
    assertTrue(reader.sawWholePayload(), () -> "read " + reader.read + ", mismatch at " + reader.firstMismatch);
    assertEquals(22 + headerLength(loaded.file()) + 3_000_003 + 4, Files.size(loaded.file()));
  }

  @Test
  void ioStats_countSavesLoadsBytesAndFailures() throws IOException {
    SnapshotStore store = store();
    FakeState state = new FakeState(2, 10_000);
    Snapshot s = TestSnapshots.of("io", state);
    store.save(s, state::writeTo);
    store.save(s, state::writeTo);
    assertThrows(IOException.class, () -> store.save(s, out -> { })); // writes nothing of the 10000 bytes
    store.load(s.id(), MODEL, state.reader()).orElseThrow();
    assertTrue(store.load(SessionId.tryFrom("absent"), MODEL, state.reader()).isEmpty());
    assertThrows(SnapshotCorruptException.class, () -> store.load(s.id(), "another-model", state.reader()));

    SnapshotStore.IoStats io = store.ioStats();
    long fileBytes = Files.size(dir.resolve("io.snap"));
    assertEquals(2, io.saves());
    assertEquals(1, io.saveFailures());
    assertEquals(2 * (fileBytes - 22 - 4), io.savedBytes(), "header and payload of each save");
    assertEquals(1, io.loads(), "a session without a snapshot is not a load");
    assertEquals(1, io.loadFailures());
    assertEquals(fileBytes - 22 - 4, io.loadedBytes());
    assertTrue(io.saveNanos() > 0 && io.loadNanos() > 0, io.toString());
  }

  @Test
  void roundTrip_emptyPayloadAndTranscript() throws IOException {
    SnapshotStore store = store();
    Snapshot s = new Snapshot(SessionId.tryFrom("e"), MODEL, "", Map.of(), List.of(), 0, 0);
    store.save(s, out -> { });
    FakeState.Reader reader = new FakeState(0, 0).reader();
    assertEquals(s, store.load(s.id(), MODEL, reader).orElseThrow().snapshot());
    assertTrue(reader.sawWholePayload());
  }

  @Test
  void load_withoutSnapshot_isEmptyAndNeverCallsTheReader() throws IOException {
    FakeState.Reader reader = new FakeState(0, 0).reader();
    assertTrue(store().load(SessionId.tryFrom("nobody"), MODEL, reader).isEmpty());
    assertEquals(0, reader.calls);
  }

  @Test
  void save_replacesThePreviousSnapshot() throws IOException {
    SnapshotStore store = store();
    FakeState v1 = new FakeState(1, 100_000);
    FakeState v2 = new FakeState(2, 200_000);
    store.save(TestSnapshots.of("s", v1), v1::writeTo);
    store.save(TestSnapshots.of("s", v2), v2::writeTo);
    FakeState.Reader reader = v2.reader();
    assertEquals(2, TestSnapshots.seedOf(store.load(SessionId.tryFrom("s"), MODEL, reader).orElseThrow().snapshot()));
    assertTrue(reader.sawWholePayload());
    assertEquals(List.of("s.snap"), names());
  }

  @Test
  void save_oldSnapshotStaysReadableAndListedOnceUntilTheRename() throws IOException {
    SnapshotStore store = store();
    FakeState v1 = new FakeState(1, 1_000_000);
    FakeState v2 = new FakeState(2, 2_000_000);
    SessionId id = SessionId.tryFrom("s");
    store.save(TestSnapshots.of("s", v1), v1::writeTo);
    store.save(TestSnapshots.of("s", v2), out -> {
      v2.writeRange(out, 0, 1_000_000);
      // Mid-write: the temp file exists beside the old snapshot, which still loads whole.
      assertEquals(2, names().size());
      assertEquals(List.of(id), store.list());
      FakeState.Reader old = v1.reader();
      assertEquals(1, TestSnapshots.seedOf(store.load(id, MODEL, old).orElseThrow().snapshot()));
      assertTrue(old.sawWholePayload());
      assertEquals(0, store.cleanupTemp(), "an in-flight save's temp file is not debris");
      v2.writeRange(out, 1_000_000, 2_000_000);
    });
    FakeState.Reader now = v2.reader();
    assertEquals(2, TestSnapshots.seedOf(store.load(id, MODEL, now).orElseThrow().snapshot()));
    assertTrue(now.sawWholePayload());
    assertEquals(List.of("s.snap"), names());
  }

  @Test
  void save_failingWriter_keepsOldSnapshotAndRemovesTemp() throws IOException {
    SnapshotStore store = store();
    FakeState v1 = new FakeState(1, 50_000);
    FakeState v2 = new FakeState(2, 50_000);
    store.save(TestSnapshots.of("s", v1), v1::writeTo);
    IOException e = assertThrows(IOException.class, () -> store.save(TestSnapshots.of("s", v2), out -> {
      v2.writeRange(out, 0, 10_000);
      throw new IOException("device lost");
    }));
    assertEquals("device lost", e.getMessage());
    assertThrows(IllegalStateException.class, () -> store.save(TestSnapshots.of("s", v2), out -> {
      throw new IllegalStateException("bug");
    }));
    assertOnly(store, "s", v1);
  }

  @Test
  void save_writerWritingOtherThanDeclaredLength_failsAndKeepsOldSnapshot() throws IOException {
    SnapshotStore store = store();
    FakeState v1 = new FakeState(1, 50_000);
    store.save(TestSnapshots.of("s", v1), v1::writeTo);
    Snapshot declares = TestSnapshots.of("s", new FakeState(2, 50_000));
    IOException shortWrite = assertThrows(IOException.class,
        () -> store.save(declares, new FakeState(2, 49_999)::writeTo));
    assertEquals("state writer wrote 49999 bytes, declared 50000", shortWrite.getMessage());
    IOException longWrite = assertThrows(IOException.class,
        () -> store.save(declares, new FakeState(2, 50_001)::writeTo));
    assertEquals("state writer wrote more than the declared 50000 bytes", longWrite.getMessage());
    assertOnly(store, "s", v1);
  }

  @Test
  void delete_removesTheSnapshotOnce() throws IOException {
    SnapshotStore store = store();
    FakeState v = new FakeState(1, 10);
    store.save(TestSnapshots.of("s", v), v::writeTo);
    assertTrue(store.delete(SessionId.tryFrom("s")));
    assertFalse(store.delete(SessionId.tryFrom("s")));
    assertTrue(store.load(SessionId.tryFrom("s"), MODEL, v.reader()).isEmpty());
    assertEquals(List.of(), store.list());
  }

  @Test
  void list_ignoresTempAndForeignFiles_cleanupTempRemovesOnlyLeftoverTemps() throws IOException {
    SnapshotStore store = store();
    for (String id : List.of("b", "a", ".x")) {
      FakeState v = new FakeState(1, 10);
      store.save(TestSnapshots.of(id, v), v::writeTo);
    }
    Files.writeString(dir.resolve("b.snap.0123456789abcdef.tmp"), "half a snapshot");
    Files.writeString(dir.resolve("notes.txt"), "not ours");
    Files.writeString(dir.resolve("bad id.snap"), "invalid id");
    Files.writeString(dir.resolve("other.tmp"), "someone else's temp");
    Files.createDirectory(dir.resolve("d.snap"));

    assertEquals(List.of(".x", "a", "b"), store.list().stream().map(SessionId::value).toList());
    assertEquals(1, store.cleanupTemp());
    assertEquals(0, store.cleanupTemp());
    assertEquals(List.of(".x.snap", "a.snap", "b.snap", "bad id.snap", "d.snap", "notes.txt", "other.tmp"),
        names());
  }

  @Test
  void fileOf_isADirectChildOfTheDirectory() throws IOException {
    SnapshotStore store = store();
    assertEquals(dir.toAbsolutePath().normalize().resolve("....snap"), store.fileOf(SessionId.tryFrom("...")));
  }

  @Test
  void constructor_createsMissingDirectories_andAcceptsASymlinkedOne() throws IOException {
    Path nested = dir.resolve("a/b/snapshots");
    assertTrue(Files.isDirectory(new SnapshotStore(nested).directory()));
    Path link = Files.createSymbolicLink(dir.resolve("link"), nested);
    SnapshotStore viaLink = new SnapshotStore(link);
    FakeState v = new FakeState(1, 10);
    viaLink.save(TestSnapshots.of("s", v), v::writeTo);
    assertTrue(Files.isRegularFile(nested.resolve("s.snap")));
  }

  @Test
  void save_createsOwnerOnlyFiles() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    SnapshotStore store = store();
    FakeState v = new FakeState(1, 10);
    store.save(TestSnapshots.of("s", v), v::writeTo);
    assertEquals(PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(store.fileOf(SessionId.tryFrom("s"))));
  }

  private void assertOnly(SnapshotStore store, String id, FakeState expected) throws IOException {
    FakeState.Reader reader = expected.reader();
    Snapshot s = store.load(SessionId.tryFrom(id), MODEL, reader).orElseThrow().snapshot();
    assertEquals(expected.seed, TestSnapshots.seedOf(s));
    assertTrue(reader.sawWholePayload());
    assertEquals(List.of(id + ".snap"), names(), "no temp file left behind");
  }

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static int headerLength(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file)) {
      ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(b, 10);
      return b.getInt(0);
    }
  }
}
