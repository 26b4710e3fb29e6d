package cockpit.npu.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerFilesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void tokenizerJsonHasExactlyVocabSizeEntriesWithSpecialsAtLfm2Ids(@TempDir Path dir) throws IOException {
    TokenizerFiles.write(Profile.TINY.config(1), dir);
    JsonNode tok = JSON.readTree(dir.resolve("tokenizer.json").toFile());
    JsonNode vocab = tok.at("/model/vocab");
    assertEquals(512, vocab.size());
    assertEquals("BPE", tok.at("/model/type").asText());
    assertEquals(0, tok.at("/model/merges").size());
    assertEquals("ByteLevel", tok.at("/pre_tokenizer/type").asText());
    assertEquals(TokenizerFiles.SPECIAL.size(), tok.get("added_tokens").size(), "fillers stay out of added_tokens");
    assertEquals(6, vocab.get("<|im_start|>").asInt());
    assertEquals(7, vocab.get("<|im_end|>").asInt());
    assertEquals(396, vocab.get("<image>").asInt());
    assertEquals(499, vocab.get("<|image_end|>").asInt());
    assertEquals(13, vocab.get("<|tool_response_end|>").asInt());
    assertEquals(14 + 'h', vocab.get("h").asInt());
    assertEquals(14 + ' ', vocab.get("\u0120").asInt(), "GPT-2 maps the space to Ġ");
    assertEquals(300, vocab.get("<|reserved_300|>").asInt());
    Set<Character> chars = new HashSet<>();
    for (int b = 0; b < 256; b++) {
      chars.add(TokenizerFiles.byteChar(b));
    }
    assertEquals(256, chars.size(), "the byte alphabet is a bijection");
    for (JsonNode t : tok.get("added_tokens")) {
      assertTrue(t.get("special").asBoolean());
      assertEquals(t.get("id").asInt(), vocab.get(t.get("content").asText()).asInt());
    }

    JsonNode tc = JSON.readTree(dir.resolve("tokenizer_config.json").toFile());
    assertEquals("<|startoftext|>", tc.get("bos_token").asText());
    assertEquals("<|im_end|>", tc.get("eos_token").asText());
    assertEquals("<|pad|>", tc.get("pad_token").asText());
    assertEquals(4096, tc.get("model_max_length").asInt());
    assertEquals(TokenizerFiles.CHAT_TEMPLATE, tc.get("chat_template").asText());
    assertEquals(7, JSON.readTree(dir.resolve("generation_config.json").toFile()).get("eos_token_id").asInt());
    assertEquals("<|im_end|>", JSON.readTree(dir.resolve("special_tokens_map.json").toFile())
        .at("/eos_token/content").asText());
  }

  @Test
  void vocabularyNeedsRoomForTheSpecialIds() {
    List<String> v = TokenizerFiles.vocabulary(500);
    assertEquals("<|image_end|>", v.get(499));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenizerFiles.vocabulary(499));
    assertTrue(e.getMessage().contains("vocab_size >= 500"), e.getMessage());
  }
}
