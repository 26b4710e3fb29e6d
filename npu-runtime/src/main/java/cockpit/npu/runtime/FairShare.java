package cockpit.npu.runtime;

/**
 * How far priority may starve the lower classes of the {@link InferenceExecutor}: safety first, dialogue
 * next, background last, but a waiting dialogue job falls due — and starts before waiting safety jobs —
 * as soon as either
 *
 * <ul>
 *   <li><b>time share</b>: the safety time run while it waited, weighted {@code dialogueShare / (1 −
 *       dialogueShare)}, exceeds the time dialogue itself ran (its debt is kept while it has nothing
 *       queued, its credit is not); so while both have work, dialogue gets about {@code dialogueShare} of
 *       the inference time and safety the rest; or
 *   <li><b>count</b>: {@code safetyBurst} safety jobs in a row started while it waited — a backstop that
 *       needs no clock (safety jobs refused or finished in no measurable time still let dialogue through).
 *       Set it low and dialogue gets one start in every {@code safetyBurst + 1} whatever the job lengths,
 *       but then long dialogue turns can take more than their share from safety.
 * </ul>
 *
 * A waiting background job is due after {@code foregroundBurst} safety or dialogue starts in a row (count
 * only; when it falls due at the same start as dialogue, dialogue goes first, so background may be passed
 * over once more). Jobs are never preempted. Immutable.
 *
 * @param safetyBurst consecutive safety starts a waiting dialogue job allows, at least 1
 * @param foregroundBurst consecutive safety or dialogue starts a waiting background job allows, at least 1
 * @param dialogueShare dialogue's share of the inference time while safety also waits, in [0, 0.9]; 0 turns
 *     the time rule off (count only)
 */
public record FairShare(int safetyBurst, int foregroundBurst, double dialogueShare) {
  /** A quarter of the time for dialogue, at most 64 safety jobs in a row; background after 16. */
  public static final FairShare DEFAULT = new FairShare(64, 16, 0.25);

  public FairShare {
    if (safetyBurst < 1 || foregroundBurst < 1) {
      throw new IllegalArgumentException("safety burst (" + safetyBurst + ") and foreground burst ("
          + foregroundBurst + ") must be at least 1: a burst of 0 would put the lower class first");
    }
    if (!(dialogueShare >= 0 && dialogueShare <= 0.9)) {
      throw new IllegalArgumentException("dialogue share " + dialogueShare + " must be in [0, 0.9]: safety keeps"
          + " at least a tenth of the time");
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

  /** Credit a waiting {@code p} earns per nanosecond of higher-priority work (0: no time rule for it). */
  double creditRate(InferenceExecutor.Priority p) {
    return p == InferenceExecutor.Priority.DIALOGUE ? dialogueShare / (1 - dialogueShare) : 0;
  }

  public FairShare withSafetyBurst(int n) {
    return new FairShare(n, foregroundBurst, dialogueShare);
  }

  public FairShare withDialogueShare(double share) {
    return new FairShare(safetyBurst, foregroundBurst, share);
  }
}
