package cockpit.dialogue.snapshot;

/**
 * Caps on a snapshot directory ({@code dialogue.snapshot-max-files}, {@code dialogue.snapshot-max-bytes}):
 * beyond either, {@link SnapshotStore#trim} deletes the snapshots of the sessions used longest ago that
 * are not in use, oldest first, and counts them. Snapshots of sessions in use (resident in memory, or with
 * a turn queued or running) are never deleted, so the caps can be exceeded by those alone; give room for
 * at least {@code dialogue.max-sessions} snapshots. Immutable.
 *
 * @param maxFiles snapshot files kept at most, at least 1
 * @param maxBytes bytes of snapshot files kept at most, at least 1
 */
public record SnapshotLimits(int maxFiles, long maxBytes) {
  /** No caps (tests and tools that manage the directory themselves). */
  public static final SnapshotLimits UNLIMITED = new SnapshotLimits(Integer.MAX_VALUE, Long.MAX_VALUE);

  public SnapshotLimits {
    if (maxFiles < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("snapshot caps must be positive: max files " + maxFiles + ", max bytes "
          + maxBytes);
    }
  }

  /** Whether {@code files} snapshots of {@code bytes} in total are within the caps. */
  boolean allows(int files, long bytes) {
    return files <= maxFiles && bytes <= maxBytes;
  }
}
