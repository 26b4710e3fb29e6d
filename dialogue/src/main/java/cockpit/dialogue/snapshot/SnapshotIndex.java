package cockpit.dialogue.snapshot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the snapshot directory holds, by session: file size and when it was last written (an order, not a
 * time), so {@link SnapshotStore#trim} finds the oldest snapshots without listing the directory after
 * every save. Filled from the directory once at start (ordered by modification time), then kept by the
 * store's saves and deletes. Thread-safe (one lock; no I/O under it).
 */
final class SnapshotIndex {
  private record Entry(long bytes, long order) {}

  /** A snapshot with its size, oldest first in {@link #oldestFirst()}. */
  record File(SessionId id, long bytes) {}

  private final Map<SessionId, Entry> entries = new HashMap<>();
  private long nextOrder;
  private long bytes;

  /** Reads the sizes and modification times of the {@code *.snap} files in {@code dir}. */
  static SnapshotIndex scan(Path dir) throws IOException {
    record Found(SessionId id, long bytes, long modified) {}
    List<Found> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SnapshotFormat.SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        String stem = name.substring(0, name.length() - SnapshotFormat.SUFFIX.length());
        if (SessionId.isValid(stem) && Files.isRegularFile(f)) {
          found.add(new Found(new SessionId(stem), Files.size(f), Files.getLastModifiedTime(f).toMillis()));
        }
      }
    }
    found.sort(Comparator.comparingLong(Found::modified).thenComparing(x -> x.id().value()));
    SnapshotIndex index = new SnapshotIndex();
    found.forEach(x -> index.saved(x.id(), x.bytes()));
    return index;
  }

  synchronized void saved(SessionId id, long size) {
    Entry old = entries.put(id, new Entry(size, nextOrder++));
    bytes += size - (old == null ? 0 : old.bytes());
  }

  synchronized void deleted(SessionId id) {
    Entry old = entries.remove(id);
    if (old != null) {
      bytes -= old.bytes();
    }
  }

  synchronized int files() {
    return entries.size();
  }

  synchronized long bytes() {
    return bytes;
  }

  /** Every snapshot, least recently written first. */
  synchronized List<File> oldestFirst() {
    List<Map.Entry<SessionId, Entry>> all = new ArrayList<>(entries.entrySet());
    all.sort(Comparator.comparingLong(e -> e.getValue().order()));
    return all.stream().map(e -> new File(e.getKey(), e.getValue().bytes())).toList();
  }
}
