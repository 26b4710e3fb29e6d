package cockpit.train.vlm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A training run's directory: {@code run.txt} (the {@link RunSpec#canonical} line, written on the first
 * start), {@code tokenizer/} (the run's BPE files), {@code ckpt-NNNNNNN.safetensors} (the step in the
 * name; the newest {@code keep} are kept) and {@code log.jsonl} (one JSON object per line, appended).
 * A checkpoint is written to a temporary name and renamed, so a run killed while writing leaves the
 * previous checkpoint as the latest. One process per directory; not thread-safe.
 */
public final class RunDirectory {
  private static final String PREFIX = "ckpt-";
  private static final String SUFFIX = ".safetensors";

  private final Path dir;
  private final int keep;

  public RunDirectory(Path dir, int keep) throws IOException {
    this.dir = Objects.requireNonNull(dir, "dir");
    if (keep < 1) {
      throw new IllegalArgumentException("keep " + keep + " must be ≥ 1");
    }
    this.keep = keep;
    Files.createDirectories(dir);
  }

  public Path path() {
    return dir;
  }

  public Path tokenizer() {
    return dir.resolve("tokenizer");
  }

  /**
   * Records {@code spec} on a first start; on a restart checks it is the recorded one.
   *
   * @throws IllegalArgumentException naming both lines if the directory belongs to another run
   */
  public void claim(RunSpec spec) throws IOException {
    Path f = dir.resolve("run.txt");
    if (!Files.exists(f)) {
      Files.writeString(f, spec.canonical() + "\n", StandardCharsets.UTF_8);
      return;
    }
    String recorded = Files.readString(f, StandardCharsets.UTF_8).strip();
    if (!recorded.equals(spec.canonical())) {
      throw new IllegalArgumentException(dir + " holds the run \"" + recorded + "\"; these options are \""
          + spec.canonical() + "\" — use the recorded ones to resume, or another out= directory");
    }
  }

  /** The checkpoint of {@code step} (where it is or would be). */
  public Path checkpoint(long step) {
    return dir.resolve(String.format(Locale.ROOT, "%s%07d%s", PREFIX, step, SUFFIX));
  }

  /** The newest checkpoint, or null when there is none. */
  public Path latest() throws IOException {
    List<Path> all = checkpoints();
    return all.isEmpty() ? null : all.getLast();
  }

  /** Moves a fully written {@code tmp} into place as step {@code step}'s checkpoint; drops old ones. */
  public Path commit(Path tmp, long step) throws IOException {
    Path target = checkpoint(step);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    List<Path> all = checkpoints();
    for (int i = 0; i < all.size() - keep; i++) {
      Files.delete(all.get(i));
    }
    return target;
  }

  /** A temporary file in the directory for a checkpoint being written. */
  public Path temporary() {
    return dir.resolve("ckpt.tmp");
  }

  /** Appends one JSON line to {@code log.jsonl} (flushed and closed per line: a killed run loses nothing). */
  public void log(String json) throws IOException {
    Files.writeString(dir.resolve("log.jsonl"), json + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  private List<Path> checkpoints() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
      }).sorted().toList(); // zero-padded step: name order is step order
    }
  }
}
