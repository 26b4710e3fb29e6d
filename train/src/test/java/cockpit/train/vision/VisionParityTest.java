package cockpit.train.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import cockpit.npu.graph.VisionGraph;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.model.VisionConfig;
import cockpit.npu.reference.ReferenceVision;
import cockpit.train.torch.Params;
import cockpit.train.torch.Torch;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL encoder + connector against the exported {@code vision_encoder.onnx} in ONNX Runtime and
 * the plain-Java reference, on the same generated safetensors (tiny: 256 tokens; mini: 128², 64
 * tokens): image features agree to 1e-3 (fp32).
 */
class VisionParityTest {
  static final float TOLERANCE = 1e-3f;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"tiny", "mini"})
  void djlImageFeaturesEqualOnnxRuntimeAndTheReference(String profile) throws Exception {
    ModelDirectory.generate(Profile.parse(profile), 17, dir, ProgressListener.NONE);
    try (LoadedModel model = ModelDirectory.open(dir)) {
      Path onnx = VisionGraph.writeVisionEncoder(model.config(), model.weights(), dir.resolve("onnx"));
      VisionConfig.MobileNet cfg = (VisionConfig.MobileNet) model.config().vision();
      int s = cfg.imageSize();
      int batch = 2;
      float[] pixels = new float[batch * 3 * s * s];
      SplittableRandom r = new SplittableRandom(5);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = (float) r.nextDouble();
      }
      float[] ort = runOrt(onnx, pixels, new long[] {batch, 3, s, s});
      MobileNetVision vision = new MobileNetVision(cfg, model.config().text().hiddenSize());
      float[] djl;
      try (NDManager m = Torch.engine().newBaseManager();
          Params p = Params.load(m, model.weights(), vision.shapes())) {
        NDArray out = vision.imageFeatures(p, m.create(pixels, new Shape(batch, 3, s, s)));
        assertArrayEquals(new long[] {batch * cfg.tokens(), model.config().text().hiddenSize()},
            out.getShape().getShape());
        djl = out.toFloatArray();
      }
      assertClose(ort, djl, "DJL vs ONNX Runtime");
      float[][] ref = new ReferenceVision(model.config(), model.weights())
          .encode(java.util.Arrays.copyOf(pixels, 3 * s * s));
      float[] refFlat = new float[ref.length * ref[0].length];
      for (int t = 0; t < ref.length; t++) {
        System.arraycopy(ref[t], 0, refFlat, t * ref[0].length, ref[0].length);
      }
      assertClose(refFlat, java.util.Arrays.copyOf(djl, refFlat.length), "DJL vs the plain-Java reference");
    }
  }

  static void assertClose(float[] expected, float[] actual, String what) {
    assertTrue(expected.length == actual.length, what + ": " + expected.length + " vs " + actual.length + " values");
    double max = 0;
    double scale = 0;
    for (int i = 0; i < expected.length; i++) {
      max = Math.max(max, Math.abs(expected[i] - actual[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    assertTrue(scale > 0.1, what + ": features are all near zero, the comparison would prove nothing");
    assertTrue(max <= TOLERANCE, what + ": max abs diff " + max + " > " + TOLERANCE);
  }

  private static float[] runOrt(Path onnx, float[] pixels, long[] shape) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
        OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), shape);
        OrtSession.Result res = session.run(Map.of(VisionGraph.INPUT, in))) {
      FloatBuffer b = ((OnnxTensor) res.get(VisionGraph.OUTPUT).orElseThrow()).getFloatBuffer();
      float[] out = new float[b.remaining()];
      b.get(out);
      return out;
    }
  }
}
