package cockpit.npu.reference;

import cockpit.npu.model.TextConfig;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One sequence's decoder state for {@link ReferenceDecoder}: per conv layer the last
 * {@code conv_L_cache} {@code B⊙x} columns ([H][L], oldest first, zero for a new sequence), per
 * attention layer the K and V rows of every past position ([nKV][hd] each, after norm and RoPE),
 * and the number of positions consumed. Mutable and not thread-safe: one sequence, one thread.
 * Getters return copies, so tests can compare them with ONNX outputs. {@link #writeTo} and
 * {@link #readFrom} use the byte layout of {@code cockpit.npu.runtime.DecoderState}, so a state moves
 * between this reference and the ONNX Runtime decoder.
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

  /** Bytes {@link #writeTo} writes now. */
  public long serializedBytes() {
    long conv = 0;
    long kv = 0;
    for (int i = 0; i < this.conv.length; i++) {
      if (this.conv[i] != null) {
        conv += (long) text.hiddenSize() * text.convLCache();
      } else {
        kv += 2L * text.numKeyValueHeads() * position * text.headDim();
      }
    }
    return 4 + 4 * (conv + kv);
  }

  /**
   * Writes the state as {@code DecoderState.writeTo} does: little-endian int32 position; conv layers
   * ascending, each [H, L]; attention layers ascending, K then V, each [kv_heads, position, head_dim].
   */
  public void writeTo(WritableByteChannel out) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(serializedBytes())).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(position);
    for (float[][] c : conv) {
      for (int ch = 0; c != null && ch < c.length; ch++) {
        for (float v : c[ch]) {
          b.putFloat(v);
        }
      }
    }
    for (int i = 0; i < conv.length; i++) {
      if (conv[i] == null) {
        putRows(b, keys.get(i));
        putRows(b, values.get(i));
      }
    }
    b.flip();
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  private void putRows(ByteBuffer b, List<float[][]> rows) { // [positions][nKV][hd] → [nKV][positions][hd]
    for (int g = 0; g < text.numKeyValueHeads(); g++) {
      for (float[][] row : rows) {
        for (float v : row[g]) {
          b.putFloat(v);
        }
      }
    }
  }

  /**
   * Reads a state written by {@link #writeTo} or {@code DecoderState.writeTo} for {@code text}.
   *
   * @throws IOException if the bytes end early or the position is outside {@code 0..capacity}
   */
  public static ReferenceState readFrom(TextConfig text, ReadableByteChannel in, int capacity) throws IOException {
    int pos = read(in, 4).getInt();
    if (pos < 0 || pos > capacity) {
      throw new IOException("state position " + pos + " is outside 0.." + capacity);
    }
    ReferenceState s = new ReferenceState(text);
    s.position = pos;
    ByteBuffer b = read(in, Math.toIntExact(s.serializedBytes() - 4));
    for (float[][] c : s.conv) {
      for (int ch = 0; c != null && ch < c.length; ch++) {
        for (int k = 0; k < c[ch].length; k++) {
          c[ch][k] = b.getFloat();
        }
      }
    }
    for (int i = 0; i < s.conv.length; i++) {
      if (s.conv[i] == null) {
        getRows(b, s.keys.get(i), pos, text);
        getRows(b, s.values.get(i), pos, text);
      }
    }
    return s;
  }

  private static void getRows(ByteBuffer b, List<float[][]> rows, int positions, TextConfig text) {
    int nkv = text.numKeyValueHeads();
    int hd = text.headDim();
    for (int p = 0; p < positions; p++) {
      rows.add(new float[nkv][hd]);
    }
    for (int g = 0; g < nkv; g++) {
      for (int p = 0; p < positions; p++) {
        for (int d = 0; d < hd; d++) {
          rows.get(p)[g][d] = b.getFloat();
        }
      }
    }
  }

  private static ByteBuffer read(ReadableByteChannel in, int bytes) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        throw new EOFException("state ends early: " + b.remaining() + " bytes missing");
      }
    }
    return b.flip();
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
