package cockpit.npu.quant;

import ai.onnxruntime.OrtException;
import cockpit.npu.graph.VisionGraph;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.onnx.proto.NodeProto;
import cockpit.npu.runtime.DecoderSession;
import cockpit.npu.runtime.DecoderState;
import cockpit.npu.runtime.NpuRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Float-vs-quantized error of a model: per layer and end to end for a W8A16 vision encoder, and
 * logits, weight error and greedy-token agreement for the W4A16 decoder. Caller formats the
 * records (the launcher prints a table and JSON). Stateless.
 */
public final class QuantReport {
  /** The error of one layer's output (a Conv/MatMul/Gemm output tensor, as dequantized). */
  public record LayerError(String tensor, String op, ErrorStats stats) {}

  /** One encoder's figures, calibrated on {@code calibration} seeded images, measured on {@code eval} others. */
  public record VisionResult(String encoder, int imageSize, int calibration, int eval, ErrorStats endToEnd,
      List<LayerError> layers) {}

  /**
   * The W4A16 decoder: teacher-forced logits error over {@code prompts} × ({@code steps} + 1)
   * positions; greedy generation of {@code steps} tokens run separately by each model, compared
   * position by position and as whole sequences; per-matrix weight error; decoder weight bytes.
   */
  public record DecoderResult(ErrorStats logits, int prompts, int steps, double tokenAgreement,
      int identicalSequences, Map<String, ErrorStats> weights, long floatBytes, long w4Bytes) {}

  /** Ops whose outputs are the rows of the per-layer table. */
  private static final java.util.Set<String> LAYER_OPS = java.util.Set.of("Conv", "MatMul", "Gemm");

  private QuantReport() {}

  /** Calibrates, quantizes and measures the encoder of {@code model} (MobileNet or ViT). */
  public static VisionResult vision(NpuRuntime rt, LoadedModel model, int calibration, int eval,
      QdqQuantizer.Options options, Path work) throws IOException, OrtException {
    ModelConfig cfg = model.config();
    int s = cfg.vision().imageSize();
    W8A16Vision v = W8A16Vision.build(rt, cfg, model.weights(), CalibrationImages.seeded(calibration, s, 1), options,
        work);
    List<String> layers = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    for (NodeProto n : v.floatGraph().nodes()) {
      if (LAYER_OPS.contains(n.getOpType()) && v.dequantized().containsKey(n.getOutput(0))) {
        layers.add(n.getOutput(0));
        ops.add(n.getOpType());
      }
    }
    List<String> floatNames = new ArrayList<>(layers);
    floatNames.add(VisionGraph.OUTPUT);
    List<String> quantNames = new ArrayList<>(layers.stream().map(v.dequantized()::get).toList());
    quantNames.add(VisionGraph.OUTPUT);
    long[] shape = {1, 3, s, s};
    float[][][] f = new float[floatNames.size()][eval][];
    float[][][] q = new float[floatNames.size()][eval][];
    try (ActivationCollector fc = new ActivationCollector(rt, v.floatGraph(), floatNames, VisionGraph.INPUT, shape,
        work);
        ActivationCollector qc = new ActivationCollector(rt, v.quantized(), quantNames, VisionGraph.INPUT, shape,
            work)) {
      List<float[]> images = CalibrationImages.seeded(eval, s, 1000);
      for (int i = 0; i < eval; i++) {
        Map<String, float[]> fo = fc.run(images.get(i));
        Map<String, float[]> qo = qc.run(images.get(i));
        for (int t = 0; t < floatNames.size(); t++) {
          f[t][i] = fo.get(floatNames.get(t));
          q[t][i] = qo.get(quantNames.get(t));
        }
      }
    }
    List<LayerError> per = new ArrayList<>();
    for (int t = 0; t < layers.size(); t++) {
      per.add(new LayerError(layers.get(t), ops.get(t), ErrorStats.pooled(f[t], q[t])));
    }
    int last = floatNames.size() - 1;
    return new VisionResult(cfg.vision() instanceof cockpit.npu.model.VisionConfig.Vit ? "vit" : "mobilenetv5",
        s, calibration, eval, ErrorStats.pooled(f[last], q[last]), per);
  }

  /**
   * Writes a W4A16 decoder with {@code options} into {@code work} (the model directory is left as
   * it is), then compares it with the model's float decoder on {@code prompts} seeded prompts of 24
   * tokens and {@code steps} generated tokens.
   */
  public static DecoderResult decoder(NpuRuntime rt, LoadedModel model, int prompts, int steps,
      W4A16Decoder.Options options, Path work) throws IOException, OrtException {
    ModelConfig cfg = model.config();
    Path onnx = model.dir().resolve(cockpit.npu.model.ModelDirectory.ONNX_DIR);
    Path q4dir = Files.createTempDirectory(Files.createDirectories(work), "w4a16");
    W4A16Decoder.write(cfg, model.weights(), q4dir, cockpit.npu.graph.DecoderExport.DEFAULT_CHUNK, options);
    W4A16Decoder q4 = new W4A16Decoder(model.weights(), options);
    q4.rewrite(cockpit.npu.graph.DecoderGraph.fixed(cfg.text(), model.weights(), 1, 1));
    List<float[]> lf = new ArrayList<>();
    List<float[]> lq = new ArrayList<>();
    int same = 0;
    int identical = 0;
    try (DecoderSession f = DecoderSession.open(rt, cfg.text(), model.weights(), onnx, ModelVariant.FLOAT);
        DecoderSession q = DecoderSession.open(rt, cfg.text(), model.weights(), q4dir, ModelVariant.W4A16)) {
      for (int p = 0; p < prompts; p++) {
        int[] prompt = prompt(24, 77 + p, Math.min(cfg.text().vocabSize(), 270));
        int[] gf = new int[steps];
        int[] gq = new int[steps];
        try (DecoderState sf = f.newState(); DecoderState sq = q.newState(); DecoderState tq = q.newState()) {
          float[] a = f.prefill(sf, f.embed(prompt), prompt.length, null);
          float[] b = q.prefill(sq, q.embed(prompt), prompt.length, null);
          float[] c = q.prefill(tq, q.embed(prompt), prompt.length, null);
          for (int i = 0; i < steps; i++) {
            lf.add(a);
            lq.add(c); // teacher-forced: the quantized model is fed float's tokens
            gf[i] = DecoderSession.argmax(a);
            gq[i] = DecoderSession.argmax(b);
            a = f.decode(sf, gf[i], null);
            c = q.decode(tq, gf[i], null);
            b = q.decode(sq, gq[i], null);
          }
        }
        for (int i = 0; i < steps; i++) {
          same += gf[i] == gq[i] ? 1 : 0;
        }
        identical += Arrays.equals(gf, gq) ? 1 : 0;
      }
    }
    long floatBytes = Files.size(onnx.resolve(ModelVariant.FLOAT.dataFile()));
    long w4Bytes = Files.size(q4dir.resolve(ModelVariant.W4A16.dataFile()));
    return new DecoderResult(ErrorStats.pooled(lf.toArray(float[][]::new), lq.toArray(float[][]::new)), prompts, steps,
        (double) same / (prompts * steps), identical, q4.weightErrors(), floatBytes, w4Bytes);
  }

  private static int[] prompt(int n, long seed, int bound) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = 14 + r.nextInt(bound - 14);
    }
    return t;
  }
}
