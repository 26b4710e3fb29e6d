package cockpit.npu.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.graph.DecoderExport;
import cockpit.npu.model.ModelConfig;
import cockpit.npu.model.Profile;
import cockpit.npu.model.TextConfig;
import cockpit.npu.model.WeightGenerator;
import cockpit.npu.model.Weights;
import cockpit.npu.reference.ReferenceDecoder;
import cockpit.npu.reference.ReferenceState;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoder graphs against the plain-Java reference (an independent implementation), and the
 * equivalences the runtime depends on: carried state equals one-shot prefill, chunked equals
 * unchunked, fixed-capacity equals interop; for the LFM2 hybrid and the all-attention baseline.
 */
class DecoderSessionTest {
  private static final float TOL = 2e-4f;
  @TempDir static Path dir;
  static NpuRuntime runtime;
  static ModelConfig hybrid;
  static ModelConfig attention;
  static Weights hybridW;
  static Weights attentionW;

  @BeforeAll
  static void build() throws Exception {
    runtime = NpuRuntime.create(RuntimeOptions.defaults());
    hybrid = new ModelConfig(Profile.TINY.text(), null, Profile.TINY.config(3).tokens(), "tiny", 3, 64);
    attention = new ModelConfig(Profile.TINY.text().allAttention(), null, hybrid.tokens(), "tiny-baseline", 3, 64);
    hybridW = WeightGenerator.generate(hybrid);
    attentionW = WeightGenerator.generate(attention);
    DecoderExport.write(hybrid, hybridW, dir.resolve("hybrid"), 8);
    DecoderExport.write(attention, attentionW, dir.resolve("attention"), 8);
  }

  @AfterAll
  static void close() {
    runtime.close();
  }

