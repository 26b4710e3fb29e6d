package cockpit.train.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.text.Tokenizer;
import cockpit.npu.model.SpecialTokens;
import cockpit.train.corpus.SeedCorpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trained files load through the runtime's own tokenizer ({@code cockpit.lm.text.Tokenizer}). */
class RuntimeTokenizerTest {
  @TempDir Path dir;

  @Test
  void theRuntimeTokenizerLoadsOurFilesAndAgreesWithOurEncoder() throws Exception {
    Bpe bpe = TokenizerTraining.trainAndWrite(SeedCorpus.build(4, 200), new BpeOptions(1024, 2), dir);
    try (Tokenizer t = Tokenizer.load(dir)) {
      assertEquals(1024, t.vocabSize());
      assertTrue(t.isByteLevel(), "byte-level: untrusted text and streaming use the byte table");
      SpecialTokens s = SpecialTokens.LFM2;
      assertEquals(s.imStart(), t.id("<|im_start|>"));
      assertEquals(s.imEnd(), t.id("<|im_end|>"));
      assertEquals(s.image(), t.id("<image>"));
      assertEquals(s.imageStart(), t.id("<|image_start|>"));
      assertEquals(s.imageEnd(), t.id("<|image_end|>"));
      for (String text : TestStrings.seeded(21, 150)) {
        assertArrayEquals(bpe.encode(text), t.encode(text), () -> "ids of '" + text + "'");
        assertEquals(text, t.decode(t.encode(text)));
        int[] untrusted = t.encodeUntrusted(text);
        for (int id : untrusted) {
          assertTrue(!t.isSpecial(id), "untrusted text spelled a special token: '" + text + "'");
        }
        assertEquals(text, t.decode(untrusted));
      }
    }
  }
}
