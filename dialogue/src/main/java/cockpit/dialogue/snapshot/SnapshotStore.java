package cockpit.dialogue.snapshot;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import cockpit.dialogue.snapshot.SnapshotCorruptException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32C;

/**
 * One directory of session snapshots, {@code <id>.snap} each. A save writes a temp file in the same
 * directory, forces it to disk and renames it over the old snapshot atomically, so after {@code kill -9}
 * or power loss a session's file is either its previous or its new snapshot, never a mix; a crash
 * mid-save leaves only a temp file, which {@link #list()} ignores and {@link #cleanupTemp()} removes.
 *
 * <p>File layout (little-endian):
 *
 * <pre>
 * offset      size  field
 * 0           8     magic "CKPTSNAP" (ASCII)
 * 8           2     format version, u16 = 2 (version 1 files are still read)
 * 10          4     header length H, u32 (at most 16 MiB)
 * 14          8     payload length P, u64 (equals the header's payloadBytes)
 * 22          H     header: UTF-8 JSON {id, fingerprint, systemPrompt, options, transcript:[{role, text,
 *                   tokens, ids:[int], images:[{source, tokens}]}], tokens, payloadBytes, created
 *                   (ISO-8601 UTC)}; version 1 messages are {role, text, tokens}
 * 22+H        P     payload: the decoder state exactly as the StateWriter wrote it
 * 22+H+P      4     CRC32C (u32) over bytes [8, 22+H+P): version, lengths, header, payload
 * </pre>
 *
 * <p>A load checks, in order: magic, version, lengths against the file size, the CRC over the whole
 * file (a first streaming pass, 1 MiB at a time), the header, the id and the model fingerprint; only
 * then does a second pass hand the payload to the {@link StateReader}. Both passes read the same open
 * file, and saves never write in place, so a concurrent save cannot change what the reader sees.
 *
 * <p>Thread-safe: saves, loads and deletes of different sessions may run concurrently; concurrent
 * saves of one session each land whole, the last rename winning (the dialogue serialises turns per
 * session anyway). One process per directory. The directory is capped by {@link SnapshotLimits}: {@link
 * #trim} deletes the oldest snapshots of sessions not in use beyond the caps (counted in {@link #usage()}). Files are created owner read/write only (POSIX). All
 * methods block on disk I/O: never call them on an event loop. Holds no open resources between calls,
 * so there is nothing to close.
 */
public final class SnapshotStore {
  private final Path dir;
  private final Clock clock;
  /** Temp files of saves in progress in this store, which {@link #cleanupTemp()} must leave alone. */
  private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
  private final LongAdder saves = new LongAdder();
  private final LongAdder saveFailures = new LongAdder();
  private final LongAdder savedBytes = new LongAdder();
  private final LongAdder saveNanos = new LongAdder();
  private final LongAdder loads = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder loadedBytes = new LongAdder();
  private final LongAdder loadNanos = new LongAdder();
  private final SnapshotLimits limits;
  private final SnapshotIndex index;
  private final LongAdder trimmedFiles = new LongAdder();
  private final LongAdder trimmedBytes = new LongAdder();

  /**
   * Cumulative I/O of one store since it was opened: completed and failed saves and loads (a load of a
   * session without a snapshot counts as neither), bytes written or read (header and payload), and the
   * wall time they took.
   */
  public record IoStats(long saves, long saveFailures, long savedBytes, long saveNanos, long loads,
      long loadFailures, long loadedBytes, long loadNanos) {}

  /** The I/O counters so far; safe from any thread. */
  public IoStats ioStats() {
    return new IoStats(saves.sum(), saveFailures.sum(), savedBytes.sum(), saveNanos.sum(), loads.sum(),
        loadFailures.sum(), loadedBytes.sum(), loadNanos.sum());
  }

  /**
   * What the directory holds now and what {@link #trim} deleted so far.
   *
   * @param files snapshot files now
   * @param bytes their total size
   * @param trimmedFiles snapshots deleted for being over the caps, since the store was opened
   * @param trimmedBytes their size
   */
  public record Usage(int files, long bytes, long trimmedFiles, long trimmedBytes, SnapshotLimits limits) {}

  /** Opens (creating if needed) the snapshot directory {@code dir}, without caps. */
  public SnapshotStore(Path dir) throws IOException {
    this(dir, Clock.systemUTC());
  }

  /** As {@link #SnapshotStore(Path)}, stamping snapshots with {@code clock}. */
  public SnapshotStore(Path dir, Clock clock) throws IOException {
    this(dir, clock, SnapshotLimits.UNLIMITED);
  }

