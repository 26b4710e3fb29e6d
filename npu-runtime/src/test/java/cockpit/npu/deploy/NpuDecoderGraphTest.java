package cockpit.npu.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.DecoderExport;
import cockpit.npu.graph.DecoderGraph;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.WeightGenerator;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.ExternalData;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.quant.ErrorStats;
import cockpit.npu.runtime.DecoderSession;
import cockpit.npu.runtime.DecoderState;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static NPU decoder graph (decomposed attention, KV rows out) computes what the fixed-capacity graph does. */
class NpuDecoderGraphTest {
  @TempDir Path dir;

  @Test
  void npuPrefillAndDecodeGraphsMatchTheFixedCapacityGraphsAcrossChunks() throws Exception {
    ModelConfig cfg = new ModelConfig(Profile.TINY.text(), null, Profile.TINY.config(3).tokens(), "tiny", 3, 64);
    Weights w = WeightGenerator.generate(cfg);
    DecoderExport.write(cfg, w, dir, 8);
    try (ExternalData ext = new ExternalData(dir.resolve("npu.onnx.data"))) {
      ModelWriter.write(DecoderGraph.npu(cfg.text(), w, 8, 64), dir.resolve("prefill_npu.onnx"), ext, Map.of());
      ModelWriter.write(DecoderGraph.npu(cfg.text(), w, 1, 64), dir.resolve("decode_npu.onnx"), ext, Map.of());
    }
    int[] prompt = new int[13];
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < prompt.length; i++) {
      prompt[i] = 14 + r.nextInt(200);
    }
    try (NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults());
        DecoderSession fixed = DecoderSession.open(rt, cfg.text(), w, dir);
        DecoderState st = fixed.newState()) {
      float[] expected = fixed.prefill(st, fixed.embed(prompt), prompt.length, null);
      float[] next = fixed.decode(st, 42, null);
      try (NpuDecoderRunner p = new NpuDecoderRunner(rt, dir.resolve("prefill_npu.onnx"), cfg.text(), 8, 64)) {
        float[] e = fixed.embed(prompt);
        p.run(Arrays.copyOfRange(e, 0, 8 * 64), 8);
        float[] got = p.run(Arrays.copyOfRange(e, 8 * 64, 13 * 64), 5); // a padded partial chunk
        ErrorStats s = ErrorStats.of(expected, got);
        assertTrue(s.maxAbsError() < 1e-3, "prefill logits, NPU vs fixed: " + s);
      }
      try (NpuDecoderRunner d = new NpuDecoderRunner(rt, dir.resolve("decode_npu.onnx"), cfg.text(), 1, 64)) {
        float[] e = fixed.embed(prompt);
        for (int t = 0; t < prompt.length; t++) {
          d.run(Arrays.copyOfRange(e, t * 64, (t + 1) * 64), 1);
        }
        ErrorStats s = ErrorStats.of(next, d.run(fixed.embed(42), 1));
        assertTrue(s.maxAbsError() < 1e-3, "token-by-token NPU decode vs fixed: " + s);
      }
    }
  }
}
