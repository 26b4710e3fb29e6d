package cockpit.train.tokenizer;

import cockpit.npu.model.SpecialTokens;
import cockpit.npu.model.TokenizerFiles;
import cockpit.train.corpus.SeedCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Trains the project's tokenizer and writes it as Hugging Face files ({@code tokenizer.json},
 * {@code tokenizer_config.json} with the chat template, {@code special_tokens_map.json},
 * {@code generation_config.json}) that the runtime's tokenizer path loads. Deterministic: the same
 * corpus and options give byte-identical files. Stateless.
 *
 * <p>Command: {@code java cockpit.train.tokenizer.TokenizerTraining OUT_DIR [vocab=4096] [seed=1]
 * [samples=2000]} (see the module README).
 */
public final class TokenizerTraining {
  /** The context the runtime serves ({@code model_max_length} in tokenizer_config.json). */
  public static final int CONTEXT = 4096;

  private TokenizerTraining() {}

  /** Trains on {@code documents} and writes the files into {@code out} (created if needed). */
  public static Bpe trainAndWrite(List<String> documents, BpeOptions options, Path out) throws IOException {
    Bpe bpe = BpeTrainer.train(documents, options);
    Files.createDirectories(out);
    TokenizerFiles.write(SpecialTokens.LFM2, CONTEXT, bpe.vocabulary(), bpe.merges(), out);
    return bpe;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 4) {
      throw new IllegalArgumentException("usage: TokenizerTraining OUT_DIR [vocab=4096] [seed=1] [samples=2000]");
    }
    int vocab = args.length > 1 ? Integer.parseInt(args[1]) : BpeOptions.DEFAULT_VOCAB;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    List<String> docs = SeedCorpus.build(seed, samples);
    Bpe bpe = trainAndWrite(docs, new BpeOptions(vocab, 2), Path.of(args[0]));
    long bytes = 0;
    long tokens = 0;
    for (String d : SeedCorpus.build(seed + 1, 100)) { // unseen documents of the same kinds
      bytes += d.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
      tokens += bpe.encode(d).length;
    }
    System.out.printf(java.util.Locale.ROOT, "{\"vocab\":%d,\"learned\":%d,\"merges\":%d,\"bytes_per_token\":%.2f,"
        + "\"out\":\"%s\"}%n", bpe.size(), bpe.learned(), bpe.merges().size(), (double) bytes / tokens, args[0]);
  }
}
