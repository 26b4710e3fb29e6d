package cockpit.dialogue.context;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import cockpit.lm.context.CabinFacts;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The parking memory on disk: {@value #NAME} in the snapshot directory, so "where did I park?" survives a
 * restart. UTF-8 JSON, version 1:
 *
 * <pre>
 * {"version":1,"parkedAt":"2026-11-22T17:55:03Z","place":"Level P3",
 *  "landmarks":[{"sign":true,"text":"B12","direction":"left"}],"seenIn":"exterior #812"}
 * </pre>
 *
 * Written like a snapshot: a temp file in the same directory ({@code parking-memory.json.<16 hex>.tmp}),
 * forced to disk, renamed over the old file atomically, so a crash leaves the old memory or the new one.
 *
 * <p>Thread-safe for one writer at a time (the context verticle saves in order); blocking I/O: never
 * on an event loop. Holds nothing open.
 */
public final class ParkingMemoryFile {
  public static final String NAME = "parking-memory.json";
  static final int VERSION = 1;
  /** A parking memory is a few hundred bytes; anything this large is not one. */
  static final int MAX_BYTES = 64 << 10;

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Path file;

  /** The memory file in {@code dir} (created on the first save). */
  public ParkingMemoryFile(Path dir) {
    this.file = dir.toAbsolutePath().normalize().resolve(NAME);
  }

  public Path path() {
    return file;
  }

  /** On disk, version 1. */
  record Stored(int version, String parkedAt, String place, List<StoredLandmark> landmarks, String seenIn) {}

  record StoredLandmark(boolean sign, String text, String direction) {}

  /**
   * The stored memory; temp files of interrupted saves are removed first.
   *
   * @return empty when there is none
   * @throws IOException naming the file and the problem when it exists but is not a valid memory
   */
  public Optional<ParkingMemory> load() throws IOException {
    removeTemp();
    byte[] bytes;
    try (FileChannel ch = FileChannel.open(file, READ)) {
      if (ch.size() > MAX_BYTES) {
        throw new IOException(file + ": " + ch.size() + " bytes, not a parking memory (at most " + MAX_BYTES + ")");
      }
      ByteBuffer b = ByteBuffer.allocate((int) ch.size());
      while (b.hasRemaining() && ch.read(b) >= 0) {
        // read to the end
      }
      bytes = b.array();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      Stored s = JSON.readValue(bytes, Stored.class);
      if (s == null || s.version() != VERSION) {
        throw new IOException("version " + (s == null ? "null" : s.version()) + ", this build reads " + VERSION);
      }
      return Optional.of(new ParkingMemory(Instant.parse(s.parkedAt()), s.place(), s.landmarks().stream()
          .map(l -> new CabinFacts.Landmark(l.sign(), l.text(), l.direction())).toList(), s.seenIn()));
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": not a valid parking memory: " + e.getMessage(), e);
    }
  }

  /** Replaces the stored memory atomically. */
  public void save(ParkingMemory m) throws IOException {
    Stored s = new Stored(VERSION, m.parkedAt().toString(), m.place(), m.landmarks().stream()
        .map(l -> new StoredLandmark(l.sign(), l.text(), l.direction())).toList(), m.seenIn());
    byte[] bytes = JSON.writeValueAsBytes(s);
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path temp = dir.resolve(String.format("%s.%016x.tmp", NAME, ThreadLocalRandom.current().nextLong()));
    try {
      try (FileChannel ch = FileChannel.open(temp, Set.of(CREATE_NEW, WRITE))) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    try (FileChannel d = FileChannel.open(dir, READ)) {
      d.force(true);
    } catch (IOException e) {
      // Best effort, as for snapshots: the rename happened; only its durability across power loss is left.
    }
  }

  private void removeTemp() throws IOException {
    if (!Files.isDirectory(file.getParent())) {
      return;
    }
    try (DirectoryStream<Path> temps = Files.newDirectoryStream(file.getParent(), NAME + ".*.tmp")) {
      for (Path t : temps) {
        Files.deleteIfExists(t);
      }
    }
  }
}
