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
  void aSampleIsThePromptThenTheAnswerAndImEndWithLossOnTheAnswerOnly() {
    PerceptionPrompts prompts = new PerceptionPrompts(TestTokenizer.tokenizer(), 64);
    PerceptionExample ex = PerceptionDataTest.DATA.example(Split.TRAIN, PerceptionTasks.GREETER, 2);
    VlmSample s = prompts.sample(ex);
    int[] p = prompts.prompt(PerceptionDataTest.DATA.task(PerceptionTasks.GREETER));
    assertEquals(p.length, s.firstTarget());
    assertEquals(s.ids().length - p.length, s.targets());
    assertEquals(prompts.chat().imEnd(), s.ids()[s.ids().length - 1]);
    assertEquals(ex.answer() + "", TestTokenizer.tokenizer().decode(java.util.Arrays.copyOfRange(s.ids(), p.length,
        s.ids().length - 1)));
    long images = java.util.Arrays.stream(s.ids()).filter(id -> id == prompts.chat().image()).count();
    assertEquals(64, images);
    assertEquals(1, s.images().size());
    assertFalse(s.target()[p.length - 1]);
    assertTrue(s.target()[s.ids().length - 1], "<|im_end|> counts");
  }
}
