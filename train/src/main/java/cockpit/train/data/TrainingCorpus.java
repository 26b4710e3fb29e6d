package cockpit.train.data;

import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.TaskRunner;
import cockpit.train.corpus.SeedCorpus;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer's training documents: the text the model reads and writes as BPE tokens — the
 * perception system prompt and every task's question (weighted by {@code promptRepeats}, so their
 * words become whole tokens), and dialogue lines ({@link SeedCorpus#dialogueLines}; the
 * grounded-dialogue formats replace them when they land). Perception answers are not in it: the
 * runtime's constrained decoder spells them byte by byte ({@link PerceptionPrompts#answer}).
 * Deterministic. Stateless.
 */
public final class TrainingCorpus {
  private TrainingCorpus() {}

  /** The documents, in a fixed order. */
  public static List<String> documents(List<PerceptionTask> tasks, int promptRepeats, int dialogueLines, long seed) {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < promptRepeats; i++) {
      docs.add(TaskRunner.SYSTEM_PROMPT);
      tasks.forEach(t -> docs.add(t.prompt()));
    }
    docs.addAll(SeedCorpus.dialogueLines(seed, dialogueLines));
    return docs;
  }
}
