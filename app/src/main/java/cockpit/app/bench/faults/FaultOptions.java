package cockpit.app.bench.faults;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How much of each fault the suite applies. {@link #full} is the documented run (docs/benchmarks.md),
 * {@link #reduced} what CI runs as a test.
 *
 * @param modelDir the model the launched component serves (generated if missing, as {@code cockpit run} does)
 * @param workDir where snapshots, logs and tmpfs mounts of the run go
 * @param seed seeds every random choice (payloads, kill points, think times)
 * @param fuzzPayloads generated payloads over the inbound topics
 * @param hostileKeys also send keys of every length up to 1 MiB from the Python peer
 * @param kills {@code kill -9} rounds with turns in flight
 * @param routerRestarts router kill/restart rounds with the component in client mode
 * @param loadSeconds measured seconds of cameras and talking sessions
 * @param cameras cameras streaming during the load
 * @param fps frames per second per camera
 * @param talkers sessions talking during the load
 * @param heap {@code -Xmx} of the launched component
 * @param parts which parts run
 */
public record FaultOptions(Path modelDir, Path workDir, long seed, int fuzzPayloads, boolean hostileKeys, int kills,
    int routerRestarts, int loadSeconds, int cameras, int fps, int talkers, String heap, Set<Part> parts) {
  /** The parts of the suite, in the order they run. */
  public enum Part {
    FUZZ, KILL, ROUTER, DISK_FULL, LOAD
  }

  public FaultOptions {
    Objects.requireNonNull(modelDir, "modelDir");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(heap, "heap");
    parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
    if (fuzzPayloads < 0 || kills < 0 || routerRestarts < 0 || loadSeconds < 0) {
      throw new IllegalArgumentException("counts and durations cannot be negative");
    }
    if (cameras < 1 || cameras > FuzzMessages.CAMERAS.size() - 1 || fps < 1 || fps > 120 || talkers < 1) {
      throw new IllegalArgumentException("cameras must be 1-" + (FuzzMessages.CAMERAS.size() - 1)
          + ", fps 1-120, talkers at least 1");
    }
  }

  /** The documented run: 100 000 payloads and every hostile key, 20 kills, 20 router restarts, 10 minutes of load. */
  public static FaultOptions full(Path modelDir, Path workDir) {
    return new FaultOptions(modelDir, workDir, 11, 100_000, true, 20, 20, 600, 4, 30, 8, "768m",
        EnumSet.allOf(Part.class));
  }

  /** CI's run: 10 000 payloads, 3 kills, 2 router restarts, 60 s of load (a few minutes on 2 cores). */
  public static FaultOptions reduced(Path modelDir, Path workDir) {
    return new FaultOptions(modelDir, workDir, 11, 10_000, true, 3, 2, 60, 4, 30, 8, "768m",
        EnumSet.allOf(Part.class));
  }

  public boolean runs(Part p) {
    return parts.contains(p);
  }
}