  private static int[] tokens(int n, long seed) {
    Random r = new Random(seed);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = 14 + r.nextInt(256);
    }
    return t;
  }

  static void assertClose(float[] expected, float[] actual, float tol, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double worst = 0;
    int at = -1;
    for (int i = 0; i < expected.length; i++) {
      double err = Math.abs(expected[i] - actual[i]) / Math.max(1.0, Math.abs(expected[i]));
      if (err > worst) {
        worst = err;
        at = i;
      }
    }
    assertTrue(worst <= tol, what + ": max error " + worst + " at " + at + " (" + (at < 0 ? "" : expected[at] + " vs "
        + actual[at]) + ")");
  }

  @Test
  void interopGraphMatchesReferenceForEveryTokenForHybridAndBaseline() throws Exception {
    for (var m : new Object[][] {{hybrid, hybridW, "hybrid"}, {attention, attentionW, "attention"}}) {
      ModelConfig c = (ModelConfig) m[0];
      Weights w = (Weights) m[1];
      TextConfig t = c.text();
      ReferenceDecoder ref = new ReferenceDecoder(t, w);
      int[] ids = tokens(11, 1);
      float[][] embeds = new float[ids.length][];
      for (int i = 0; i < ids.length; i++) {
        embeds[i] = ref.embed(ids[i]);
      }
      ReferenceState rs = ref.newState();
      float[][] expect = ref.forward(embeds, rs);
      try (InteropRunner ort = new InteropRunner(runtime.env(),
          runtime.openSession(dir.resolve(m[2] + "/" + DecoderExport.INTEROP)), t)) {
        float[][] got = ort.run(flatten(embeds), ids.length);
        for (int i = 0; i < ids.length; i++) {
          assertClose(expect[i], got[i], TOL, m[2] + " logits of token " + i);
        }
        for (int layer : t.convLayers()) {
          assertClose(flatten(rs.convState(layer)), ort.conv(layer), TOL, m[2] + " conv state " + layer);
        }
      }
    }
  }

  @Test
  void tokenByTokenWithCarriedStateEqualsOneShotPrefill() throws Exception {
    TextConfig t = hybrid.text();
    int[] ids = tokens(9, 2);
    float[] all;
    float[][] stepwise = new float[ids.length][];
    try (DecoderSession s = DecoderSession.open(runtime, t, hybridW, dir.resolve("hybrid"));
        DecoderState one = s.newState(); DecoderState steps = s.newState()) {
      all = s.prefill(one, s.embed(ids), ids.length, null);
      for (int i = 0; i < ids.length; i++) {
        stepwise[i] = s.decode(steps, ids[i], null);
      }
      assertClose(all, stepwise[ids.length - 1], TOL, "last logits");
      for (int layer : t.convLayers()) {
        assertClose(one.convState(layer), steps.convState(layer), TOL, "conv state " + layer);
      }
      for (int layer : t.attentionLayers()) {
        assertClose(one.keys(layer), steps.keys(layer), TOL, "keys " + layer);
      }
      assertEquals(ids.length, one.position());
    }
    ReferenceDecoder ref = new ReferenceDecoder(t, hybridW);
    ReferenceState rs = ref.newState();
    float[][] expect = null;
    for (int id : ids) {
      expect = ref.forward(new float[][] {ref.embed(id)}, rs);
    }
    assertClose(expect[0], all, TOL, "fixed-capacity vs reference");
  }

  @Test
  void chunkedPrefillEqualsUnchunkedAndFixedEqualsInteropAcrossTurns() throws Exception {
    for (var m : new Object[][] {{hybrid, hybridW, "hybrid"}, {attention, attentionW, "attention"}}) {
      TextConfig t = ((ModelConfig) m[0]).text();
      Weights w = (Weights) m[1];
      int[] turn1 = tokens(21, 3); // 2 full chunks of 8 and a padded one of 5
      int[] turn2 = tokens(6, 4);
      try (DecoderSession s = DecoderSession.open(runtime, t, w, dir.resolve((String) m[2]));
          DecoderState st = s.newState();
          InteropRunner ort = new InteropRunner(runtime.env(),
              runtime.openSession(dir.resolve(m[2] + "/" + DecoderExport.INTEROP)), t)) {
        float[] fixed1 = s.prefill(st, s.embed(turn1), turn1.length, null);
        float[] fixed2 = s.prefill(st, s.embed(turn2), turn2.length, null);
        float[][] interop1 = ort.run(s.embed(turn1), turn1.length);
        float[][] interop2 = ort.run(s.embed(turn2), turn2.length);
        assertClose(interop1[turn1.length - 1], fixed1, TOL, m[2] + " turn 1");
        assertClose(interop2[turn2.length - 1], fixed2, TOL, m[2] + " turn 2 on carried state");
        for (int layer : t.convLayers()) {
          assertClose(ort.conv(layer), st.convState(layer), TOL, m[2] + " conv state " + layer);
        }
        for (int layer : t.attentionLayers()) {
          assertClose(ort.keys(layer), st.keys(layer), TOL, m[2] + " keys " + layer);
        }
      }
    }
  }

  @Test
  void stateWrittenAndReadBackContinuesExactlyLikeTheOriginal() throws Exception {
    TextConfig t = hybrid.text();
    try (DecoderSession s = DecoderSession.open(runtime, t, hybridW, dir.resolve("hybrid"));
        DecoderState a = s.newState(); DecoderState b = s.newState()) {
      s.prefill(a, s.embed(tokens(13, 7)), 13, null);
      var bytes = new java.io.ByteArrayOutputStream();
      a.writeTo(java.nio.channels.Channels.newChannel(bytes));
      assertEquals(a.serializedBytes(), bytes.size());
      b.readFrom(java.nio.channels.Channels.newChannel(new java.io.ByteArrayInputStream(bytes.toByteArray())));
      assertEquals(13, b.position());
      float[] fromA = s.decode(a, 50, null);
      float[] fromB = s.decode(b, 50, null);
      assertClose(fromA, fromB, 0f, "continuation after restore");
      var truncated = new java.io.ByteArrayInputStream(java.util.Arrays.copyOf(bytes.toByteArray(), 100));
      assertThrows(java.io.EOFException.class, () -> b.readFrom(java.nio.channels.Channels.newChannel(truncated)));
    }
  }

  @Test
  void aPaddedChunkAtTheEndOfTheContextFallsBackToSingleSteps() throws Exception {
    TextConfig t = hybrid.text();
    int[] ids = tokens(63, 8);
    try (DecoderSession s = DecoderSession.open(runtime, t, hybridW, dir.resolve("hybrid"));
        DecoderState near = s.newState(); DecoderState steps = s.newState()) {
      s.prefill(near, s.embed(java.util.Arrays.copyOf(ids, 58)), 58, null);
      // 5 more: a padded chunk of 8 at position 58 would need rows up to 65 of a 64-row KV buffer
      float[] last = s.prefill(near, s.embed(java.util.Arrays.copyOfRange(ids, 58, 63)), 5, null);
      float[] expect = null;
      for (int id : ids) {
        expect = s.decode(steps, id, null);
      }
      assertEquals(63, near.position());
      assertClose(expect, last, TOL, "logits at the end of the context");
    }
  }

  @Test
  void invalidInputsFailClearly() throws Exception {
    TextConfig t = hybrid.text();
    try (DecoderSession s = DecoderSession.open(runtime, t, hybridW, dir.resolve("hybrid"));
        DecoderState st = s.newState()) {
      var e = assertThrows(IllegalArgumentException.class, () -> s.embed(t.vocabSize()));
      assertTrue(e.getMessage().contains("outside the vocabulary"), e.getMessage());
      e = assertThrows(IllegalArgumentException.class, () -> s.prefill(st, new float[t.hiddenSize()], 2, null));
      assertTrue(e.getMessage().contains("fewer than 2"), e.getMessage());
      s.prefill(st, s.embed(tokens(60, 5)), 60, null);
      var full = assertThrows(ContextFullException.class, () -> s.prefill(st, s.embed(tokens(5, 6)), 5, null));
      assertTrue(full.getMessage().contains("capacity 64"), full.getMessage());
    }
    var missing = assertThrows(IllegalArgumentException.class, () -> runtime.openSession(dir.resolve("nope.onnx")));
    assertTrue(missing.getMessage().contains("cockpit model generate"), missing.getMessage());
  }

  static float[] flatten(float[][] rows) {
    int n = 0;
    for (float[] r : rows) {
      n += r.length;
    }
    float[] out = new float[n];
    int o = 0;
    for (float[] r : rows) {
      System.arraycopy(r, 0, out, o, r.length);
      o += r.length;
    }
    return out;
  }
}
