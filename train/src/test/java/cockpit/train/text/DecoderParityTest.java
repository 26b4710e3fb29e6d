package cockpit.train.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import cockpit.npu.graph.DecoderGraph;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.model.TextConfig;
import cockpit.npu.onnx.ExternalData;
import cockpit.npu.onnx.ModelWriter;
import cockpit.train.torch.Params;
import cockpit.train.torch.Torch;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL LFM2 decoder against the exported interop decoder graph in ONNX Runtime on the same
 * generated safetensors (tiny profile: 10 conv + 6 attention layers, GQA 4/2): logits of a prompt fed
 * in two chunks, state carried over (conv state and KV cache), agree to 1e-3; and chunked = one-shot.
 */
class DecoderParityTest {
  static final float TOLERANCE = 1e-3f;

  @TempDir Path dir;

  @Test
  void djlLogitsEqualTheInteropGraphAcrossTwoChunks() throws Exception {
    ModelDirectory.generate(Profile.TINY, 23, dir, ProgressListener.NONE);
    try (LoadedModel model = ModelDirectory.open(dir)) {
      TextConfig c = model.config().text();
      Path onnx = dir.resolve("decoder_interop.onnx");
      try (ExternalData data = new ExternalData(dir.resolve("decoder.onnx.data"))) {
        ModelWriter.write(DecoderGraph.interop(c, model.weights()), onnx, data, Map.of());
      }
      int h = c.hiddenSize();
      float[] table = model.weights().floats("model.embed_tokens.weight");
      SplittableRandom r = new SplittableRandom(9);
      int[] chunks = {5, 3};
      float[][] embeds = new float[chunks.length][];
      for (int k = 0; k < chunks.length; k++) {
        embeds[k] = new float[chunks[k] * h];
        for (int t = 0; t < chunks[k]; t++) {
          System.arraycopy(table, r.nextInt(c.vocabSize()) * h, embeds[k], t * h, h);
        }
      }
      float[][] ort = runOrt(onnx, c, embeds, chunks);
      Lfm2Decoder dec = new Lfm2Decoder(c);
      try (NDManager m = Torch.engine().newBaseManager();
          Params p = Params.load(m, model.weights(), dec.shapes())) {
        DecoderCache cache = new DecoderCache();
        float[] all = new float[0];
        for (int k = 0; k < chunks.length; k++) {
          float[] djl = dec.forward(p, m.create(embeds[k], new Shape(1, chunks[k], h)), cache).toFloatArray();
          assertClose(ort[k], djl, "chunk " + k);
          all = concat(all, djl);
        }
        float[] one = dec.forward(p, m.create(concat(embeds[0], embeds[1]), new Shape(1, 8, h)), new DecoderCache())
            .toFloatArray();
        assertClose(all, one, "one shot vs chunked");
        NDArray ids = m.create(new long[] {3, 40, 500}, new Shape(1, 3));
        assertArrayEquals(Arrays.copyOfRange(table, 40 * h, 41 * h),
            Arrays.copyOfRange(dec.embed(p, ids).toFloatArray(), h, 2 * h));
      }
    }
  }

  static void assertClose(float[] expected, float[] actual, String what) {
    assertTrue(expected.length == actual.length, what + ": " + expected.length + " vs " + actual.length);
    double max = 0;
    double scale = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    assertTrue(scale > 0.1, what + ": logits near zero prove nothing");
    assertTrue(max <= TOLERANCE, what + ": max abs diff " + max + " > " + TOLERANCE);
  }

  private static float[] concat(float[] a, float[] b) {
    float[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Logits of each chunk from the interop graph, its present_* outputs fed back as past_*. */
  private static float[][] runOrt(Path onnx, TextConfig c, float[][] embeds, int[] chunks) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    int h = c.hiddenSize();
    Map<String, float[]> state = new HashMap<>();
    Map<String, long[]> shapes = new HashMap<>();
    for (int i : c.convLayers()) {
      state.put("past_conv." + i, new float[h * c.convLCache()]);
      shapes.put("past_conv." + i, new long[] {1, h, c.convLCache()});
    }
    for (int i : c.attentionLayers()) {
      for (String kv : new String[] {"key", "value"}) {
        state.put("past_key_values." + i + "." + kv, new float[0]);
        shapes.put("past_key_values." + i + "." + kv, new long[] {1, c.numKeyValueHeads(), 0, c.headDim()});
      }
    }
    float[][] out = new float[chunks.length][];
    int past = 0;
    try (OrtSession s = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
      for (int k = 0; k < chunks.length; k++) {
        int t = chunks[k];
        Map<String, OnnxTensor> in = new HashMap<>();
        in.put("inputs_embeds", OnnxTensor.createTensor(env, FloatBuffer.wrap(embeds[k]), new long[] {1, t, h}));
        long[] mask = new long[past + t];
        Arrays.fill(mask, 1);
        long[] pos = new long[t];
        for (int i = 0; i < t; i++) {
          pos[i] = past + i;
        }
        in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {1, past + t}));
        in.put("position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(pos), new long[] {1, t}));
        for (Map.Entry<String, float[]> e : state.entrySet()) {
          in.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()), shapes.get(e.getKey())));
        }
        try (OrtSession.Result res = s.run(in)) {
          out[k] = flat(res.get("logits").orElseThrow());
          for (String name : state.keySet()) {
            String present = name.startsWith("past_conv.") ? name.replace("past_conv.", "present_conv.")
                : name.replace("past_key_values.", "present.");
            OnnxTensor p = (OnnxTensor) res.get(present).orElseThrow();
            state.put(name, flat(p));
            shapes.put(name, p.getInfo().getShape());
          }
        } finally {
          in.values().forEach(OnnxTensor::close);
        }
        past += t;
      }
    }
    return out;
  }

  private static float[] flat(ai.onnxruntime.OnnxValue v) {
    FloatBuffer b = ((OnnxTensor) v).getFloatBuffer();
    float[] a = new float[b.remaining()];
    b.get(a);
    return a;
  }
}
