package cockpit.train.data;

import cockpit.perception.task.TaskFormat;
import cockpit.train.corpus.SeedCorpus;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenizer's training documents, drawn from what the model will read and write, in the
 * proportions training shows them: per round {@code i < perTask}, the perception system prompt, and
 * for every task its question and the answer of training example {@code i} (so field names, enum
 * values and sign texts get their own tokens — the runtime constrains over the whole vocabulary, so
 * a trained model writes its answers in those merged tokens, {@link TaskFormat#answerTokens}); then
 * templated dialogue lines ({@link SeedCorpus#dialogueLines}; the grounded-dialogue formats replace
 * them when they land). Deterministic. Stateless.
 */
public final class TrainingCorpus {
  private TrainingCorpus() {}

  /** The documents, in a fixed order. */
  public static List<String> documents(PerceptionData data, int perTask, int dialogueLines, long seed) {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < perTask; i++) {
      docs.add(TaskFormat.SYSTEM_PROMPT);
      for (String task : data.taskNames()) {
        docs.add(data.task(task).prompt());
        docs.add(data.answer(Split.TRAIN, task, i));
      }
    }
    docs.addAll(SeedCorpus.dialogueLines(seed, dialogueLines));
    return docs;
  }
}
