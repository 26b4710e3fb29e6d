package cockpit.npu.quant;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.runtime.NpuRuntime;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/** Test helper: writes a small graph (or takes one from a file) and runs it once in ONNX Runtime (CPU) on one float input. */
final class OrtGraphs {
  private OrtGraphs() {}

  static float[] run(NpuRuntime rt, GraphBuilder g, Path file, String input, float[] x, long[] shape)
      throws Exception {
    ModelWriter.write(g, file, null, Map.of());
    return runFile(rt, file, input, x, shape);
  }

  /** Runs the graph in {@code file} once on one float input; returns its first output. */
  static float[] runFile(NpuRuntime rt, Path file, String input, float[] x, long[] shape) throws Exception {
    try (OrtSession s = rt.openSession(file);
        OnnxTensor in = OnnxTensor.createTensor(rt.env(), FloatBuffer.wrap(x), shape);
        OrtSession.Result r = s.run(Map.of(input, in))) {
      FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
      float[] out = new float[b.remaining()];
      b.get(out);
      return out;
    }
  }
}
