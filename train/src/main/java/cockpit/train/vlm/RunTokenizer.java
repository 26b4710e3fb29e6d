package cockpit.train.vlm;

import cockpit.lm.text.Tokenizer;
import cockpit.npu.model.TokenizerFiles;
import cockpit.train.data.PerceptionData;
import cockpit.train.data.TrainingCorpus;
import cockpit.train.tokenizer.BpeOptions;
import cockpit.train.tokenizer.TokenizerTraining;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A training run's tokenizer: the project's BPE trained on the generator's corpus
 * ({@link TrainingCorpus}: prompts and answers of the first {@value #PER_TASK} training examples of
 * every task, {@value #DIALOGUE_LINES} dialogue lines) at the model's vocabulary, written once into a directory and loaded through the
 * runtime's {@link Tokenizer} — the same files the exported model directory carries. Deterministic:
 * the same data and seed give byte-identical files. Stateless.
 */
public final class RunTokenizer {
  static final int PER_TASK = 100;
  static final int DIALOGUE_LINES = 2000;

  private RunTokenizer() {}

  /** Loads the tokenizer in {@code dir}, training and writing it first if the directory has none. */
  public static Tokenizer ensure(Path dir, PerceptionData data, int vocab, long seed) throws IOException {
    if (!Files.isRegularFile(dir.resolve(TokenizerFiles.TOKENIZER))) {
      TokenizerTraining.trainAndWrite(TrainingCorpus.documents(data, PER_TASK, DIALOGUE_LINES, seed),
          new BpeOptions(vocab, 2), dir);
    }
    Tokenizer t = Tokenizer.load(dir);
    if (t.vocabSize() != vocab) {
      t.close();
      throw new IllegalArgumentException(dir + " holds a tokenizer of " + t.vocabSize() + " ids; the model needs "
          + vocab + " (remove it to train a new one)");
    }
    return t;
  }
}