  /** Opens {@code dir} with caps on its files and bytes (applied by {@link #trim}). */
  public SnapshotStore(Path dir, Clock clock, SnapshotLimits limits) throws IOException {
    if (!Files.isDirectory(dir)) { // createDirectories refuses a symlink to a directory, a usual deployment
      Files.createDirectories(dir);
    }
    this.dir = dir.toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.index = SnapshotIndex.scan(this.dir);
  }

  public Path directory() {
    return dir;
  }

  /** The snapshot file of {@code id}: always a direct child of {@link #directory()}. */
  public Path fileOf(SessionId id) {
    Path file = dir.resolve(id.fileName());
    if (!dir.equals(file.getParent())) {
      throw new IllegalStateException("snapshot file " + file + " is not inside " + dir);
    }
    return file;
  }

  /**
   * Writes {@code snapshot} with the payload from {@code state}, replacing any previous snapshot of the
   * session atomically. On any failure (including the writer's) the previous snapshot is untouched and
   * the temp file is removed.
   *
   * @throws IOException on I/O failure, or when the writer does not write exactly {@link
   *     Snapshot#stateBytes()} bytes
   */
  public void save(Snapshot snapshot, StateWriter state) throws IOException {
    long t0 = System.nanoTime();
    try {
      saveCounted(snapshot, state);
    } catch (IOException | RuntimeException | Error e) {
      saveFailures.increment();
      throw e;
    } finally {
      saveNanos.add(System.nanoTime() - t0);
    }
  }

