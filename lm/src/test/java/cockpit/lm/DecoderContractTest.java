package cockpit.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.reference.JavaDecoder;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.runtime.ContextFullException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every {@link Decoder} promises, checked on both backends with the same inputs. */
class DecoderContractTest {
  static LanguageModel open(String backend) throws Exception {
    return LanguageModel.open(TinyModel.onnxDir(), backend.equals("ort")
        ? new Backend.Ort(TinyModel.runtime(), ModelVariant.FLOAT) : new Backend.Reference());
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "ort"})
  void badInputsFailClearlyAndAForeignStateIsRefused(String backend) throws Exception {
    try (LanguageModel m = open(backend); DecoderState st = m.decoder().newState();
        DecoderState foreign = (backend.equals("ort") ? TinyModel.model() : TinyModel.ort()).decoder().newState()) {
      Decoder d = m.decoder();
      int h = d.config().hiddenSize();
      var e = assertThrows(IllegalArgumentException.class, () -> d.embed(d.config().vocabSize()));
      assertTrue(e.getMessage().contains("outside"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> d.prefill(st, new float[h], 2, null));
      assertTrue(e.getMessage().contains("fewer than 2"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> d.prefill(st, new float[h], 0, null));
      assertTrue(e.getMessage().contains("nothing to feed"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> d.prefill(foreign, d.embed(20), 1, null));
      assertTrue(e.getMessage().contains("not made by this decoder"), e.getMessage());
      assertEquals(0, st.position());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "ort"})
  void aCancelledPrefillFailsAsCancelledAndTheStateIsUntouched(String backend) throws Exception {
    try (LanguageModel m = open(backend); DecoderState st = m.decoder().newState(); CancelHandle c = new CancelHandle()) {
      int[] ids = m.chat().userTurn("a long question");
      m.decoder().prefill(st, m.decoder().embed(ids), ids.length, c);
      int before = st.position();
      c.cancel();
      var e = assertThrows(InferenceException.class, () -> m.decoder().prefill(st, m.decoder().embed(ids), ids.length,
          c));
      assertTrue(e.getMessage().contains("cancel"), e.getMessage());
      assertEquals(before, st.position(), "cancelled before any row ran");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "ort"})
  void afterCloseEveryCallFailsWithTheResourceNamed(String backend) throws Exception {
    LanguageModel m = open(backend);
    Decoder d = m.decoder();
    DecoderState st = d.newState();
    st.close();
    var e = assertThrows(IllegalStateException.class, () -> d.prefill(st, d.embed(20), 1, null));
    assertTrue(e.getMessage().contains("state is closed"), e.getMessage());
    m.close();
    assertTrue(m.awaitFreed(30, java.util.concurrent.TimeUnit.SECONDS));
    e = assertThrows(IllegalStateException.class, () -> d.embed(20));
    assertTrue(e.getMessage().contains("decoder") && e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, d::newState);
    assertThrows(IllegalStateException.class, m::openVisionEncoder);
  }

  @ParameterizedTest
  @ValueSource(strings = {"reference", "ort"})
  void aStateResetsToAnEmptyConversationThatRunsLikeANewOne(String backend) throws Exception {
    try (LanguageModel m = open(backend); DecoderState a = m.decoder().newState();
        DecoderState b = m.decoder().newState()) {
      int[] ids = m.chat().start("S");
      m.decoder().prefill(a, m.decoder().embed(ids), ids.length, null);
      a.reset();
      assertEquals(0, a.position());
      assertArrayEquals(m.decoder().prefill(b, m.decoder().embed(ids), ids.length, null),
          m.decoder().prefill(a, m.decoder().embed(ids), ids.length, null));
      assertTrue(a.bytes() > 0);
    }
  }

  @Test
  void theReferenceDecoderKeepsTheCapacityLikeTheGraphs() throws Exception {
    try (LoadedModel lm = ModelDirectory.open(TinyModel.dir());
        JavaDecoder d = new JavaDecoder(lm.config().text(), lm.weights(), 40, "capacity 40");
        DecoderState st = d.newState()) {
      int[] ids = new int[38];
      java.util.Arrays.fill(ids, 50);
      d.prefill(st, d.embed(ids), 38, null);
      var full = assertThrows(ContextFullException.class, () -> d.prefill(st, d.embed(new int[] {1, 2, 3}), 3, null));
      assertTrue(full.getMessage().contains("capacity 40"), full.getMessage());
      assertEquals(38, st.position());
      d.prefill(st, d.embed(new int[] {1, 2}), 2, null);
      assertEquals(40, st.position());
      assertEquals(40, d.capacity());
    }
  }
}
