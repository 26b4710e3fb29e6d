package cockpit.train.vlm;

import ai.djl.ndarray.NDManager;
import cockpit.lm.generate.TokenBytes;
import cockpit.lm.generate.TokenMasks;
import cockpit.lm.text.Tokenizer;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Safetensors;
import cockpit.npu.model.SafetensorsWeights;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.train.data.PerceptionData;
import cockpit.train.data.PerceptionExample;
import cockpit.train.data.PerceptionPrompts;
import cockpit.train.data.Split;
import cockpit.train.data.SplitRecipe;
import cockpit.train.data.VlmSample;
import cockpit.train.optim.Checkpoint;
import cockpit.train.torch.Params;
import cockpit.train.torch.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command: accuracy of a training checkpoint on a data split, as the runtime would answer — greedy,
 * constrained by each task's grammar ({@link GreedyAnswer}) — judged field by field against the ideal
 * answers ({@link Judge}); prints one JSON object ({@link Scores#toJson} plus the checkpoint, its step
 * and the split). Arguments ({@code key=value}): {@code out=RUN_DIR} (the run's {@code tokenizer/} and
 * newest checkpoint; {@code ckpt=FILE} picks another), {@code split=held_out} ({@code validation} for the
 * training-time split), {@code per_task=20} (examples 0..N−1 of each task), and the model keys of
 * {@link RunOptions} (the run's {@code profile}, {@code ff}).
 */
public final class VlmEval {
  private VlmEval() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = RunOptions.parse(args);
    if (!a.containsKey("out")) {
      throw new IllegalArgumentException("out=RUN_DIR is required (the training run's directory)");
    }
    RunDirectory dir = new RunDirectory(Path.of(a.get("out")), 1);
    Path ckpt = a.containsKey("ckpt") ? Path.of(a.get("ckpt")) : dir.latest();
    if (ckpt == null || !Files.isRegularFile(ckpt)) {
      throw new IllegalArgumentException("no checkpoint: " + (ckpt == null ? dir.path() + " has none" : ckpt));
    }
    Split split = Split.valueOf(a.getOrDefault("split", "held_out").toUpperCase(Locale.ROOT));
    int perTask = Integer.parseInt(a.getOrDefault("per_task", "20"));
    long t0 = System.nanoTime();
    ModelConfig cfg = RunOptions.config(a);
    VlmModel model = new VlmModel(cfg);
    PerceptionData data = new PerceptionData(cfg.vision().imageSize(), SplitRecipe.defaults(),
        PerceptionTasks.defaults());
    Scores scores = new Scores();
    long step;
    try (Tokenizer tok = Tokenizer.load(dir.tokenizer());
        NDManager base = Torch.engine().newBaseManager();
        SafetensorsWeights w = Safetensors.open(ckpt);
        Params params = Params.load(base, w, model.shapes())) {
      step = Long.parseLong(w.metadata().getOrDefault(Checkpoint.STEP, "-1"));
      PerceptionPrompts prompts = new PerceptionPrompts(tok, model.imageTokens());
      TokenBytes vocab = TokenBytes.vocabulary(tok, prompts.format().endOfAnswer());
      GreedyAnswer greedy = new GreedyAnswer(model, params, base);
      for (String name : data.taskNames()) {
        PerceptionTask task = data.task(name);
        TokenMasks masks = new TokenMasks(task.answerGrammar(), vocab);
        for (int i = 0; i < perTask; i++) {
          PerceptionExample ex = data.example(split, name, i);
          int[] p = prompts.prompt(task);
          VlmSample prompt = new VlmSample(name, p, new boolean[p.length], List.of(ex.pixels()));
          Judge.judge(name, ex.answer(), greedy.answer(prompt, masks), scores);
        }
      }
    }
    System.out.println(String.format(Locale.ROOT, "{\"checkpoint\":\"%s\",\"step\":%s,\"split\":\"%s\","
        + "\"per_task\":%d,\"seconds\":%.1f,\"scores\":%s}", ckpt, step, split.name().toLowerCase(Locale.ROOT),
        perTask, (System.nanoTime() - t0) / 1e9, scores.toJson()));
  }
}
