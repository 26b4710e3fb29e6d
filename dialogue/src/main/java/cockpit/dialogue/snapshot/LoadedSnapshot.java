package cockpit.dialogue.snapshot;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot read back by {@link SnapshotStore#load}; its state payload has already gone to the
 * caller's {@link StateReader}. Immutable.
 *
 * @param snapshot the stored fields
 * @param created when the snapshot was written (the store's clock)
 * @param file the file it was read from
 */
public record LoadedSnapshot(Snapshot snapshot, Instant created, Path file) {
  public LoadedSnapshot {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(file, "file");
  }
}
