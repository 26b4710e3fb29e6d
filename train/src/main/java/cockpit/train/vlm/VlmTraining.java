package cockpit.train.vlm;

import cockpit.lm.text.Tokenizer;
import cockpit.npu.model.ModelConfig;
import cockpit.perception.task.PerceptionTasks;
import cockpit.train.data.PerceptionData;
import cockpit.train.data.PerceptionPrompts;
import cockpit.train.data.Split;
import cockpit.train.data.SplitRecipe;
import cockpit.train.data.VlmSample;
import cockpit.train.torch.Torch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command: the real VLM training run on the perception data generator. Arguments ({@code key=value}):
 * {@code out=DIR} (required; {@link RunDirectory}), the run's {@link RunSpec} keys, and the keys that do
 * not change the trajectory: {@code every=100} (checkpoint every N steps), {@code minutes=15} (and at
 * least this often in wall time), {@code keep=3} (checkpoints kept), {@code val_every=100} and
 * {@code val_per_task=4} (validation loss on the first N examples of each task of the
 * {@link Split#VALIDATION} split; the held-out split is never read).
 *
 * <p>Starting again with the same {@code out} resumes from its latest checkpoint, bit for bit (the data,
 * the stage and the rate are functions of the step). Each step appends a JSON line to
 * {@code log.jsonl} ({@code "kind":"step"}: loss, grad norm, lr, tokens, seconds), as do validations
 * ({@code "val"}), checkpoints ({@code "ckpt"}) and starts ({@code "start"}).
 */
public final class VlmTraining {
  private VlmTraining() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = RunOptions.parse(args);
    if (!a.containsKey("out")) {
      throw new IllegalArgumentException("out=DIR is required (the run directory: checkpoints, log, tokenizer)");
    }
    RunSpec spec = RunSpec.of(a);
    int every = Integer.parseInt(a.getOrDefault("every", "100"));
    double minutes = Double.parseDouble(a.getOrDefault("minutes", "15"));
    int valEvery = Integer.parseInt(a.getOrDefault("val_every", "100"));
    int valPerTask = Integer.parseInt(a.getOrDefault("val_per_task", "4"));
    RunDirectory dir = new RunDirectory(Path.of(a.get("out")), Integer.parseInt(a.getOrDefault("keep", "3")));
    dir.claim(spec);
    Torch.engine();
    ModelConfig cfg = RunOptions.config(spec.modelArgs());
    VlmModel model = new VlmModel(cfg);
    PerceptionData data = new PerceptionData(cfg.vision().imageSize(), SplitRecipe.defaults(),
        PerceptionTasks.defaults());
    try (Tokenizer tok = RunTokenizer.ensure(dir.tokenizer(), data, cfg.text().vocabSize(), spec.seed())) {
      PerceptionPrompts prompts = new PerceptionPrompts(tok, model.imageTokens());
      PerceptionSource source = new PerceptionSource(data, prompts, spec.batch(), spec.seed());
      VlmTrainer.Options o = new VlmTrainer.Options(spec.schedule(),
          Curriculum.defaults(data.taskNames(), spec.align(), Long.MAX_VALUE, 0), spec.seed(), spec.micro());
      List<VlmSample> val = validation(data, prompts, valPerTask);
      List<float[]> spread = val.stream().limit(8).map(s -> s.images().getFirst()).toList();
      try (VlmTrainer t = new VlmTrainer(model, o, source, spread)) {
        Path latest = dir.latest();
        if (latest != null) {
          t.resume(latest);
        }
        dir.log(String.format(Locale.ROOT, "{\"kind\":\"start\",\"spec\":\"%s\",\"resumed_from\":%s,\"step\":%d,"
            + "\"vision_seed\":%d,\"spread\":%.4f,\"val_samples\":%d,\"time\":\"%s\"}", spec.canonical(),
            latest == null ? "null" : "\"" + latest.getFileName() + "\"", t.steps(), t.init().visionSeed(),
            t.init().spread(), val.size(), java.time.Instant.now()));
        loop(t, dir, spec, new Cadence(every, minutes, valEvery), val);
      }
    }
  }

  /** How often the loop checkpoints and validates. */
  record Cadence(int every, double minutes, int valEvery) {
    Cadence {
      if (every < 1 || valEvery < 1 || !(minutes > 0)) {
        throw new IllegalArgumentException("every, val_every and minutes must be positive");
      }
    }
  }

  private static void loop(VlmTrainer t, RunDirectory dir, RunSpec spec, Cadence c, List<VlmSample> val)
      throws Exception {
    long lastSave = System.nanoTime();
    while (t.steps() < spec.steps()) {
      VlmTrainer.StepResult r = t.step();
      dir.log(String.format(Locale.ROOT, "{\"kind\":\"step\",\"step\":%d,\"stage\":\"%s\",\"loss\":%.5f,"
          + "\"grad_norm\":%.4f,\"lr\":%.3e,\"tokens\":%d,\"padded\":%d,\"targets\":%d,\"data_wait_s\":%.3f,"
          + "\"step_s\":%.3f,\"retries\":%d,\"time\":\"%s\"}", r.step(), r.stage(), r.loss(), r.gradNorm(), r.lr(),
          r.tokens(), r.paddedTokens(), r.targets(), r.dataS(), r.computeS(), r.retries(), java.time.Instant.now()));
      boolean last = t.steps() == spec.steps();
      if (t.steps() % c.valEvery() == 0 || last) {
        long v0 = System.nanoTime();
        Map<String, Double> loss = t.validate(val);
        StringBuilder tasks = new StringBuilder();
        loss.forEach((k, v) -> tasks.append(tasks.isEmpty() ? "" : ",")
            .append(String.format(Locale.ROOT, "\"%s\":%.5f", k, v)));
        double mean = loss.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        dir.log(String.format(Locale.ROOT, "{\"kind\":\"val\",\"step\":%d,\"mean_loss\":%.5f,\"tasks\":{%s},"
            + "\"seconds\":%.1f}", t.steps(), mean, tasks, (System.nanoTime() - v0) / 1e9));
      }
      boolean due = t.steps() % c.every() == 0 || (System.nanoTime() - lastSave) / 6e10 >= c.minutes();
      if (due || last) {
        t.save(dir.temporary(), Map.of("run", spec.canonical()));
        Path p = dir.commit(dir.temporary(), t.steps());
        lastSave = System.nanoTime();
        dir.log(String.format(Locale.ROOT, "{\"kind\":\"ckpt\",\"step\":%d,\"file\":\"%s\"}", t.steps(),
            p.getFileName()));
      }
    }
  }

  /** The first {@code perTask} validation examples of every task, in task order. */
  static List<VlmSample> validation(PerceptionData data, PerceptionPrompts prompts, int perTask) {
    List<VlmSample> out = new ArrayList<>();
    for (String task : data.taskNames()) {
      for (int i = 0; i < perTask; i++) {
        out.add(prompts.sample(data.example(Split.VALIDATION, task, i), data.task(task)));
      }
    }
    return out;
  }
}
