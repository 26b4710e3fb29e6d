package cockpit.train.data;

import cockpit.lm.text.Tokenizer;
import cockpit.train.tokenizer.BpeOptions;
import cockpit.train.tokenizer.TokenizerTraining;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small BPE tokenizer (768 ids) trained on the generator's corpus, written once per test JVM into
 * a temporary directory and loaded through the runtime's {@link Tokenizer} (never closed: the JVM ends).
 */
public final class TestTokenizer {
  public static final int VOCAB = 768;
  private static Path dir;
  private static Tokenizer tokenizer;

  private TestTokenizer() {}

  /** The directory holding tokenizer.json and the other tokenizer files. */
  public static synchronized Path dir() {
    if (dir == null) {
      try {
        Path d = Files.createTempDirectory("cockpit-train-tok");
        TokenizerTraining.trainAndWrite(TrainingCorpus.documents(PerceptionDataTest.DATA, 4, 200, 3),
            new BpeOptions(VOCAB, 2), d);
        dir = d;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return dir;
  }

  public static synchronized Tokenizer tokenizer() {
    if (tokenizer == null) {
      try {
        tokenizer = Tokenizer.load(dir());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tokenizer;
  }
}
