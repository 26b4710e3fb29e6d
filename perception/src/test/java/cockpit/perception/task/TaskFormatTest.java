package cockpit.perception.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.LanguageModel;
import cockpit.lm.TinyModel;
import cockpit.lm.text.ChatFormat;
import cockpit.lm.text.Content;
import cockpit.lm.text.Message;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The token layout the trainer asks for is the runner's, and answers are checked against the schemas. */
class TaskFormatTest {
  /** GPT-2's pre-tokenizer split (the ByteLevel one the project's BPE uses): a BPE never merges across it. */
  private static final Pattern PRE_TOKENS =
      Pattern.compile("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
  static LanguageModel model;
  static TaskFormat format;

  @BeforeAll
  static void load() throws Exception {
    model = TinyModel.model();
    format = new TaskFormat(model.tokenizer());
  }

  @Test
  void promptTokensAreTheRunnersAndTheChatTemplatesForAnyImageSize() throws Exception {
    TaskRunner runner = cockpit.perception.TinyVision.runner();
    for (PerceptionTask task : PerceptionTasks.defaults()) {
      assertArrayEquals(runner.promptTokens(task), format.promptTokens(task, 256), task.name());
      int[] p = format.promptTokens(task, 64);
      String text = model.chat().render(List.of(Message.system(TaskFormat.SYSTEM_PROMPT),
          Message.user(ChatFormat.text(List.of(new Content.Image(64), new Content.Text(task.prompt()))))), true);
      assertArrayEquals(model.tokenizer().encode(text), p, task.name());
      assertEquals(64, Arrays.stream(p).filter(id -> id == format.imageToken()).count());
    }
    assertEquals(TaskFormat.SYSTEM_PROMPT, TaskRunner.SYSTEM_PROMPT);
  }

  @Test
  void answerTokensSpellTheAnswerAndEndTheTurn() {
    PerceptionTask task = PerceptionTasks.occupancy();
    int[] ids = format.answerTokens(task, DetectionMapperTest.OCCUPANCY);
    assertEquals(format.endOfAnswer(), ids[ids.length - 1]);
    assertEquals(DetectionMapperTest.OCCUPANCY, model.tokenizer().decode(Arrays.copyOf(ids, ids.length - 1)));
  }

  @Test
  void answersOutsideTheSchemaAreRefusedWithWhere() {
    PerceptionTask driver = PerceptionTasks.driverMonitoring();
    String spaced = "{\"gaze\": \"road\",\"eyes\":\"open\",\"yawning\":false,\"eyes_on_road\":true,\"drowsy\":false}";
    var e = assertThrows(IllegalArgumentException.class, () -> format.answerTokens(driver, spaced));
    assertTrue(e.getMessage().contains("byte 8, after \"{\"gaze\":\""), e.getMessage());
    String reordered = "{\"eyes\":\"open\",\"gaze\":\"road\",\"yawning\":false,\"eyes_on_road\":true,\"drowsy\":false}";
    assertThrows(IllegalArgumentException.class, () -> driver.checkAnswer(reordered));
    String confident = "{\"gaze\":\"road\",\"eyes\":\"open\",\"yawning\":false,\"eyes_on_road\":true,\"drowsy\":false,"
        + "\"confidence\":0.9}";
    assertThrows(IllegalArgumentException.class, () -> driver.checkAnswer(confident));
    var cut = assertThrows(IllegalArgumentException.class, () -> driver.checkAnswer("{\"gaze\":\"road\""));
    assertTrue(cut.getMessage().contains("ends before the document is complete"), cut.getMessage());
    PerceptionTask occupancy = PerceptionTasks.occupancy();
    assertThrows(IllegalArgumentException.class, () -> occupancy.checkAnswer("{\"seats\":[{\"row\":1,\"position\":"
        + "\"middle\",\"occupant\":\"adult\",\"belted\":true,\"objects\":[\"phone\",\"keys\",\"bag\"]}]}"),
        "at most two objects per seat");
  }

  @Test
  void questionsAndTheSystemPromptAreShort() {
    for (PerceptionTask task : PerceptionTasks.defaults()) {
      assertTrue(preTokens(task.prompt()) <= 20, task.name() + ": " + preTokens(task.prompt()) + " pieces");
    }
    assertTrue(preTokens(TaskFormat.SYSTEM_PROMPT) <= 16, TaskFormat.SYSTEM_PROMPT);
  }

  /** Pieces the pre-tokenizer cuts: a lower bound of BPE tokens, reached when the corpus holds the text often. */
  private static int preTokens(String text) {
    Matcher m = PRE_TOKENS.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
