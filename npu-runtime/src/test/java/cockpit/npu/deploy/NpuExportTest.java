package cockpit.npu.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.DecoderGraph;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.onnx.ExternalData;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.quant.ErrorStats;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The static-shape QDQ export of the tiny model: all three graphs check NPU-ready (static, HTP ops
 * only — the encoder's Erf GELU fused to Gelu — no float islands), and the quantized prefill runs in ORT CPU.
 */
class NpuExportTest {
  @TempDir Path dir;

  @Test
  void exportIsStaticQuantizedWithinTheHtpOpListAndRuns() throws Exception {
    ModelDirectory.generate(Profile.TINY, 5, dir, ProgressListener.NONE);
    try (LoadedModel m = ModelDirectory.open(dir); NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
      NpuExport.Result r = NpuExport.write(rt, m, 16, 4096, dir.resolve("work"));
      assertEquals(List.of(NpuExport.PREFILL, NpuExport.DECODE, NpuExport.VISION), List.copyOf(r.reports().keySet()));
      for (var e : r.reports().entrySet()) {
        assertTrue(e.getValue().npuReady(), e.getKey() + ": " + e.getValue());
      }

      var text = m.config().text();
      Path floatNpu = dir.resolve("float_npu.onnx");
      try (ExternalData d = new ExternalData(dir.resolve("float_npu.onnx.data"))) {
        ModelWriter.write(DecoderGraph.npu(text, m.weights(), 16, 4096), floatNpu, d, Map.of());
      }
      int h = text.hiddenSize();
      float[] e = new float[16 * h];
      SplittableRandom rnd = new SplittableRandom(3);
      var table = m.weights().floats("model.embed_tokens.weight");
      for (int t = 0; t < 16; t++) {
        System.arraycopy(table, (14 + rnd.nextInt(200)) * h, e, t * h, h);
      }
      Path w8 = dir.resolve("w8a16_npu.onnx");
      try (ExternalData d = new ExternalData(dir.resolve("w8a16_npu.onnx.data"))) {
        ModelWriter.write(NpuExport.decoder(rt, m, 16, 4096, NpuExport.calibrationEmbeds(m, 32), dir.resolve("work"),
            cockpit.npu.quant.QuantType.INT8), w8, d, Map.of());
      }
      try (NpuDecoderRunner f = new NpuDecoderRunner(rt, floatNpu, text, 16, 4096);
          NpuDecoderRunner q = new NpuDecoderRunner(rt, r.dir().resolve(NpuExport.PREFILL), text, 16, 4096);
          NpuDecoderRunner q8 = new NpuDecoderRunner(rt, w8, text, 16, 4096)) {
        float[] ref = f.run(e, 16);
        ErrorStats s4 = ErrorStats.of(ref, q.run(e, 16));
        ErrorStats s8 = ErrorStats.of(ref, q8.run(e, 16));
        // Random weights make this 16-layer decoder chaotic (see W4A16DecoderTest): absolute SQNR is low for
        // both (measured −0.6 and 7.2 dB); what must hold is that more weight bits bring the logits closer.
        assertTrue(Float.isFinite((float) s4.sqnrDb()), "W4A16 QDQ prefill runs: " + s4);
        assertTrue(s8.sqnrDb() > s4.sqnrDb() + 3, "W8A16 " + s8 + " should beat W4A16 " + s4);
      }
    }
  }
}
