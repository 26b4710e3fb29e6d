package cockpit.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import cockpit.npu.deploy.GraphCost;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.TextConfig;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.model.WeightGenerator;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import cockpit.train.corpus.SeedCorpus;
import cockpit.train.optim.Schedule;
import cockpit.train.text.LmBatch;
import cockpit.train.text.LmTrainer;
import cockpit.train.tokenizer.Bpe;
import cockpit.train.tokenizer.BpeOptions;
import cockpit.train.tokenizer.BpeTrainer;
import cockpit.train.torch.Params;
import cockpit.train.torch.Torch;
import cockpit.train.vision.MobileNetVision;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Command: the training budget of a profile as JSON — parameters, tokens per perception sample
 * (measured with a BPE trained on the seed corpus at the profile's vocabulary), FLOPs per step
 * (forward ×3 for forward + backward), and measured seconds per step of the decoder and of the
 * encoder (forward + backward, batch as given) on this machine. Arguments: {@code PROFILE [batch=8]
 * [steps=3]}. Prints one JSON line.
 */
public final class Budget {
  private Budget() {}

  public static void main(String[] args) {
    Profile profile = Profile.parse(args.length > 0 ? args[0] : "mini");
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    ModelConfig cfg = profile.config(1);
    TextConfig t = cfg.text();
    VisionConfig.MobileNet v = (VisionConfig.MobileNet) cfg.vision();
    double textTokens = textTokensPerSample(t.vocabSize());
    int tokens = (int) Math.round(v.tokens() + textTokens);
    GraphCost.Vision vc = GraphCost.vision(v, t.hiddenSize(), v.imageSize());
    GraphCost.Decoder dc = GraphCost.decoder(t);
    // Training computes logits at every position (the graphs' decoderFlops counts the last one only).
    double lmFlops = GraphCost.decoderFlops(t, tokens, 0) + 2.0 * (tokens - 1) * dc.lmHeadParams();
    double stepFlops = 3 * batch * (vc.flops() + lmFlops);
    double lmS = measureDecoder(t, batch, tokens, steps);
    double visionS = measureVision(cfg, batch, steps);
    System.out.printf(Locale.ROOT, "{\"profile\":\"%s\",\"vision_params\":%d,\"decoder_layer_params\":%d,"
        + "\"embedding_params\":%d,\"image_tokens\":%d,\"text_tokens_per_sample\":%.1f,\"tokens_per_sample\":%d,"
        + "\"vision_gflops_per_image\":%.3f,\"decoder_gflops_per_sample\":%.3f,\"train_gflops_per_step\":%.1f,"
        + "\"batch\":%d,\"decoder_s_per_step\":%.2f,\"vision_s_per_step\":%.2f,\"s_per_step\":%.2f}%n",
        profile.id(), vc.params(), dc.layerParams(), dc.lmHeadParams(), v.tokens(), textTokens, tokens,
        vc.flops() / 1e9, lmFlops / 1e9, stepFlops / 1e9, batch, lmS, visionS, lmS + visionS);
  }

  /** Mean chat-formatted prompt + answer tokens of a perception sample, image tokens excluded. */
  static double textTokensPerSample(int vocab) {
    Bpe bpe = BpeTrainer.train(SeedCorpus.build(1, 2000), new BpeOptions(vocab, 2));
    List<String> docs = SeedCorpus.build(2, 50);
    List<PerceptionTask> tasks = PerceptionTasks.defaults();
    long total = 0;
    int n = 0;
    int per = tasks.size() * 2 + 4; // SeedCorpus: prompt, answer per task, then 4 dialogue lines
    for (int i = 0; i < 50; i++) {
      for (int k = 0; k < tasks.size(); k++) {
        String chat = "<|startoftext|><|im_start|>user\n<|image_start|><|image_end|>" + docs.get(i * per + 2 * k)
            + "<|im_end|>\n<|im_start|>assistant\n" + docs.get(i * per + 2 * k + 1) + "<|im_end|>\n";
        total += bpe.encode(chat).length;
        n++;
      }
    }
    return (double) total / n;
  }

  private static double measureDecoder(TextConfig t, int batch, int tokens, int steps) {
    LmBatch.Source data = step -> {
      SplittableRandom r = new SplittableRandom(step);
      long[][] ids = new long[batch][tokens];
      boolean[][] loss = new boolean[batch][tokens];
      for (int b = 0; b < batch; b++) {
        for (int i = 0; i < tokens; i++) {
          ids[b][i] = r.nextInt(t.vocabSize());
          loss[b][i] = i > tokens / 2;
        }
      }
      return new LmBatch(ids, loss);
    };
    try (LmTrainer trainer = new LmTrainer(t, new Schedule(1e-3, 1e-4, 1, steps + 10), data, 1)) {
      trainer.step(); // warm-up
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        trainer.step();
      }
      return (System.nanoTime() - t0) / 1e9 / steps;
    }
  }

  private static double measureVision(ModelConfig cfg, int batch, int steps) {
    VisionConfig.MobileNet v = (VisionConfig.MobileNet) cfg.vision();
    MobileNetVision net = new MobileNetVision(v, cfg.text().hiddenSize());
    Engine engine = Torch.engine();
    try (NDManager m = engine.newBaseManager();
        Params p = Params.load(m, WeightGenerator.generate(cfg), net.shapes())) {
      double total = 0;
      for (int i = 0; i <= steps; i++) {
        long t0 = System.nanoTime();
        try (NDManager sm = m.newSubManager()) {
          p.all().values().forEach(a -> a.tempAttach(sm));
          NDArray px = sm.randomUniform(0, 1, new Shape(batch, 3, v.imageSize(), v.imageSize()));
          try (GradientCollector gc = engine.newGradientCollector()) {
            gc.backward(net.imageFeatures(p, px).mean());
          }
        }
        total += i == 0 ? 0 : (System.nanoTime() - t0) / 1e9; // the first is a warm-up
      }
      return total / steps;
    }
  }
}
