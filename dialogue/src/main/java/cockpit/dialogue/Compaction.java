package cockpit.dialogue;

import cockpit.dialogue.snapshot.Snapshot;
import cockpit.lm.text.Message;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Which messages a compaction keeps: the most recent whole exchanges (an exchange is a user turn with
 * the context message before it and the assistant reply after it; its images go with it) whose tokens fit
 * {@link #keepBudget}. The budget makes compaction converge: after a compaction, the new turn with its
 * whole reply budget still leaves {@link #minFree} (a quarter of the context: 1024 of 4096 tokens) free,
 * so the turns after it do not compact again at once. Stateless.
 */
final class Compaction {
  private Compaction() {}

  /** Tokens left free after a compaction and the turn that caused it: a quarter of the context. */
  static int minFree(int capacity) {
    return capacity / 4;
  }

  /**
   * Tokens of history a compaction keeps: at most half the context, and no more than leaves the system
   * block, the new turn with its reply budget ({@code reserve}) and {@link #minFree} room.
   */
  static int keepBudget(int capacity, int systemTokens, int reserve) {
    return Math.max(0, Math.min(capacity / 2, capacity - systemTokens - reserve - minFree(capacity)));
  }

  /**
   * The index of the first message to keep of {@code transcript[from..]}: the start of the oldest of the
   * most recent whole exchanges whose tokens sum to at most {@code budget}; {@code transcript.size()}
   * when not even the last one fits.
   */
  static int firstKept(List<Snapshot.Turn> transcript, int from, int budget, ToIntFunction<Snapshot.Turn> tokens) {
    int first = transcript.size();
    int used = 0;
    int end = transcript.size() - 1;
    while (end >= from) {
      int start = end;
      while (start - 1 >= from && !transcript.get(start - 1).role().equals(Message.ASSISTANT)) {
        start--;
      }
      int size = 0;
      for (int i = start; i <= end; i++) {
        size += tokens.applyAsInt(transcript.get(i));
      }
      if (used + size > budget) {
        break;
      }
      used += size;
      first = start;
      end = start - 1;
    }
    return first;
  }
}
