package cockpit.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.Backend;
import cockpit.lm.LanguageModel;
import cockpit.lm.VisionEncoder;
import cockpit.lm.generate.ConstrainedDecoder;
import cockpit.lm.generate.TokenBytes;
import cockpit.lm.generate.TokenMasks;
import cockpit.lm.text.Tokenizer;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.perception.task.TaskRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's ids are the runtime's: prompts equal to {@link TaskRunner#promptTokens} for every task,
 * answers a token sequence the runtime's constraint (grammar over the whole vocabulary) lets the model write.
 */
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
  void aSampleIsTheTaskFormatsPromptThenItsAnswerTokensWithLossOnTheAnswerOnly() {
    PerceptionPrompts prompts = new PerceptionPrompts(TestTokenizer.tokenizer(), 64);
    PerceptionTask task = PerceptionDataTest.DATA.task(PerceptionTasks.GREETER);
    PerceptionExample ex = PerceptionDataTest.DATA.example(Split.TRAIN, task.name(), 2);
    VlmSample s = prompts.sample(ex, task);
    int[] p = prompts.prompt(task);
    int[] a = prompts.format().answerTokens(task, ex.answer());
    assertArrayEquals(p, Arrays.copyOf(s.ids(), p.length));
    assertArrayEquals(a, Arrays.copyOfRange(s.ids(), p.length, s.ids().length));
    assertEquals(p.length, s.firstTarget());
    assertEquals(a.length, s.targets());
    assertEquals(prompts.format().endOfAnswer(), s.ids()[s.ids().length - 1]);
    assertEquals(ex.answer(), TestTokenizer.tokenizer().decode(Arrays.copyOfRange(s.ids(), p.length,
        s.ids().length - 1)));
    assertEquals(64, Arrays.stream(s.ids()).filter(id -> id == prompts.format().imageToken()).count());
    assertEquals(1, s.images().size());
    assertFalse(s.target()[p.length - 1]);
    assertTrue(s.target()[s.ids().length - 1], "<|im_end|> counts");
    assertThrows(IllegalArgumentException.class,
        () -> prompts.sample(ex, PerceptionDataTest.DATA.task(PerceptionTasks.OCCUPANCY)));
  }

  @Test
  void everyTasksAnswerTokensAreASequenceTheRuntimesConstraintAllowsAndUseMergedTokens() {
    Tokenizer tok = TestTokenizer.tokenizer();
    PerceptionPrompts prompts = new PerceptionPrompts(tok, 64);
    // TaskRunner's constraint: the task's grammar over the whole vocabulary, <|im_end|> ends the turn.
    TokenBytes vocab = TokenBytes.vocabulary(tok, prompts.format().endOfAnswer());
    for (String name : PerceptionDataTest.DATA.taskNames()) {
      PerceptionTask task = PerceptionDataTest.DATA.task(name);
      for (int i = 0; i < 3; i++) {
        PerceptionExample ex = PerceptionDataTest.DATA.example(Split.VALIDATION, name, i);
        VlmSample s = prompts.sample(ex, task);
        int[] answer = Arrays.copyOfRange(s.ids(), s.firstTarget(), s.ids().length);
        assertTrue(answer.length - 1 < ex.answer().length(), name + ": merged tokens, not one per byte");
        ConstrainedDecoder d = new TokenMasks(task.answerGrammar(), vocab).newDecoder();
        for (int id : answer) {
          assertTrue(d.allowed().get(id), name + ": token " + id + " after \"" + d.text() + "\"");
          d.accept(id);
        }
        assertTrue(d.finished(), name + ": the answer completes the schema");
        assertEquals(ex.answer(), d.text());
      }
    }
  }
}
