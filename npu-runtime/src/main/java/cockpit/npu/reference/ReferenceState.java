package cockpit.npu.reference;

import cockpit.npu.model.TextConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * One sequence's decoder state for {@link ReferenceDecoder}: per conv layer the last
 * {@code conv_L_cache} {@code B⊙x} columns ([H][L], oldest first, zero for a new sequence), per
 * attention layer the K and V rows of every past position ([nKV][hd] each, after norm and RoPE),
 * and the number of positions consumed. Mutable and not thread-safe: one sequence, one thread.
 * Getters return copies, so tests can compare them with ONNX outputs.
 */
public final class ReferenceState {
  private final TextConfig text;
  private final float[][][] conv; // [layer] -> [H][L], null for attention layers
  private final List<List<float[][]>> keys; // [layer] -> positions of [nKV][hd], null for conv layers
  private final List<List<float[][]>> values;
  private int position;

  /** A new sequence: zero conv columns, empty KV, position 0. */
  public ReferenceState(TextConfig text) {
    this.text = text;
    int n = text.numHiddenLayers();
    conv = new float[n][][];
    keys = new ArrayList<>(n);
    values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      boolean attention = text.isAttention(i);
      conv[i] = attention ? null : new float[text.hiddenSize()][text.convLCache()];
      keys.add(attention ? new ArrayList<>() : null);
      values.add(attention ? new ArrayList<>() : null);
    }
  }

  /** Tokens consumed so far: the absolute position of the next token. */
  public int position() {
    return position;
  }

  /** Copy of conv layer {@code layer}'s state, [H][L], time oldest → newest. */
  public float[][] convState(int layer) {
    return copy(convRef(layer));
  }

  /** Copy of attention layer {@code layer}'s keys, [positions][nKV][hd], after k_layernorm and RoPE. */
  public float[][][] keys(int layer) {
    return copyRows(kvRef(keys, layer));
  }

  /** Copy of attention layer {@code layer}'s values, [positions][nKV][hd]. */
  public float[][][] values(int layer) {
    return copyRows(kvRef(values, layer));
  }

  /** An independent copy (to branch a sequence, or to run the same prefix two ways). */
  public ReferenceState copy() {
    ReferenceState c = new ReferenceState(text);
    c.position = position;
    for (int i = 0; i < conv.length; i++) {
      if (conv[i] != null) {
        c.conv[i] = copy(conv[i]);
      } else {
        for (float[][] k : keys.get(i)) {
          c.keys.get(i).add(copy(k));
        }
        for (float[][] v : values.get(i)) {
          c.values.get(i).add(copy(v));
        }
      }
    }
    return c;
  }

  float[][] convRef(int layer) {
    if (layer < 0 || layer >= conv.length || conv[layer] == null) {
      throw new IllegalArgumentException("layer " + layer + " is not a conv layer");
    }
    return conv[layer];
  }

  List<float[][]> keysRef(int layer) {
    return kvRef(keys, layer);
  }

  List<float[][]> valuesRef(int layer) {
    return kvRef(values, layer);
  }

  void advance(int tokens) {
    position += tokens;
  }

  private List<float[][]> kvRef(List<List<float[][]>> kv, int layer) {
    if (layer < 0 || layer >= conv.length || kv.get(layer) == null) {
      throw new IllegalArgumentException("layer " + layer + " is not an attention layer");
    }
    return kv.get(layer);
  }

  private static float[][] copy(float[][] a) {
    float[][] c = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  private static float[][][] copyRows(List<float[][]> rows) {
    float[][][] c = new float[rows.size()][][];
    for (int p = 0; p < c.length; p++) {
      c[p] = copy(rows.get(p));
    }
    return c;
  }
}