  private void saveCounted(Snapshot snapshot, StateWriter state) throws IOException {
    byte[] header = SnapshotFormat.encodeHeader(snapshot, clock.instant());
    if (header.length > SnapshotFormat.MAX_HEADER_BYTES) {
      throw new IOException("snapshot header of " + snapshot.id() + " is " + header.length
          + " bytes, over the " + SnapshotFormat.MAX_HEADER_BYTES + "-byte limit");
    }
    Path target = fileOf(snapshot.id());
    Path temp = dir.resolve(String.format("%s.%016x%s", snapshot.id().fileName(),
        ThreadLocalRandom.current().nextLong(), SnapshotFormat.TEMP_SUFFIX));
    inFlight.add(temp);
    try {
      try (FileChannel ch = FileChannel.open(temp, Set.of(CREATE_NEW, WRITE), ownerOnly())) {
        write(ch, snapshot, header, state);
        ch.force(true);
      }
      Files.move(temp, target, ATOMIC_MOVE, REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      inFlight.remove(temp);
    }
    syncDirectory();
    saves.increment();
    savedBytes.add(header.length + snapshot.stateBytes());
    index.saved(snapshot.id(), SnapshotFormat.PREFIX_BYTES + header.length + snapshot.stateBytes()
        + SnapshotFormat.CRC_BYTES);
  }

  /** Snapshots hold conversation text: owner read/write only where the file system has POSIX modes. */
  private FileAttribute<?>[] ownerOnly() {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
  }

  private static void write(FileChannel ch, Snapshot s, byte[] header, StateWriter state) throws IOException {
    CRC32C crc = new CRC32C();
    ByteBuffer prefix = SnapshotFormat.prefix(header.length, s.stateBytes());
    crc.update(prefix.duplicate().position(SnapshotFormat.MAGIC.length));
    SnapshotChannels.writeFully(ch, prefix);
    crc.update(header);
    SnapshotChannels.writeFully(ch, ByteBuffer.wrap(header));
    SnapshotChannels.PayloadSink sink = new SnapshotChannels.PayloadSink(ch, crc, s.stateBytes());
    state.writeTo(sink);
    sink.finish();
    ByteBuffer trailer = ByteBuffer.allocate(SnapshotFormat.CRC_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    SnapshotChannels.writeFully(ch, trailer.putInt((int) crc.getValue()).flip());
  }

  /**
   * Reads the snapshot of {@code id}, verifies it completely, then streams its payload to {@code state}.
   * If the reader fails, the state it was filling is in an undefined condition: reset it.
   *
   * @return empty when the session has no snapshot
   * @throws SnapshotCorruptException when the file is damaged, foreign, of another format version, of
   *     another session, of another model ({@code expectedFingerprint}), or the reader leaves payload
   *     unread; the reader has not been called unless the reason is {@code PAYLOAD_MISMATCH}
   * @throws IOException on I/O failure, and unchanged from the reader
   */
  public Optional<LoadedSnapshot> load(SessionId id, String expectedFingerprint, StateReader state)
      throws IOException {
    long t0 = System.nanoTime();
    try {
      Optional<LoadedSnapshot> loaded = loadCounted(id, expectedFingerprint, state);
      if (loaded.isPresent()) {
        loads.increment();
      }
      return loaded;
    } catch (IOException | RuntimeException | Error e) {
      loadFailures.increment();
      throw e;
    } finally {
      loadNanos.add(System.nanoTime() - t0);
    }
  }

  private Optional<LoadedSnapshot> loadCounted(SessionId id, String expectedFingerprint, StateReader state)
      throws IOException {
    Path file = fileOf(id);
    FileChannel ch;
    try {
      ch = FileChannel.open(file, READ);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try (ch) {
      SnapshotLayout layout = SnapshotLayout.read(ch, file);
      byte[] header = layout.verify(ch, file);
      LoadedSnapshot loaded = SnapshotFormat.decodeHeader(header, layout.version(), layout.payloadBytes(), file);
      Snapshot s = loaded.snapshot();
      if (!s.id().equals(id)) {
        throw new SnapshotCorruptException(Reason.ID_MISMATCH, file,
            "file is named for session " + id + " but holds session " + s.id() + " (renamed or copied)");
      }
      if (!s.fingerprint().equals(expectedFingerprint)) {
        throw new SnapshotCorruptException(Reason.FINGERPRINT_MISMATCH, file,
            "snapshot is of model '" + s.fingerprint() + "', expected '" + expectedFingerprint + "'");
      }
      SnapshotChannels.PayloadSource src =
          new SnapshotChannels.PayloadSource(ch, layout.payloadStart(), layout.payloadBytes());
      state.readFrom(src);
      src.finish();
      if (src.remaining() != 0) {
        throw new SnapshotCorruptException(Reason.PAYLOAD_MISMATCH, file, "state reader left "
            + src.remaining() + " of " + layout.payloadBytes() + " payload bytes unread");
      }
      loadedBytes.add(header.length + layout.payloadBytes());
      return Optional.of(loaded);
    }
  }

  /** Removes the snapshot of {@code id}; returns whether there was one. */
  public boolean delete(SessionId id) throws IOException {
    boolean existed = Files.deleteIfExists(fileOf(id));
    index.deleted(id);
    return existed;
  }

  /**
   * Applies the caps: while the directory holds more files or bytes than {@link SnapshotLimits} allow,
   * deletes the least recently written snapshot whose session {@code inUse} does not claim. Call after
   * saves; {@code inUse} is asked outside any lock of the store.
   *
   * @return the sessions whose snapshots were deleted, oldest first
   * @throws IOException when a deletion fails (the snapshots deleted before it stay deleted)
   */
  public List<SessionId> trim(java.util.function.Predicate<SessionId> inUse) throws IOException {
    if (limits.allows(index.files(), index.bytes())) {
      return List.of();
    }
    List<SessionId> deleted = new ArrayList<>();
    for (SnapshotIndex.File f : index.oldestFirst()) {
      if (limits.allows(index.files(), index.bytes())) {
        break;
      }
      if (inUse.test(f.id())) {
        continue;
      }
      if (delete(f.id())) {
        trimmedFiles.increment();
        trimmedBytes.add(f.bytes());
        deleted.add(f.id());
      }
    }
    return deleted;
  }

  /** Files and bytes held now, and what the caps deleted; safe from any thread. */
  public Usage usage() {
    return new Usage(index.files(), index.bytes(), trimmedFiles.sum(), trimmedBytes.sum(), limits);
  }

  /** Sessions with a snapshot file, sorted; temp files and foreign names are ignored. */
  public List<SessionId> list() throws IOException {
    List<SessionId> ids = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SnapshotFormat.SUFFIX)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        String stem = name.substring(0, name.length() - SnapshotFormat.SUFFIX.length());
        if (SessionId.isValid(stem) && Files.isRegularFile(f)) {
          ids.add(new SessionId(stem));
        }
      }
    }
    ids.sort(Comparator.comparing(SessionId::value));
    return ids;
  }

  /**
   * Removes temp files left by saves that never finished (a crash or kill mid-save); saves in progress
   * in this store are left alone. Call at startup.
   *
   * @return how many were removed
   */
  public int cleanupTemp() throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SnapshotFormat.TEMP_SUFFIX)) {
      for (Path f : files) {
        boolean ours = SnapshotFormat.TEMP_NAME.matcher(f.getFileName().toString()).matches();
        if (ours && !inFlight.contains(f) && Files.deleteIfExists(f)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /**
   * Makes the rename itself durable against power loss (a process kill does not need it). Best effort:
   * not every platform or file system can open or sync a directory, and the snapshot is already in
   * place, so failing the save here would mislead the caller.
   */
  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, READ)) {
      d.force(true);
    } catch (IOException e) {
      // See above: the rename happened; only its durability across power loss is left to the OS.
    }
  }
}
