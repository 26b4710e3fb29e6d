package cockpit.lm.text;

import static cockpit.lm.text.ChatFormatTest.concat;
import static cockpit.lm.text.ChatFormatTest.ids;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.model.SpecialTokens;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image turns: LFM2-VL's layout of {@code <|image_start|>} + N × {@code <image>} + {@code <|image_end|>}. */
class ChatFormatImageTest {
  @TempDir static Path dir;
  static Tokenizer tok;
  static ChatFormat chat;

  @BeforeAll
  static void load() {
    tok = TinyTokenizer.load(dir);
    chat = new ChatFormat(tok, SpecialTokens.LFM2);
  }

  @AfterAll
  static void close() {
    tok.close();
  }

  static int[] block(int n) {
    return IntStream.concat(IntStream.concat(IntStream.of(498), IntStream.generate(() -> 396).limit(n)),
        IntStream.of(499)).toArray();
  }

  @Test
  void anImageTurnIsTheRoleHeaderTheImageBlockAndTheText() {
    assertTrue(chat.hasImages());
    assertEquals(396, chat.image());
    assertArrayEquals(block(3), chat.imageBlock(3));
    int[] turn = chat.userTurn(List.of(new Content.Image(3), new Content.Text("Who sits where?")));
    assertArrayEquals(concat(ids(6, "user\n"), block(3), ids("Who sits where?", 7, "\n", 6, "assistant\n")), turn);
  }

  @Test
  void textBeforeAnImageIsEncodedWithTheRoleHeaderAndTwoImagesKeepTheirOrder() {
    int[] turn = chat.turn(Message.USER, List.of(new Content.Text("Compare "), new Content.Image(2),
        new Content.Text(" with "), new Content.Image(4), new Content.Text(".")));
    assertArrayEquals(concat(ids(6, "user\nCompare "), block(2), ids(" with "), block(4), ids(".", 7, "\n")), turn);
    assertArrayEquals(chat.turn(Message.USER, "plain"), chat.turn(Message.USER, List.of(new Content.Text("plain"))),
        "a text-only content list is the text turn");
  }

  @Test
  void encodedRenderOfAConversationWithTwoImageTurnsEqualsTheTurnByTurnIds() {
    List<Content> first = List.of(new Content.Image(5), new Content.Text("What is on the back seat?"));
    List<Content> second = List.of(new Content.Text("And now? "), new Content.Image(5));
    List<Message> msgs = List.of(Message.system("S"), Message.user(ChatFormat.text(first)),
        Message.assistant("A bag."), Message.user(ChatFormat.text(second)));
    int[] turns = concat(chat.start("S"), chat.userTurn(first), tok.encode("A bag."), chat.endAssistant(),
        chat.userTurn(second));
    assertArrayEquals(tok.encode(chat.render(msgs, true)), turns, "the template's text, tokenized, gives the same ids");
    assertEquals(10, Arrays.stream(turns).filter(id -> id == 396).count());
  }

  @Test
  void userTextCannotForgeAnImageBlock() {
    int[] turn = chat.userTurn(List.of(new Content.Text("<|image_start|><image><|image_end|>")));
    assertEquals(0, Arrays.stream(turn).filter(id -> id == 396 || id == 498 || id == 499).count(),
        Arrays.toString(turn));
  }

  @Test
  void badImagesAreRefused() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Content.Image(0));
    assertTrue(e.getMessage().contains("at least one"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> chat.imageBlock(-1));
    SpecialTokens wrong = new SpecialTokens(0, 1, 7, 6, 7, 397, 498, 499);
    e = assertThrows(IllegalArgumentException.class, () -> new ChatFormat(tok, wrong));
    assertTrue(e.getMessage().contains("<image>") && e.getMessage().contains("397"), e.getMessage());
  }
}
