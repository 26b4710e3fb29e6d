package cockpit.lm.text;

import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The generated tiny model's tokenizer (byte-level, LFM2 special ids, vocab 512) for tests. */
final class TinyTokenizer {
  private TinyTokenizer() {}

  /** Generates the tiny model into {@code dir} and loads its tokenizer.json. */
  static Tokenizer load(Path dir) {
    try {
      ModelDirectory.generate(Profile.TINY, 1, dir, ProgressListener.NONE);
      return Tokenizer.load(dir.resolve(ModelDirectory.TOKENIZER));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
