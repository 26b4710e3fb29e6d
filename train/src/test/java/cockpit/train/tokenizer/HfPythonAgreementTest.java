package cockpit.train.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.train.corpus.SeedCorpus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our trained tokenizer against the Hugging Face {@code tokenizers} Python package (PyPI; venv from
 * {@code scripts/setup-python.sh}), an independent reference: same ids and same decoded text for
 * seeded strings and corpus lines.
 */
class HfPythonAgreementTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void pythonTokenizersGivesOurIdsAndDecodesThemBack() throws Exception {
    String python = System.getProperty("cockpit.python", ".venv/bin/python");
    Path script = Path.of(System.getProperty("cockpit.home", "..")).resolve("train/python/hf_encode.py");
    assertTrue(Files.isExecutable(Path.of(python)), "no Python venv at " + python + "; run scripts/setup-python.sh");
    List<String> docs = SeedCorpus.build(3, 200);
    Bpe bpe = TokenizerTraining.trainAndWrite(docs, new BpeOptions(2048, 2), dir);
    List<String> strings = new ArrayList<>(TestStrings.seeded(5, 300));
    strings.addAll(SeedCorpus.build(1234, 10));
    Files.write(dir.resolve("in.json"), JSON.writeValueAsBytes(strings));
    Process p = new ProcessBuilder(python, script.toString(), dir.resolve("tokenizer.json").toString(),
        dir.resolve("in.json").toString(), dir.resolve("out.json").toString()).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "reference script timed out");
    assertEquals(0, p.exitValue(), "reference script failed (run scripts/setup-python.sh?):\n" + log);
    JsonNode out = JSON.readTree(dir.resolve("out.json").toFile());
    assertEquals(bpe.size(), out.get("vocab_size").asInt(), "vocabulary size as the library counts it");
    for (int i = 0; i < strings.size(); i++) {
      JsonNode ids = out.get("ids").get(i);
      int[] theirs = new int[ids.size()];
      for (int k = 0; k < theirs.length; k++) {
        theirs[k] = ids.get(k).asInt();
      }
      String s = strings.get(i);
      assertArrayEquals(theirs, bpe.encode(s), () -> "ids of '" + s + "'");
      assertEquals(s, out.get("decoded").get(i).asText(), "the library's decode");
    }
  }
}
