package cockpit.npu.runtime;

/**
 * How far priority may starve the lower classes of the {@link InferenceExecutor}. Safety jobs always go
 * first, except that a waiting dialogue job is passed over by at most {@code safetyBurst} consecutive
 * safety starts, and a waiting background job by at most {@code foregroundBurst} consecutive safety or
 * dialogue starts; then it starts next (when both fall due at the same start, dialogue goes first, so
 * background may be passed over once more). So under any safety load dialogue gets at least one start in
 * every {@code safetyBurst + 1}, and safety at least {@code safetyBurst} in every {@code safetyBurst + 1}
 * while dialogue waits. Jobs are never preempted: a safety job waits at most for the jobs already running
 * and one due lower-priority job per burst. Immutable.
 *
 * @param safetyBurst consecutive safety starts a waiting dialogue job allows, at least 1
 * @param foregroundBurst consecutive safety or dialogue starts a waiting background job allows, at least 1
 */
public record FairShare(int safetyBurst, int foregroundBurst) {
  /** Four safety jobs, then one dialogue job; sixteen foreground jobs, then one background job. */
  public static final FairShare DEFAULT = new FairShare(4, 16);

  public FairShare {
    if (safetyBurst < 1 || foregroundBurst < 1) {
      throw new IllegalArgumentException("safety burst (" + safetyBurst + ") and foreground burst ("
          + foregroundBurst + ") must be at least 1: a burst of 0 would put the lower class first");
    }
  }

  /** How many consecutive starts of higher priorities a waiting job of {@code p} allows. */
  int burst(InferenceExecutor.Priority p) {
    return switch (p) {
      case SAFETY -> Integer.MAX_VALUE; // nothing is above safety
      case DIALOGUE -> safetyBurst;
      case BACKGROUND -> foregroundBurst;
    };
  }

  public FairShare withSafetyBurst(int n) {
    return new FairShare(n, foregroundBurst);
  }
}
