package cockpit.npu.quant;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import cockpit.npu.onnx.DType;
import cockpit.npu.onnx.ExternalData;
import cockpit.npu.onnx.GraphBuilder;
import cockpit.npu.onnx.ModelWriter;
import cockpit.npu.runtime.NpuRuntime;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a float graph in ONNX Runtime with chosen intermediate tensors exposed as extra outputs
 * (ORT's calibration recipe) and hands back their values: for calibration ({@link #calibrate})
 * and for per-layer error reports ({@link #run}). The graph is copied, never changed.
 * One float input of fixed shape. Owns an ORT session: close it.
 */
public final class ActivationCollector implements AutoCloseable {
  private final OrtSession session;
  private final NpuRuntime runtime;
  private final String input;
  private final long[] shape;
  private final List<String> names;

  /**
   * @param work a directory for the temporary model file (and its external data)
   */
  public ActivationCollector(NpuRuntime runtime, GraphBuilder graph, Collection<String> tensors, String input,
      long[] shape, Path work) throws IOException, OrtException {
    this.runtime = runtime;
    this.input = input;
    this.shape = shape.clone();
    GraphBuilder g = graph.copy(graph.name() + "_collect");
    java.util.Set<String> declared = new java.util.HashSet<>();
    g.outputs().forEach(o -> declared.add(o.getName()));
    for (String t : tensors) {
      if (!declared.contains(t)) {
        g.exposeOutput(t, DType.FLOAT);
      }
    }
    this.names = List.copyOf(tensors);
    Files.createDirectories(work);
    Path file = Files.createTempFile(work, "collect", ".onnx");
    try (ExternalData ext = new ExternalData(Path.of(file + ".data"))) {
      ModelWriter.write(g, file, ext, Map.of());
    }
    this.session = runtime.openSession(file);
  }

  /** Runs one sample; returns every requested tensor's values (row-major). */
  public Map<String, float[]> run(float[] sample) throws OrtException {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (OnnxTensor in = OnnxTensor.createTensor(runtime.env(), FloatBuffer.wrap(sample), shape);
        OrtSession.Result r = session.run(Map.of(input, in), new java.util.HashSet<>(names))) {
      for (String n : names) {
        Optional<OnnxValue> v = r.get(n);
        FloatBuffer b = ((OnnxTensor) v.orElseThrow(() -> new IllegalStateException("no output " + n)))
            .getFloatBuffer();
        float[] a = new float[b.remaining()];
        b.get(a);
        out.put(n, a);
      }
    }
    return out;
  }

  /** Merges the ranges of every requested tensor over {@code samples}. */
  public Map<String, Calibration> calibrate(List<float[]> samples) throws OrtException {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("calibration needs at least one sample");
    }
    Map<String, Calibration> out = new LinkedHashMap<>();
    for (float[] s : samples) {
      run(s).forEach((n, v) -> out.computeIfAbsent(n, k -> new Calibration()).add(v));
    }
    return out;
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
