package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.DecoderExport;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.quant.W4A16Decoder;
import org.junit.jupiter.api.Test;

/** {@code model.variant=w4a16}: the language model opens the 4-bit decoder graphs written beside the float ones. */
class LanguageModelVariantTest {
  @Test
  void w4a16VariantOpensTheQuantizedGraphsAndMarksItsSnapshotFingerprintAndIdentity() throws Exception {
    var dir = TinyModel.onnxDir();
    try (LoadedModel m = ModelDirectory.open(dir)) {
      W4A16Decoder.write(m.config(), m.weights(), dir.resolve(ModelDirectory.ONNX_DIR), DecoderExport.DEFAULT_CHUNK,
          W4A16Decoder.Options.defaults());
    }
    try (LanguageModel q = LanguageModel.open(dir, new Backend.Ort(TinyModel.runtime(), ModelVariant.W4A16))) {
      LanguageModel f = TinyModel.ort();
      assertEquals(f.fingerprint() + "/w4a16", q.fingerprint(), "snapshots of one variant never load into the other");
      assertEquals(new ModelInfo("tiny-seed11", "tiny", ModelVariant.W4A16, "w4a16", "cpu"), q.info());
      assertEquals("fp32+w4a16", q.info().precisionWith("fp32"));
      assertEquals(new ModelInfo("tiny-seed11", "tiny", ModelVariant.FLOAT, "fp32", "cpu"), f.info());
      int[] ids = f.tokenizer().encode("Hello, how warm is the cabin?");
      try (DecoderState a = f.decoder().newState(); DecoderState b = q.decoder().newState()) {
        float[] lf = f.decoder().prefill(a, f.decoder().embed(ids), ids.length, null);
        float[] lq = q.decoder().prefill(b, q.decoder().embed(ids), ids.length, null);
        assertEquals(lf.length, lq.length);
        assertNotEquals(lf[0], lq[0], "different graphs, different logits");
        assertTrue(Float.isFinite(lq[0]));
      }
    }
  }

  @Test
  void theReferenceBackendRunsFloatWeightsAndSaysSo() throws Exception {
    LanguageModel r = TinyModel.model();
    assertEquals(new ModelInfo("tiny-seed11", "tiny", ModelVariant.FLOAT, "fp32", "reference"), r.info());
    assertEquals(TinyModel.ort().fingerprint(), r.fingerprint(), "one state layout: snapshots move between backends");
    var e = assertThrows(IllegalArgumentException.class, () -> new ModelInfo(" ", "tiny", ModelVariant.FLOAT, "fp32",
        "cpu"));
    assertTrue(e.getMessage().contains("name"), e.getMessage());
  }
}
