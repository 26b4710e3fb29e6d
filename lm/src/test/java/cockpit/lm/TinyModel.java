package cockpit.lm;

import cockpit.npu.graph.ModelExport;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.Profile;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.runtime.InferenceExecutor;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.RuntimeOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated tiny model directory (profile tiny, seed 11: weights and tokenizer; the ONNX graphs are
 * written on the first ONNX Runtime use), and one language model per backend over it, built once per
 * test JVM and shared by the test classes of lm, dialogue and perception (never closed: the JVM ends).
 * Tests that do not test ONNX Runtime itself use {@link #model()}, the plain-Java backend.
 */
public final class TinyModel {
  private static Path dir;
  private static boolean exported;
  private static NpuRuntime runtime;
  private static InferenceExecutor executor;
  private static LanguageModel reference;
  private static LanguageModel ort;

  private TinyModel() {}

  /** The model on the plain-Java reference backend: what dialogue and perception tests run on. */
  public static synchronized LanguageModel model() throws Exception {
    if (reference == null) {
      reference = LanguageModel.open(dir(), new Backend.Reference());
    }
    return reference;
  }

  /** The same model on ONNX Runtime (CPU), float graphs. */
  public static synchronized LanguageModel ort() throws Exception {
    if (ort == null) {
      ort = LanguageModel.open(onnxDir(), new Backend.Ort(runtime(), ModelVariant.FLOAT));
    }
    return ort;
  }

  /** An inference executor (one platform thread, 64 queued tasks) that needs no ONNX Runtime. */
  public static synchronized InferenceExecutor executor() {
    if (executor == null) {
      executor = new InferenceExecutor(1, 64);
    }
    return executor;
  }

  public static synchronized NpuRuntime runtime() {
    if (runtime == null) {
      runtime = NpuRuntime.create(RuntimeOptions.defaults());
    }
    return runtime;
  }

  /** The model directory: config, weights and tokenizer (ONNX graphs only once {@link #onnxDir()} ran). */
  public static synchronized Path dir() throws Exception {
    if (dir == null) {
      Path d = Files.createTempDirectory("cockpit-tiny-");
      ModelDirectory.generate(Profile.TINY, 11, d, ProgressListener.NONE);
      dir = d;
    }
    return dir;
  }

  /** The model directory with its ONNX graphs (chunk 16), written on first use. */
  public static synchronized Path onnxDir() throws Exception {
    Path d = dir();
    if (!exported) {
      try (LoadedModel m = ModelDirectory.open(d)) {
        ModelExport.write(m, 16, ProgressListener.NONE);
      }
      exported = true;
    }
    return d;
  }
}
