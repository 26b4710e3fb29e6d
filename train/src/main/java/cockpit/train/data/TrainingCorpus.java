package cockpit.train.data;

import cockpit.perception.task.TaskRunner;
import cockpit.train.corpus.SeedCorpus;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer's training documents, drawn from what the model will read and write: the perception
 * system prompt, every task's question, the answers of the first {@code perTask} training examples
 * of every task (so field names, enum values and sign texts get their own tokens), and templated
 * dialogue lines ({@link SeedCorpus#dialogueLines}; the grounded-dialogue formats replace them when
 * they land). Deterministic. Stateless.
 */
public final class TrainingCorpus {
  private TrainingCorpus() {}

  /** The documents, in a fixed order. */
  public static List<String> documents(PerceptionData data, int perTask, int dialogueLines, long seed) {
    List<String> docs = new ArrayList<>();
    docs.add(TaskRunner.SYSTEM_PROMPT);
    for (String task : data.taskNames()) {
      docs.add(data.task(task).prompt());
      for (int i = 0; i < perTask; i++) {
        docs.add(data.answer(Split.TRAIN, task, i));
      }
    }
    docs.addAll(SeedCorpus.dialogueLines(seed, dialogueLines));
    return docs;
  }
}
