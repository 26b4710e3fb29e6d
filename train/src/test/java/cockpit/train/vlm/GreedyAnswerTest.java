package cockpit.train.vlm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import cockpit.lm.generate.TokenBytes;
import cockpit.lm.generate.TokenMasks;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.TextConfig;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.train.data.PerceptionData;
import cockpit.train.data.PerceptionExample;
import cockpit.train.data.PerceptionPrompts;
import cockpit.train.data.Split;
import cockpit.train.data.SplitRecipe;
import cockpit.train.data.TestTokenizer;
import cockpit.train.data.VlmSample;
import cockpit.train.torch.Params;
import cockpit.train.torch.Torch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluation's decoding: an untrained mini-sized model (vocabulary cut to the test tokenizer's 768
 * ids) answers through the prompt prefill and the conv/KV cache, and whatever it picks is a complete
 * answer the runtime's grammar accepts.
 */
class GreedyAnswerTest {
  @Test
  void anUntrainedModelsGreedyAnswersAreCompleteDocumentsOfTheTasksGrammar() {
    ModelConfig mini = RunOptions.config(Map.of("profile", "mini"));
    TextConfig t = mini.text();
    TextConfig text = new TextConfig(TestTokenizer.VOCAB, t.hiddenSize(), t.numHiddenLayers(), t.layerTypes(),
        t.convLCache(), t.numAttentionHeads(), t.numKeyValueHeads(), t.headDim(), t.intermediateSize(),
        t.blockAutoAdjustFfDim(), t.blockFfnDimMultiplier(), t.blockMultipleOf(), t.normEps(), t.ropeTheta(),
        t.tieWordEmbeddings(), t.maxPositionEmbeddings());
    VlmModel model = new VlmModel(new ModelConfig(text, mini.vision(), mini.tokens(), "mini-768", 0,
        mini.contextLength()));
    PerceptionData data = new PerceptionData(model.vision().config().imageSize(), SplitRecipe.defaults(),
        PerceptionTasks.defaults());
    PerceptionPrompts prompts = new PerceptionPrompts(TestTokenizer.tokenizer(), model.imageTokens());
    TokenBytes vocab = TokenBytes.vocabulary(TestTokenizer.tokenizer(), prompts.format().endOfAnswer());
    try (NDManager base = Torch.engine().newBaseManager(); Params params = Params.empty(base)) {
      List<float[]> images = List.of(data.example(Split.VALIDATION, PerceptionTasks.GREETER, 0).pixels(),
          data.example(Split.VALIDATION, PerceptionTasks.OCCUPANCY, 0).pixels());
      try (NDManager m = base.newSubManager()) {
        VlmInit.init(model, params, 3, VlmInit.images(m, images, model.vision().config().imageSize()));
      }
      GreedyAnswer greedy = new GreedyAnswer(model, params, base);
      for (String name : List.of(PerceptionTasks.GREETER, PerceptionTasks.DRIVER_MONITORING)) {
        PerceptionTask task = data.task(name);
        PerceptionExample ex = data.example(Split.HELD_OUT, name, 0);
        int[] p = prompts.prompt(task);
        String answer = greedy.answer(new VlmSample(name, p, new boolean[p.length], List.of(ex.pixels())),
            new TokenMasks(task.answerGrammar(), vocab));
        assertFalse(answer.isEmpty(), name);
        assertDoesNotThrow(() -> task.checkAnswer(answer), name + ": " + answer);
      }
    }
  }
}
