package cockpit.npu.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;

/**
 * Input and output tensors of one fixed-shape decoder graph (chunk K), over direct buffers that are
 * refilled in place every step: no per-token allocation. Owned by one {@link DecoderState}.
 */
final class StepIo implements AutoCloseable {
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

  StepIo(OrtEnvironment env, int chunk, int hidden, int vocab) throws OrtException {
    this.chunk = chunk;
    embeds = DecoderState.direct(chunk * hidden);
    positions = ByteBuffer.allocateDirect(chunk * 8).order(ByteOrder.nativeOrder()).asLongBuffer();
    validLength = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).asLongBuffer();
    seqlensK = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).asIntBuffer();
    totalLength = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).asIntBuffer();
    logits = DecoderState.direct(vocab);
    embedsT = OnnxTensor.createTensor(env, embeds, new long[] {1, chunk, hidden});
    positionsT = OnnxTensor.createTensor(env, positions, new long[] {1, chunk});
    validLengthT = OnnxTensor.createTensor(env, validLength, new long[] {1});
    seqlensKT = OnnxTensor.createTensor(env, seqlensK, new long[] {1});
    totalLengthT = OnnxTensor.createTensor(env, totalLength, new long[] {});
    logitsT = OnnxTensor.createTensor(env, logits, new long[] {1, 1, vocab});
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

  @Override
  public void close() {
    embedsT.close();
    positionsT.close();
    validLengthT.close();
    seqlensKT.close();
    totalLengthT.close();
    logitsT.close();
  }
}
