package cockpit.npu.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelWriterTest {
  @Test
  void onnxRuntimeRunsAGraphWithExternalAndInlineInitializers(@TempDir Path dir) throws Exception {
    int n = 64;
    float[] w = new float[n * n];
    float[] bias = new float[n];
    Random r = new Random(1);
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextFloat() - 0.5f;
    }
    for (int i = 0; i < n; i++) {
      bias[i] = i;
    }
    GraphBuilder g = new GraphBuilder("mm");
    Value x = g.input("x", DType.FLOAT, "batch", n);
    Value y = g.op("Add", g.op("MatMul", x, g.initializer("w", TensorData.floats(new long[] {n, n}, w))),
        g.initializer("b", TensorData.floats(new long[] {n}, bias)));
    Value t = g.op("Transpose", List.of(Attr.ints("perm", 1, 0)), y);
    g.output(g.op("Transpose", List.of(Attr.ints("perm", 1, 0)), t), "y", DType.FLOAT, "batch", n);
    try (ExternalData ext = new ExternalData(dir.resolve("weights.bin"))) {
      ModelWriter.write(g, dir.resolve("mm.onnx"), ext, Map.of("profile", "test"));
    }
    assertTrue(Files.size(dir.resolve("weights.bin")) >= n * n * 4L, "the weight went to the external file");
    assertTrue(Files.size(dir.resolve("mm.onnx")) < 4096, "the model file holds no large tensor");

    float[] in = new float[n];
    for (int i = 0; i < n; i++) {
      in[i] = (float) Math.sin(i);
    }
    float[] expect = new float[n];
    for (int j = 0; j < n; j++) {
      double s = bias[j];
      for (int i = 0; i < n; i++) {
        s += in[i] * w[i * n + j];
      }
      expect[j] = (float) s;
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession s = env.createSession(dir.resolve("mm.onnx").toString(), new OrtSession.SessionOptions());
        OnnxTensor xt = OnnxTensor.createTensor(env, FloatBuffer.wrap(in), new long[] {1, n});
        OrtSession.Result res = s.run(Map.of("x", xt))) {
      float[] got = ((float[][]) res.get(0).getValue())[0];
      assertArrayEquals(expect, got, 1e-4f);
      assertEquals("test", s.getMetadata().getCustomMetadata().get("profile"));
    }
  }
}
