package cockpit.npu.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import cockpit.npu.model.TextConfig;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;

/** Runs the interop-convention decoder graph with explicit, growing state (batch 1), for tests. */
final class InteropRunner implements AutoCloseable {
  private final OrtEnvironment env;
  private final OrtSession session;
  private final TextConfig c;
  private final Map<String, float[]> state = new HashMap<>();
  private final Map<String, long[]> shapes = new HashMap<>();
  private int position;

  InteropRunner(OrtEnvironment env, OrtSession session, TextConfig c) {
    this.env = env;
    this.session = session;
    this.c = c;
    for (int i : c.convLayers()) {
      state.put("conv." + i, new float[c.hiddenSize() * c.convLCache()]);
    }
    for (int i : c.attentionLayers()) {
      state.put("key." + i, new float[0]);
      state.put("value." + i, new float[0]);
    }
  }

  /** Feeds rows [T·H] and returns logits [T][V]. */
  float[][] run(float[] embeds, int t) throws Exception {
    int h = c.hiddenSize();
    Map<String, OnnxTensor> in = new HashMap<>();
    in.put("inputs_embeds", OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds, 0, t * h), new long[] {1, t, h}));
    long[] mask = new long[position + t];
    java.util.Arrays.fill(mask, 1);
    long[] pos = new long[t];
    for (int i = 0; i < t; i++) {
      pos[i] = position + i;
    }
    in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {1, mask.length}));
    in.put("position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(pos), new long[] {1, t}));
    for (int i : c.convLayers()) {
      in.put("past_conv." + i, OnnxTensor.createTensor(env, FloatBuffer.wrap(state.get("conv." + i)),
          new long[] {1, h, c.convLCache()}));
    }
    long[] kvShape = {1, c.numKeyValueHeads(), position, c.headDim()};
    for (int i : c.attentionLayers()) {
      in.put("past_key_values." + i + ".key", OnnxTensor.createTensor(env, FloatBuffer.wrap(state.get("key." + i)),
          kvShape));
      in.put("past_key_values." + i + ".value", OnnxTensor.createTensor(env,
          FloatBuffer.wrap(state.get("value." + i)), kvShape));
    }
    try (OrtSession.Result r = session.run(in)) {
      float[][][] logits = (float[][][]) r.get("logits").get().getValue();
      for (int i : c.convLayers()) {
        state.put("conv." + i, flat(r.get("present_conv." + i).get()));
      }
      for (int i : c.attentionLayers()) {
        state.put("key." + i, flat(r.get("present." + i + ".key").get()));
        state.put("value." + i, flat(r.get("present." + i + ".value").get()));
      }
      position += t;
      return logits[0];
    } finally {
      in.values().forEach(OnnxTensor::close);
    }
  }

  float[] conv(int layer) {
    return state.get("conv." + layer);
  }

  float[] keys(int layer) {
    return state.get("key." + layer);
  }

  private static float[] flat(ai.onnxruntime.OnnxValue v) {
    FloatBuffer b = ((OnnxTensor) v).getFloatBuffer();
    float[] out = new float[b.remaining()];
    b.get(out);
    return out;
  }

  @Override
  public void close() throws Exception {
    session.close();
  }
}
