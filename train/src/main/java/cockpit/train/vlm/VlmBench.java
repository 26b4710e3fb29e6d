package cockpit.train.vlm;

import ai.djl.pytorch.jni.JniUtils;
import cockpit.lm.text.Tokenizer;
import cockpit.npu.model.ModelConfig;
import cockpit.perception.task.PerceptionTasks;
import cockpit.train.data.PerceptionData;
import cockpit.train.data.PerceptionPrompts;
import cockpit.train.data.Split;
import cockpit.train.data.SplitRecipe;
import cockpit.train.data.VlmSample;
import cockpit.train.optim.Schedule;
import cockpit.train.torch.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Command: seconds per VLM training step (wall and process CPU) on real generated samples through
 * {@link VlmTrainer}, for each batch size, torch thread count and micro-batch limit given; one JSON line
 * per setting with the machine's load average before and after (the machine is shared: CPU seconds
 * are the steadier figure). Arguments ({@code key=value}, see {@link RunOptions} for the model keys):
 * {@code batches=8,16,32 threads=1,2 micro=1,4 steps=3 tok=DIR [trace=FILE]} —
 * {@code trace} writes PyTorch's profiler trace (Chrome JSON) of the last setting's timed steps.
 */
public final class VlmBench {
  private VlmBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = RunOptions.parse(args);
    Torch.engine(); // loads libtorch before the thread count is set
    ModelConfig cfg = RunOptions.config(a);
    VlmModel model = new VlmModel(cfg);
    int steps = Integer.parseInt(a.getOrDefault("steps", "3"));
    PerceptionData data = new PerceptionData(cfg.vision().imageSize(), SplitRecipe.defaults(),
        PerceptionTasks.defaults());
    try (Tokenizer tok = RunTokenizer.ensure(Path.of(a.getOrDefault("tok", "target/vlm-tokenizer")),
        data, cfg.text().vocabSize(), 1)) {
      PerceptionPrompts prompts = new PerceptionPrompts(tok, model.imageTokens());
      int maxBatch = 0;
      for (String b : a.getOrDefault("batches", "8,16,32").split(",")) {
        maxBatch = Math.max(maxBatch, Integer.parseInt(b));
      }
      List<VlmSample> pool = new ArrayList<>();
      List<String> tasks = data.taskNames();
      long g0 = System.nanoTime();
      for (int i = 0; i < maxBatch; i++) {
        String task = tasks.get(i % tasks.size());
        pool.add(prompts.sample(data.example(Split.TRAIN, task, i), data.task(task)));
      }
      double genS = (System.nanoTime() - g0) / 1e9 / maxBatch;
      for (String th : a.getOrDefault("threads", "1,2").split(",")) {
        JniUtils.setNumThreads(Integer.parseInt(th));
        for (String b : a.getOrDefault("batches", "8,16,32").split(",")) {
          for (String micro : a.getOrDefault("micro", "4").split(",")) {
            System.out.println(measure(model, pool.subList(0, Integer.parseInt(b)), steps, Integer.parseInt(th),
                Integer.parseInt(micro), genS, a.get("trace")));
          }
        }
      }
    }
  }

  private static String measure(VlmModel model, List<VlmSample> samples, int steps, int threads, int micro,
      double genS, String trace) throws Exception {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean();
    String load0 = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    VlmTrainer.Options o = new VlmTrainer.Options(new Schedule(1e-4, 1e-5, 1, 1000),
        Curriculum.defaults(List.of("any"), 0, Long.MAX_VALUE, 0), 1, micro);
    List<float[]> spread = samples.stream().limit(8).map(x -> x.images().getFirst()).toList();
    double wall = 0;
    long cpu = 0;
    VlmTrainer.StepResult last = null;
    try (VlmTrainer t = new VlmTrainer(model, o, (step, stage) -> samples, spread)) {
      for (int i = 0; i <= steps; i++) {
        if (i == 1 && trace != null) {
          JniUtils.startProfile(false, true, false);
        }
        long c0 = os.getProcessCpuTime();
        last = t.step();
        if (i > 0) { // step 0 warms up
          cpu += os.getProcessCpuTime() - c0;
          wall += last.computeS();
        }
      }
      if (trace != null) {
        JniUtils.stopProfile(trace);
      }
    }
    String load1 = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    double s = wall / steps;
    return String.format(Locale.ROOT, "{\"profile\":\"%s\",\"ffn\":%d,\"batch\":%d,\"micro_max\":%d,"
        + "\"tokens\":%d,\"padded\":%d,\"targets\":%d,\"threads\":%d,\"s_per_step\":%.3f,"
        + "\"cpu_s_per_step\":%.3f,\"tokens_per_s\":%.0f,\"data_s_per_sample\":%.4f,\"load_before\":%s,"
        + "\"load_after\":%s}", model.config().profile(), model.config().text().ffnDim(), samples.size(), micro,
        last.tokens(), last.paddedTokens(), last.targets(), threads, s, cpu / 1e9 / steps, last.tokens() / s, genS,
        load0, load1);
  }

}
