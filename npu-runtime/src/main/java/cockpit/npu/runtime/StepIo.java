package cockpit.npu.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Input and output tensors of one fixed-shape decoder graph (chunk K), over buffers that are refilled in
 * place every step: no per-token allocation. Owned by one {@link DecoderState}: buffers come from its
 * arena and the tensors are closed with it.
 */
final class StepIo {
  final int chunk;
  final FloatBuffer embeds; // [1, K, H]
  final LongBuffer positions; // [1, K]
  final LongBuffer validLength; // [1]
  final IntBuffer seqlensK; // [1]
  final IntBuffer totalLength; // []
  final FloatBuffer logits; // [1, 1, V]
  final OnnxTensor embedsT;
  final OnnxTensor positionsT;
  final OnnxTensor validLengthT;
  final OnnxTensor seqlensKT;
  final OnnxTensor totalLengthT;
  final OnnxTensor logitsT;

  StepIo(DecoderState owner, int chunk, int hidden, int vocab) throws OrtException {
    this.chunk = chunk;
    embeds = owner.floats(chunk * hidden);
    positions = owner.allocate(8L * chunk).asLongBuffer();
    validLength = owner.allocate(8).asLongBuffer();
    seqlensK = owner.allocate(4).asIntBuffer();
    totalLength = owner.allocate(4).asIntBuffer();
    logits = owner.floats(vocab);
    embedsT = owner.tensor(embeds, new long[] {1, chunk, hidden});
    positionsT = owner.tensor(positions, new long[] {1, chunk});
    validLengthT = owner.tensor(validLength, new long[] {1});
    seqlensKT = owner.tensor(seqlensK, new long[] {1});
    totalLengthT = owner.tensor(totalLength, new long[] {});
    logitsT = owner.tensor(logits, new long[] {1, 1, vocab});
  }

  /** Fills the inputs for {@code valid} real tokens (rows of {@code src} from {@code from}) at {@code past}. */
  void fill(float[] src, int from, int valid, int hidden, int past) {
    FloatBuffer e = embeds.duplicate().clear();
    e.put(src, from * hidden, valid * hidden);
    while (e.hasRemaining()) {
      e.put(0f); // padding rows: computed, never attended by real tokens, overwritten later
    }
    for (int t = 0; t < chunk; t++) {
      positions.put(t, past + t);
    }
    validLength.put(0, valid);
    seqlensK.put(0, past + chunk - 1);
    totalLength.put(0, past + chunk);
  }

  float[] readLogits() {
    float[] out = new float[logits.capacity()];
    logits.duplicate().clear().get(out);
    return out;
  }
}
