package cockpit.train.text;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-sequence decoder state between calls, with LFM2's semantics (MODEL.md): per conv layer the
 * last {@code L} columns of {@code B ⊙ x} [B, H, L] (oldest first, zeros before the start), per
 * attention layer the keys and values after q/k norm and RoPE [B, nKV, past, hd]; and the next
 * absolute position. Mutable; owned by one caller; its arrays live on that caller's manager.
 */
public final class DecoderCache {
  private final Map<Integer, NDArray> conv = new HashMap<>();
  private final Map<Integer, NDArray> keys = new HashMap<>();
  private final Map<Integer, NDArray> values = new HashMap<>();
  private long position;

  /** Conv state of layer {@code i}, or null before the first call (zeros). */
  public NDArray conv(int i) {
    return conv.get(i);
  }

  public NDArray keys(int i) {
    return keys.get(i);
  }

  public NDArray values(int i) {
    return values.get(i);
  }

  /** Every array the cache holds now (conv states, keys, values), for moving them between managers. */
  public java.util.List<NDArray> arrays() {
    java.util.List<NDArray> out = new java.util.ArrayList<>(conv.values());
    out.addAll(keys.values());
    out.addAll(values.values());
    return out;
  }

  /** Tokens seen so far (the next token's position). */
  public long position() {
    return position;
  }

  void putConv(int i, NDArray state) {
    conv.put(i, state);
  }

  void putKv(int i, NDArray k, NDArray v) {
    keys.put(i, k);
    values.put(i, v);
  }

  void advance(long tokens) {
    position += tokens;
  }
}
