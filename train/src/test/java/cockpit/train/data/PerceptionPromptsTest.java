package cockpit.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.Backend;
import cockpit.lm.LanguageModel;
import cockpit.lm.VisionEncoder;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.perception.task.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's prompt ids are the runtime's: equal to {@link TaskRunner#promptTokens} for every task. */
class PerceptionPromptsTest {
  @TempDir Path dir;

  @Test
  void promptIdsEqualTheTaskRunnersOnAModelWithTheTrainedTokenizer() throws Exception {
    ModelDirectory.generate(Profile.MINI, 1, dir, ProgressListener.NONE);
    try (Stream<Path> files = Files.list(TestTokenizer.dir())) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    try (LanguageModel model = LanguageModel.open(dir, new Backend.Reference());
        VisionEncoder vision = model.openVisionEncoder()) {
      TaskRunner runner = new TaskRunner(model, vision, new Preprocessor(vision.imageSize()));
      PerceptionPrompts prompts = new PerceptionPrompts(model.tokenizer(), vision.tokens());
      for (PerceptionTask task : PerceptionTasks.defaults()) {
        assertArrayEquals(runner.promptTokens(task), prompts.prompt(task), task.name());
      }
    }
  }

  @Test
  void aSampleIsThePromptThenTheAnswerByteByByteAndImEnd() {
    PerceptionPrompts prompts = new PerceptionPrompts(TestTokenizer.tokenizer(), 64);
    var task = PerceptionDataTest.DATA.task(PerceptionTasks.GREETER);
    PerceptionExample ex = PerceptionDataTest.DATA.example(Split.TRAIN, task.name(), 2);
    VlmSample all = prompts.sample(ex, task.schema(), PerceptionPrompts.Scoring.ALL);
    int[] p = prompts.prompt(task);
    int n = ex.answer().length();
    assertEquals(p.length + n + 1, all.ids().length, "one token per byte, then <|im_end|>");
    assertEquals(p.length, all.firstTarget());
    assertEquals(n + 1, all.targets());
    assertEquals(prompts.chat().imEnd(), all.ids()[all.ids().length - 1]);
    for (int i = 0; i < n; i++) {
      assertEquals(TestTokenizer.tokenizer().byteToken(ex.answer().charAt(i)), all.ids()[p.length + i]);
    }
    assertEquals(ex.answer(), TestTokenizer.tokenizer().decode(java.util.Arrays.copyOfRange(all.ids(), p.length,
        all.ids().length - 1)));
    long images = java.util.Arrays.stream(all.ids()).filter(id -> id == prompts.chat().image()).count();
    assertEquals(64, images);
    assertEquals(1, all.images().size());
    assertFalse(all.target()[p.length - 1]);
    assertTrue(all.target()[all.ids().length - 1], "<|im_end|> counts");
  }

  @Test
  void choiceScoringCountsOnlyWhereTheGrammarLeavesAChoice() {
    PerceptionPrompts prompts = new PerceptionPrompts(TestTokenizer.tokenizer(), 64);
    for (String name : PerceptionDataTest.DATA.taskNames()) {
      var task = PerceptionDataTest.DATA.task(name);
      PerceptionExample ex = PerceptionDataTest.DATA.example(Split.TRAIN, name, 4);
      VlmSample all = prompts.sample(ex, task.schema(), PerceptionPrompts.Scoring.ALL);
      VlmSample choices = prompts.sample(ex, task.schema(), PerceptionPrompts.Scoring.CHOICES);
      assertArrayEquals(all.ids(), choices.ids());
      assertTrue(choices.targets() > 0 && choices.targets() < all.targets() / 2, name + ": " + choices.targets()
          + " of " + all.targets());
      for (int i = 0; i < all.ids().length; i++) {
        assertTrue(!choices.target()[i] || all.target()[i], "choices ⊂ all");
      }
      // The first byte after '{"' of the root's first key is forced; the first value byte is a choice.
      int first = all.firstTarget();
      assertFalse(choices.target()[first], name + ": '{' is forced");
    }
  }
}
