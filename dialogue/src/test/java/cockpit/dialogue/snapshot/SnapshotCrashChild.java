package cockpit.dialogue.snapshot;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Run by {@link SnapshotCrashTest} in a separate JVM: saves version 1 of a session, then starts saving
 * version 2, says so on stdout half-way through the payload and blocks until it is killed.
 */
final class SnapshotCrashChild {
  static final long V1_BYTES = 1_000_000;
  static final long V2_BYTES = 8_000_000;

  private SnapshotCrashChild() {}

  public static void main(String[] args) throws IOException {
    SnapshotStore store = new SnapshotStore(Path.of(args[0]));
    FakeState v1 = new FakeState(1, V1_BYTES);
    store.save(TestSnapshots.of(args[1], v1), v1::writeTo);
    FakeState v2 = new FakeState(2, V2_BYTES);
    store.save(TestSnapshots.of(args[1], v2), out -> {
      v2.writeRange(out, 0, V2_BYTES / 2);
      System.out.println("mid-write");
      System.out.flush();
      while (System.in.read() >= 0) {
        // The parent never writes; this blocks until the kill.
      }
    });
    System.out.println("save finished: the parent should have killed this process");
  }
}
