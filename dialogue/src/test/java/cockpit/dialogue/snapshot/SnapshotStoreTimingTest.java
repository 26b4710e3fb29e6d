package cockpit.dialogue.snapshot;

import static cockpit.dialogue.snapshot.TestSnapshots.MODEL;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Save and load times of a 100 MB payload (a ~4000-token LFM2-350M session). A measurement, not a
 * check: runs only with {@code -Dcockpit.snapshot.timing=true}. The file stays in the page cache, so
 * the load numbers are warm-cache numbers; the save includes the fsync.
 */
@EnabledIfSystemProperty(named = "cockpit.snapshot.timing", matches = "true")
class SnapshotStoreTimingTest {
  private static final long BYTES = 100L << 20;
  @TempDir
  Path dir;

  @Test
  void saveAndLoad_100MiB(TestReporter report) throws IOException {
    SnapshotStore store = new SnapshotStore(dir);
    FakeState state = new FakeState(3, BYTES);
    Snapshot s = TestSnapshots.of("timing", state);
    byte[] scratch = new byte[1 << 20];
    for (int round = 0; round < 6; round++) {
      long produce = time(() -> state.writeTo(new NullChannel()));
      long save = time(() -> store.save(s, state::writeTo));
      long[] load = new long[1];
      long total = time(() -> store.load(s.id(), MODEL, in -> {
        long t0 = System.nanoTime();
        ByteBuffer buf = ByteBuffer.wrap(scratch);
        while (in.read(buf.clear()) >= 0) {
          // Drain only: measures the store's second pass, not the fake's byte checks.
        }
        load[0] = System.nanoTime() - t0;
      }));
      String line = String.format("round %d: save %d ms (fake writer alone %d ms), load %d ms = verify %d ms"
          + " + payload read %d ms", round, save / 1_000_000, produce / 1_000_000, total / 1_000_000,
          (total - load[0]) / 1_000_000, load[0] / 1_000_000);
      report.publishEntry("snapshot-timing", line);
      System.out.println("snapshot timing, 100 MiB: " + line);
    }
    FakeState.Reader reader = state.reader();
    assertTrue(store.load(s.id(), MODEL, reader).isPresent() && reader.sawWholePayload());
  }

  private interface Io {
    void run() throws IOException;
  }

  private static long time(Io io) throws IOException {
    long t0 = System.nanoTime();
    io.run();
    return System.nanoTime() - t0;
  }

  private static final class NullChannel implements WritableByteChannel {
    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      src.position(src.limit());
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
