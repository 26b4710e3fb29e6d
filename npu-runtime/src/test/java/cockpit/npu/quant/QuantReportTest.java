package cockpit.npu.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.ModelExport;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's figures on a generated tiny model directory: consistent and finite; the model directory is left alone. */
class QuantReportTest {
  @TempDir Path dir;

  @Test
  void visionAndDecoderFiguresAreConsistentAndFinite() throws Exception {
    ModelDirectory.generate(Profile.TINY, 8, dir, ProgressListener.NONE);
    try (LoadedModel m = ModelDirectory.open(dir); NpuRuntime rt = NpuRuntime.create(RuntimeOptions.defaults())) {
      ModelExport.write(m, 16, ProgressListener.NONE);
      QuantReport.VisionResult v = QuantReport.vision(rt, m, 4, 2, QdqQuantizer.Options.w8a16(), dir.resolve("w"));
      assertEquals("mobilenetv5", v.encoder());
      assertFalse(v.layers().isEmpty());
      for (QuantReport.LayerError l : v.layers()) {
        assertTrue(Double.isFinite(l.stats().sqnrDb()) && l.stats().sqnrDb() > 5, l.toString());
        // The two figures are one ratio: rms% = 100 · 10^(−SQNR/20).
        assertEquals(100 * Math.pow(10, -l.stats().sqnrDb() / 20), l.stats().rmsErrorPercent(), 1e-6, l.tensor());
      }
      assertTrue(v.endToEnd().sqnrDb() > 5 && v.endToEnd().sqnrDb() < 120, v.endToEnd().toString());

      QuantReport.DecoderResult d = QuantReport.decoder(rt, m, 2, 4, W4A16Decoder.Options.defaults(), dir.resolve("w"));
      assertFalse(Files.exists(dir.resolve("onnx").resolve(ModelVariant.W4A16.decodeFile())), "model dir untouched");
      assertTrue(d.w4Bytes() < d.floatBytes() / 3, d.w4Bytes() + " vs " + d.floatBytes());
      assertTrue(d.tokenAgreement() >= 0 && d.tokenAgreement() <= 1);
      assertTrue(d.identicalSequences() <= 2);
      assertEquals(m.config().text().numHiddenLayers() * 3 + 6 * 4 + 10 * 2 + 1, d.weights().size());
      assertTrue(Double.isFinite(d.logits().sqnrDb()));
    }
  }
}
