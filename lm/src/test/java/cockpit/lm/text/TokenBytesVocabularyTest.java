package cockpit.lm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.generate.TokenBytes;
import cockpit.npu.model.SpecialTokens;
import cockpit.npu.model.TokenizerFiles;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TokenBytes#vocabulary}: every ordinary token's bytes, merges included; added tokens and fillers none. */
class TokenBytesVocabularyTest {
  @Test
  void generatedVocabularyIsItsSingleBytes(@TempDir Path dir) {
    try (Tokenizer tok = TinyTokenizer.load(dir)) {
      TokenBytes all = TokenBytes.vocabulary(tok, 7);
      TokenBytes single = TokenBytes.singleBytes(tok, 7);
      for (int id = 0; id < tok.vocabSize(); id++) {
        assertArrayEquals(single.bytes(id), all.bytes(id), "token " + id);
      }
      assertNull(tok.tokenBytes(300), "a <|reserved_300|> filler");
      assertNull(tok.tokenBytes(396), "<image>, an added token");
      assertThrows(IllegalArgumentException.class, () -> tok.tokenBytes(tok.vocabSize()));
    }
  }

  @Test
  void mergedTokensEmitTheirBytesAndEncodedTextIsSpelledByThem(@TempDir Path dir) throws Exception {
    List<String> vocab = new ArrayList<>(TokenizerFiles.vocabulary(600));
    String[][] merges = {{"{", "\""}, {"t", "r"}, {"u", "e"}, {"tr", "ue"}, {"\"", ":"}};
    for (int i = 0; i < merges.length; i++) {
      vocab.set(270 + i, merges[i][0] + merges[i][1]);
    }
    TokenizerFiles.write(SpecialTokens.LFM2, 4096, vocab, List.of(merges), dir);
    try (Tokenizer tok = Tokenizer.load(dir.resolve(TokenizerFiles.TOKENIZER))) {
      TokenBytes table = TokenBytes.vocabulary(tok, 7);
      assertArrayEquals("{\"".getBytes(StandardCharsets.UTF_8), table.bytes(270));
      assertArrayEquals("true".getBytes(StandardCharsets.UTF_8), table.bytes(273));
      assertNull(table.bytes(7), "end of turn");
      assertNull(table.bytes(280), "a filler");
      String doc = "{\"on\":true}";
      int[] ids = tok.encodeUntrusted(doc);
      assertTrue(ids.length < doc.length(), "merges apply: " + java.util.Arrays.toString(ids));
      ByteArrayOutputStream spelled = new ByteArrayOutputStream();
      for (int id : ids) {
        spelled.writeBytes(table.bytes(id));
      }
      assertEquals(doc, spelled.toString(StandardCharsets.UTF_8));
    }
  }
}
