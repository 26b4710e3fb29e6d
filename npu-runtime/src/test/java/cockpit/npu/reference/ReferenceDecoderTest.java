package cockpit.npu.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cockpit.npu.model.Profile;
import cockpit.npu.model.TextConfig;
import cockpit.npu.model.Weights;
import cockpit.npu.onnx.TensorData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceDecoderTest {
  private static final TextConfig TINY = Profile.TINY.config(1).text();
  /** TINY's dimensions with a single attention layer, for hand-checked attention. */
  private static final TextConfig ONE_ATTENTION = new TextConfig(512, 64, 1, List.of(TextConfig.ATTENTION), 3, 4, 2,
      16, 288, true, null, 32, 1e-5, 1e6, true, 8192);
  private static final int[] IDS = {1, 17, 300, 42, 7, 499, 64};

  @Test
  void tokenByTokenLogitsEqualOneShotAndChunkedLogits() {
    for (TextConfig text : List.of(TINY, TINY.allAttention())) {
      ReferenceDecoder dec = new ReferenceDecoder(text, TestWeights.weights(TestWeights.text(text, 7)));
      float[][] embeds = embeds(dec, IDS);
      ReferenceState whole = dec.newState();
      float[][] oneShot = dec.forward(embeds, whole);
      ReferenceState stepped = dec.newState();
      ReferenceState chunked = dec.newState();
      float[][] chunks = new float[IDS.length][];
      System.arraycopy(dec.forward(Arrays.copyOfRange(embeds, 0, 3), chunked), 0, chunks, 0, 3);
      System.arraycopy(dec.forward(Arrays.copyOfRange(embeds, 3, IDS.length), chunked), 0, chunks, 3,
          IDS.length - 3);
      for (int t = 0; t < IDS.length; t++) {
        float[] step = dec.forward(new float[][] {embeds[t]}, stepped)[0];
        assertEquals(text.vocabSize(), step.length);
        assertClose(oneShot[t], step, 1e-4, "token " + t + " one-shot vs token-by-token, " + text.layerTypes());
        assertClose(oneShot[t], chunks[t], 1e-4, "token " + t + " one-shot vs chunked");
      }
      assertEquals(IDS.length, whole.position());
      assertEquals(IDS.length, stepped.position());
      for (int i = 0; i < text.numHiddenLayers(); i++) {
        if (text.isAttention(i)) {
          assertEquals(IDS.length, whole.keys(i).length);
          assertClose(flat(whole.keys(i)), flat(stepped.keys(i)), 1e-5, "keys of layer " + i);
          assertClose(flat(whole.values(i)), flat(stepped.values(i)), 1e-5, "values of layer " + i);
        } else {
          assertClose(flat(whole.convState(i)), flat(stepped.convState(i)), 1e-5, "conv state of layer " + i);
        }
      }
    }
  }

  @Test
  void convStateHoldsTheLastThreeBxColumnsOldestFirstZeroPadded() {
    Map<String, TensorData> map = TestWeights.text(TINY, 3);
    Weights w = TestWeights.weights(map);
    ReferenceDecoder dec = new ReferenceDecoder(TINY, w);
    float[][] embeds = embeds(dec, IDS);
    int h = TINY.hiddenSize();
    float[][] bx = new float[5][h];
    for (int t = 0; t < 5; t++) {
      float[] a = handRms(embeds[t], w.floats("model.layers.0.operator_norm.weight"));
      float[] bcx = matVec(w.floats("model.layers.0.conv.in_proj.weight"), 3 * h, a);
      for (int c = 0; c < h; c++) {
        bx[t][c] = bcx[c] * bcx[2 * h + c];
      }
    }
    ReferenceState five = dec.newState();
    dec.forward(Arrays.copyOf(embeds, 5), five);
    ReferenceState two = dec.newState();
    dec.forward(Arrays.copyOf(embeds, 2), two);
    float[][] s5 = five.convState(0);
    float[][] s2 = two.convState(0);
    for (int c = 0; c < h; c++) {
      assertArrayEquals(new float[] {bx[2][c], bx[3][c], bx[4][c]}, s5[c], 1e-5f, "channel " + c + " after 5 tokens");
      assertArrayEquals(new float[] {0, bx[0][c], bx[1][c]}, s2[c], 1e-5f, "channel " + c + " after 2 tokens");
    }
    assertThrows(IllegalArgumentException.class, () -> five.convState(2), "layer 2 is attention");
  }

  @Test
  void twoTokenAttentionMatchesAHandWrittenForward() {
    Map<String, TensorData> map = TestWeights.text(ONE_ATTENTION, 5);
    map.put("model.layers.0.feed_forward.w2.weight", TestWeights.zeros(64, ONE_ATTENTION.ffnDim()));
    Weights w = TestWeights.weights(map);
    ReferenceDecoder dec = new ReferenceDecoder(ONE_ATTENTION, w);
    float[][] e = embeds(dec, 42, 7);
    ReferenceState state = dec.newState();
    float[][] logits = dec.forward(e, state);

    String p = "model.layers.0.self_attn.";
    float[][][] q = new float[2][4][];
    float[][][] k = new float[2][2][];
    float[][][] v = new float[2][2][];
    for (int t = 0; t < 2; t++) {
      float[] a = handRms(e[t], w.floats("model.layers.0.operator_norm.weight"));
      float[] qa = matVec(w.floats(p + "q_proj.weight"), 64, a);
      float[] ka = matVec(w.floats(p + "k_proj.weight"), 32, a);
      float[] va = matVec(w.floats(p + "v_proj.weight"), 32, a);
      for (int head = 0; head < 4; head++) {
        q[t][head] = handRope(handRms(slice(qa, head * 16, 16), w.floats(p + "q_layernorm.weight")), t);
      }
      for (int g = 0; g < 2; g++) {
        k[t][g] = handRope(handRms(slice(ka, g * 16, 16), w.floats(p + "k_layernorm.weight")), t);
        v[t][g] = slice(va, g * 16, 16);
      }
    }
    for (int t = 0; t < 2; t++) {
      float[] heads = new float[64];
      for (int head = 0; head < 4; head++) {
        int g = head / 2;
        float[] o;
        if (t == 0) {
          o = v[0][g]; // a single visible position: softmax weight 1
        } else {
          double s0 = dot(q[1][head], k[0][g]) / 4;
          double s1 = dot(q[1][head], k[1][g]) / 4;
          double p0 = Math.exp(s0) / (Math.exp(s0) + Math.exp(s1));
          o = new float[16];
          for (int d = 0; d < 16; d++) {
            o[d] = (float) (p0 * v[0][g][d] + (1 - p0) * v[1][g][d]);
          }
        }
        System.arraycopy(o, 0, heads, head * 16, 16);
      }
      float[] hidden = add(e[t], matVec(w.floats(p + "out_proj.weight"), 64, heads));
      float[] expect = matVec(w.floats("model.embed_tokens.weight"), 512,
          handRms(hidden, w.floats("model.embedding_norm.weight")));
      assertClose(expect, logits[t], 1e-4, "logits of token " + t);
    }
    float[][][] keys = state.keys(0);
    float[][][] values = state.values(0);
    for (int t = 0; t < 2; t++) {
      for (int g = 0; g < 2; g++) {
        assertArrayEquals(k[t][g], keys[t][g], 1e-5f, "cached key (after norm and RoPE) at " + t);
        assertArrayEquals(v[t][g], values[t][g], 1e-5f, "cached value at " + t);
      }
    }
  }

  @Test
  void zeroKeyAndValueWeightsMakeAttentionContributeNothing() {
    Map<String, TensorData> map = TestWeights.text(ONE_ATTENTION, 9);
    map.put("model.layers.0.feed_forward.w2.weight", TestWeights.zeros(64, ONE_ATTENTION.ffnDim()));
    map.put("model.layers.0.self_attn.k_proj.weight", TestWeights.zeros(32, 64));
    map.put("model.layers.0.self_attn.v_proj.weight", TestWeights.zeros(32, 64));
    Weights w = TestWeights.weights(map);
    ReferenceDecoder dec = new ReferenceDecoder(ONE_ATTENTION, w);
    float[][] e = embeds(dec, 3, 4);
    float[][] logits = dec.forward(e, dec.newState());
    for (int t = 0; t < 2; t++) {
      float[] expect = matVec(w.floats("model.embed_tokens.weight"), 512,
          handRms(e[t], w.floats("model.embedding_norm.weight")));
      assertClose(expect, logits[t], 1e-4, "token " + t);
    }
  }

  @Test
  void ropeAtPositionZeroIsTheIdentityAndMatchesRotateHalfElsewhere() {
    float[] x = new float[16];
    for (int i = 0; i < 16; i++) {
      x[i] = (float) Math.sin(i + 1);
    }
    float[] same = x.clone();
    Ops.rope(same, 0, 16, 0, 1e6);
    assertArrayEquals(x, same, 0f);
    for (int pos : new int[] {1, 5, 4095}) {
      float[] r = x.clone();
      Ops.rope(r, 0, 16, pos, 1e6);
      assertArrayEquals(handRope(x, pos), r, 1e-5f, "position " + pos);
    }
  }

  @Test
  void rmsNormOfAKnownVector() {
    float[] y = Ops.rms(new float[] {1, 2, 3, 4}, new float[] {1, 1, 1, 2}, 1e-5);
    double r = Math.sqrt(7.5 + 1e-5); // mean of squares (1 + 4 + 9 + 16) / 4
    assertArrayEquals(new float[] {(float) (1 / r), (float) (2 / r), (float) (3 / r), (float) (8 / r)}, y, 1e-7f);
  }

  @Test
  void embedReturnsTheUnscaledRow() {
    Weights w = TestWeights.weights(TestWeights.text(TINY, 2));
    ReferenceDecoder dec = new ReferenceDecoder(TINY, w);
    assertArrayEquals(slice(w.floats("model.embed_tokens.weight"), 300 * 64, 64), dec.embed(300), 0f);
    assertThrows(IllegalArgumentException.class, () -> dec.embed(512));
  }

  @Test
  void wrongOrMissingWeightShapeNamesTheTensor() {
    Map<String, TensorData> map = TestWeights.text(TINY, 1);
    map.put("model.layers.2.self_attn.k_proj.weight", TestWeights.zeros(16, 64));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ReferenceDecoder(TINY, TestWeights.weights(map)));
    assertTrue(e.getMessage().contains("model.layers.2.self_attn.k_proj.weight"), e.getMessage());
    Map<String, TensorData> missing = TestWeights.text(TINY, 1);
    missing.remove("model.layers.4.conv.conv.weight");
    e = assertThrows(IllegalArgumentException.class, () -> new ReferenceDecoder(TINY, TestWeights.weights(missing)));
    assertTrue(e.getMessage().contains("model.layers.4.conv.conv.weight"), e.getMessage());
  }

  private static float[][] embeds(ReferenceDecoder dec, int... ids) {
    float[][] e = new float[ids.length][];
    for (int t = 0; t < ids.length; t++) {
      e[t] = dec.embed(ids[t]);
    }
    return e;
  }

  private static float[] handRms(float[] x, float[] w) {
    double ss = 0;
    for (float v : x) {
      ss += v * v;
    }
    double r = Math.sqrt(ss / x.length + 1e-5);
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) (w[i] * x[i] / r);
    }
    return y;
  }

  /** MODEL.md's formula literally: x·cos + rotate_half(x)·sin with cos/sin of concat(angles, angles). */
  private static float[] handRope(float[] x, int pos) {
    int hd = x.length;
    float[] rot = new float[hd];
    float[] y = new float[hd];
    for (int i = 0; i < hd; i++) {
      rot[i] = i < hd / 2 ? -x[i + hd / 2] : x[i - hd / 2];
    }
    for (int i = 0; i < hd; i++) {
      double angle = pos * Math.pow(1e6, -2.0 * (i % (hd / 2)) / hd);
      y[i] = (float) (x[i] * Math.cos(angle) + rot[i] * Math.sin(angle));
    }
    return y;
  }

  private static float[] matVec(float[] w, int rows, float[] x) {
    float[] y = new float[rows];
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int c = 0; c < x.length; c++) {
        s += w[r * x.length + c] * (double) x[c];
      }
      y[r] = (float) s;
    }
    return y;
  }

  private static float[] slice(float[] a, int off, int n) {
    return Arrays.copyOfRange(a, off, off + n);
  }

  private static float[] add(float[] a, float[] b) {
    float[] y = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = a[i] + b[i];
    }
    return y;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static float[] flat(Object a) {
    if (a instanceof float[] f) {
      return f;
    }
    Object[] rows = (Object[]) a;
    List<Float> out = new ArrayList<>();
    for (Object r : rows) {
      for (float f : flat(r)) {
        out.add(f);
      }
    }
    float[] y = new float[out.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = out.get(i);
    }
    return y;
  }

  /** |a − b| ≤ rel · max(1, max|expect|) element-wise. */
  static void assertClose(float[] expect, float[] got, double rel, String what) {
    assertEquals(expect.length, got.length, what + ": length");
    double scale = 1;
    for (float f : expect) {
      scale = Math.max(scale, Math.abs(f));
    }
    for (int i = 0; i < expect.length; i++) {
      double d = Math.abs(expect[i] - got[i]);
      if (!(d <= rel * scale)) {
        throw new AssertionError(what + ": element " + i + " expected " + expect[i] + " got " + got[i]);
      }
    }
  }
}
