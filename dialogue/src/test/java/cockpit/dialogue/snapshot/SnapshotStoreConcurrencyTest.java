package cockpit.dialogue.snapshot;

import static cockpit.dialogue.snapshot.TestSnapshots.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreConcurrencyTest {
  private static final int THREADS = 8;
  @TempDir
  Path dir;

  @Test
  void concurrentSaves_ofDifferentSessions_allLandWhole() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    int rounds = 4;
    List<Callable<Void>> jobs = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String id = "session-" + t;
      int thread = t;
      jobs.add(() -> {
        for (int r = 0; r < rounds; r++) {
          FakeState state = new FakeState(thread * 100L + r, 300_000L + thread * 77_777L);
          store.save(TestSnapshots.of(id, state), state::writeTo);
        }
        return null;
      });
    }
    runAll(jobs);
    assertEquals(THREADS, store.list().size());
    for (int t = 0; t < THREADS; t++) {
      FakeState last = new FakeState(t * 100L + rounds - 1, 300_000L + t * 77_777L);
      FakeState.Reader reader = last.reader();
      Snapshot s = store.load(SessionId.tryFrom("session-" + t), MODEL, reader).orElseThrow().snapshot();
      assertEquals(last.seed, TestSnapshots.seedOf(s));
      assertTrue(reader.sawWholePayload(), "session-" + t);
    }
    assertEquals(THREADS, fileCount(), "no temp files left");
  }

  /** Saves of one session race; loads racing with them always see one whole version, never a mix. */
  @Test
  void concurrentSavesAndLoads_ofOneSession_alwaysSeeAWholeVersion() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    SessionId id = SessionId.tryFrom("shared");
    FakeState first = new FakeState(0, 200_000);
    store.save(TestSnapshots.of("shared", first), first::writeTo);
    AtomicBoolean saving = new AtomicBoolean(true);
    CountDownLatch writersDone = new CountDownLatch(THREADS / 2);
    List<Callable<Void>> jobs = new ArrayList<>();
    for (int t = 0; t < THREADS / 2; t++) {
      int thread = t;
      jobs.add(() -> {
        try {
          for (int r = 0; r < 20; r++) {
            long seed = 1 + thread * 1000L + r;
            FakeState state = new FakeState(seed, 200_000 + seed % 7);
            store.save(TestSnapshots.of("shared", state), state::writeTo);
          }
        } finally {
          writersDone.countDown();
        }
        return null;
      });
    }
    for (int t = 0; t < THREADS / 2; t++) {
      jobs.add(() -> {
        int loads = 0;
        while (saving.get() || loads < 5) {
          // The fields name the seed; the payload must be that seed's payload, byte for byte.
          CapturingReader reader = new CapturingReader();
          Snapshot s = store.load(id, MODEL, reader).orElseThrow().snapshot();
          long seed = TestSnapshots.seedOf(s);
          FakeState expected = new FakeState(seed, seed == 0 ? 200_000 : 200_000 + seed % 7);
          assertEquals(expected.bytes, s.stateBytes());
          byte[] want = new byte[(int) expected.bytes];
          expected.fill(want, 0);
          assertTrue(Arrays.equals(want, reader.bytes()), "payload of seed " + seed);
          loads++;
        }
        return null;
      });
    }
    jobs.add(() -> {
      writersDone.await();
      saving.set(false);
      return null;
    });
    runAll(jobs);
    assertEquals(List.of(id), store.list());
    assertEquals(1, fileCount());
  }

  private static void runAll(List<Callable<Void>> jobs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> j : jobs) {
        futures.add(pool.submit(j));
      }
      for (Future<Void> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private long fileCount() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }

  /** Keeps the whole payload; fine for the small payloads here. */
  private static final class CapturingReader implements StateReader {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Override
    public void readFrom(ReadableByteChannel in) throws IOException {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      while (in.read(buf.clear()) >= 0) {
        out.write(buf.array(), 0, buf.position());
      }
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
