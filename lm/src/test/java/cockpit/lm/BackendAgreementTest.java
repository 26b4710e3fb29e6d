package cockpit.lm;

import static cockpit.lm.Logits.TOL;
import static cockpit.lm.Logits.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.lm.text.ChatFormat;
import cockpit.lm.text.Content;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java reference backend and the ONNX Runtime backend run the same conversation (text turns and an
 * image turn, turn by turn on carried state, then greedy decode steps) to the same logits, within the graph
 * tests' tolerance; their encoders agree within the vision graph test's tolerance; and a state written by one
 * backend continues in the other.
 */
class BackendAgreementTest {
  static LanguageModel reference;
  static LanguageModel ort;

  @BeforeAll
  static void open() throws Exception {
    reference = TinyModel.model();
    ort = TinyModel.ort();
  }

  /** The conversation as parts fed one after another: system, a text exchange, an image turn. */
  static List<float[]> parts(LanguageModel m, float[] features) {
    ChatFormat chat = m.chat();
    Decoder d = m.decoder();
    List<int[]> ids = List.of(chat.start("Be brief."), chat.userTurn("Open the window."),
        m.tokenizer().encodeUntrusted("Opening the window."), chat.endAssistant());
    List<float[]> out = new ArrayList<>();
    ids.forEach(p -> out.add(d.embed(p)));
    int[] image = chat.userTurn(List.of(new Content.Image(features.length / d.config().hiddenSize()),
        new Content.Text("What is on the back seat?")));
    out.add(ImageEmbeddings.of(d, image, chat.image(), List.of(features)));
    return out;
  }

  @Test
  void theSameConversationGivesTheSameLogitsOnBothBackends() throws Exception {
    float[] features;
    try (VisionEncoder ov = ort.openVisionEncoder(); VisionEncoder rv = reference.openVisionEncoder()) {
      float[] px = Logits.image(ov.imageSize(), 3);
      features = ov.encode(px);
      float[] expected = rv.encode(px);
      for (int i = 0; i < features.length; i++) { // VisionGraphReferenceTest's bound
        double err = Math.abs(features[i] - expected[i]) / (1e-4 + 1e-4 * Math.abs(expected[i]));
        assertTrue(err <= 1, "image feature " + i + ": " + features[i] + " vs " + expected[i]);
      }
    }
    int h = ort.decoder().config().hiddenSize();
    try (DecoderState r = reference.decoder().newState(); DecoderState o = ort.decoder().newState()) {
      List<float[]> rp = parts(reference, features);
      List<float[]> op = parts(ort, features);
      for (int i = 0; i < rp.size(); i++) {
        float[] lr = reference.decoder().prefill(r, rp.get(i), rp.get(i).length / h, null);
        float[] lo = ort.decoder().prefill(o, op.get(i), op.get(i).length / h, null);
        assertClose(lr, lo, TOL, "part " + i);
      }
      assertEquals(r.position(), o.position());
      int token = Decoder.argmax(reference.decoder().decode(r, 20, null));
      ort.decoder().decode(o, 20, null);
      for (int step = 0; step < 6; step++) { // both fed the reference's greedy token
        float[] lr = reference.decoder().decode(r, token, null);
        float[] lo = ort.decoder().decode(o, token, null);
        assertClose(lr, lo, TOL, "decode step " + step);
        token = Decoder.argmax(lr);
      }
    }
  }

  @Test
  void aStateWrittenByOneBackendContinuesInTheOther() throws Exception {
    int[] ids = concat(ort.chat().start("S"), ort.chat().userTurn("Where did I park?"));
    try (DecoderState o = ort.decoder().newState(); DecoderState r = reference.decoder().newState();
        DecoderState back = ort.decoder().newState()) {
      ort.decoder().prefill(o, ort.decoder().embed(ids), ids.length, null);
      r.readFrom(Channels.newChannel(new ByteArrayInputStream(bytes(o))));
      assertEquals(ids.length, r.position());
      assertEquals(o.serializedBytes(), r.serializedBytes());
      assertClose(ort.decoder().decode(o, 30, null), reference.decoder().decode(r, 30, null), TOL, "ORT → reference");
      back.readFrom(Channels.newChannel(new ByteArrayInputStream(bytes(r))));
      assertClose(reference.decoder().decode(r, 31, null), ort.decoder().decode(back, 31, null), TOL,
          "reference → ORT");
    }
  }

  static byte[] bytes(DecoderState s) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.writeTo(Channels.newChannel(out));
    assertEquals(s.serializedBytes(), out.size());
    return out.toByteArray();
  }

  static int[] concat(int[] a, int[] b) {
    int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
