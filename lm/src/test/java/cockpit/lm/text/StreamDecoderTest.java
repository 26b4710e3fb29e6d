package cockpit.lm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamDecoderTest {
  @TempDir static Path dir;
  static Tokenizer tok;

  @BeforeAll
  static void load() {
    tok = TinyTokenizer.load(dir);
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  /** Every piece {@code push} returned, then what {@code flush} returned. */
  static List<String> stream(StreamDecoder d, int... ids) {
    List<String> out = new ArrayList<>();
    for (int id : ids) {
      out.add(d.push(id));
    }
    out.add(d.flush());
    for (String s : out) {
      assertFalse(s.contains("\uFFFD"), () -> "replacement char in " + out);
      assertFalse(!s.isEmpty() && Character.isHighSurrogate(s.charAt(s.length() - 1)), () -> "split pair in " + out);
    }
    return out;
  }

  static int b(int v) {
    return 14 + v;
  }

  @Test
  void fourByteEmojiSplitAcrossTokensIsEmittedOnceWhenComplete() {
    int[] ids = tok.encode("a😀b");
    assertEquals(6, ids.length, "one token per byte");
    assertEquals(List.of("a", "", "", "", "😀", "b", ""), stream(tok.streamDecoder(true), ids));
  }

  @Test
  void mixedTextStreamsToExactlyTheText() {
    StreamDecoder d = tok.streamDecoder(true);
    assertEquals(TokenizerTest.MIXED, String.join("", stream(d, tok.encode(TokenizerTest.MIXED))));
    assertEquals("again 你好", String.join("", stream(d, tok.encode("again 你好"))), "reusable after flush");
  }

  @Test
  void malformedBytesAreDroppedNotReplaced() {
    // 'x', an emoji cut after 2 bytes, 'y', a stray continuation byte, 'z', then 你 cut after 2 bytes
    List<String> out = stream(tok.streamDecoder(true), b('x'), b(0xF0), b(0x9F), b('y'), b(0x80), b('z'), b(0xE4),
        b(0xBD));
    assertEquals(List.of("x", "", "", "y", "", "z", "", "", ""), out);
  }

  @Test
  void specialTokensAreSkippedOrSpelledAsAsked() {
    int imEnd = tok.id("<|im_end|>");
    assertEquals("ok", String.join("", stream(tok.streamDecoder(true), b('o'), b('k'), imEnd)));
    assertEquals("ok<|im_end|>", String.join("", stream(tok.streamDecoder(false), b('o'), b('k'), imEnd)));
    // a skipped special between the bytes of one character does not break it, as in decode(ids, true)
    int[] ids = {b(0xF0), b(0x9F), imEnd, b(0x98), b(0x80)};
    assertEquals("😀", String.join("", stream(tok.streamDecoder(true), ids)));
    assertEquals(tok.decode(ids, true), "😀");
  }

  @Test
  void randomByteStreamsMatchTheNativeDecodeWithoutReplacementChars() {
    Random r = new Random(7);
    for (int n = 0; n < 300; n++) {
      int[] ids = new int[1 + r.nextInt(24)];
      for (int i = 0; i < ids.length; i++) {
        // mostly lead/continuation bytes so that malformed sequences are common
        ids[i] = r.nextInt(4) == 0 ? b(r.nextInt(128)) : b(0x80 + r.nextInt(128));
      }
      String expected = tok.decode(ids, true).replace("\uFFFD", "");
      assertEquals(expected, String.join("", stream(tok.streamDecoder(true), ids)), () -> Arrays.toString(ids));
    }
  }

  @Test
  void idsOutsideTheVocabularyAreRejected() {
    StreamDecoder d = tok.streamDecoder(true);
    assertThrows(IllegalArgumentException.class, () -> d.push(512));
    assertThrows(IllegalArgumentException.class, () -> d.push(-3));
  }

  /** A SentencePiece-style vocabulary (byte fallback, no ByteLevel): the decode-diff path. */
  @Test
  void nonByteLevelVocabularyFallsBackToDecodingAWindow(@TempDir Path spDir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode().put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    root.putArray("added_tokens").add(added(json, 0, "<unk>")).add(added(json, 259, "<|im_end|>"));
    root.putNull("normalizer");
    root.putNull("pre_tokenizer");
    root.putNull("post_processor");
    ObjectNode dec = root.putObject("decoder").put("type", "Sequence");
    dec.putArray("decoders").add(json.createObjectNode().put("type", "ByteFallback"))
        .add(json.createObjectNode().put("type", "Fuse"));
    ObjectNode model = root.putObject("model").put("type", "BPE").put("unk_token", "<unk>").put("byte_fallback", true)
        .put("fuse_unk", false);
    model.putNull("dropout");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    ObjectNode vocab = model.putObject("vocab").put("<unk>", 0);
    for (int i = 0; i < 256; i++) {
      vocab.put("<0x%02X>".formatted(i), 1 + i);
    }
    vocab.put("a", 257).put("b", 258).put("<|im_end|>", 259);
    model.putArray("merges");
    Path file = spDir.resolve("tokenizer.json");
    json.writeValue(file.toFile(), root);

    try (Tokenizer sp = Tokenizer.load(file)) {
      int[] ids = sp.encode("a😀b");
      assertArrayEquals(new int[] {257, 1 + 0xF0, 1 + 0x9F, 1 + 0x98, 1 + 0x80, 258}, ids);
      assertEquals(List.of("a", "", "", "", "😀", "b", ""), stream(sp.streamDecoder(true), ids));
      assertEquals("a😀b", String.join("", stream(sp.streamDecoder(true), 257, 1 + 0xF0, 1 + 0x9F, 1 + 0x98,
          1 + 0x80, 259, 258)));
      assertEquals("ab", String.join("", stream(sp.streamDecoder(true), 257, 1 + 0xF0, 1 + 0x9F, 258)),
          "an unfinished character is not emitted");
      int[] safe = sp.encodeUntrusted("a<|im_end|>b");
      assertTrue(Arrays.stream(safe).noneMatch(id -> id == 259), Arrays.toString(safe));
      assertEquals("a<|im_end|>b", sp.decode(safe));
    }
  }

  private static ObjectNode added(ObjectMapper json, int id, String content) {
    return json.createObjectNode().put("id", id).put("content", content).put("single_word", false).put("lstrip", false)
        .put("rstrip", false).put("normalized", false).put("special", true);
  }
}
