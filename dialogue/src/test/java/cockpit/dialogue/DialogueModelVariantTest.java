package cockpit.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.DecoderExport;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.quant.W4A16Decoder;
import cockpit.npu.runtime.DecoderState;
import org.junit.jupiter.api.Test;

/** {@code model.variant=w4a16}: the dialogue model opens the 4-bit decoder graphs written beside the float ones. */
class DialogueModelVariantTest {
  @Test
  void w4a16VariantOpensTheQuantizedGraphsAndMarksItsSnapshotFingerprint() throws Exception {
    var dir = TinyModel.dir();
    try (LoadedModel m = ModelDirectory.open(dir)) {
      W4A16Decoder.write(m.config(), m.weights(), dir.resolve(ModelDirectory.ONNX_DIR), DecoderExport.DEFAULT_CHUNK,
          W4A16Decoder.Options.defaults());
    }
    try (DialogueModel q = DialogueModel.open(TinyModel.runtime(), dir, ModelVariant.W4A16)) {
      DialogueModel f = TinyModel.model();
      assertEquals(f.fingerprint() + "/w4a16", q.fingerprint(), "snapshots of one variant never load into the other");
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
}
