package cockpit.dialogue;

import cockpit.npu.graph.ModelExport;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.model.Profile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated tiny model directory (weights, tokenizer, ONNX graphs), and one runtime and dialogue
 * model over it, built once per test JVM and shared by the test classes (never closed: the JVM ends).
 */
public final class TinyModel {
  private static Path dir;
  private static cockpit.npu.runtime.NpuRuntime runtime;
  private static DialogueModel model;

  private TinyModel() {}

  public static synchronized cockpit.npu.runtime.NpuRuntime runtime() {
    if (runtime == null) {
      runtime = cockpit.npu.runtime.NpuRuntime.create(cockpit.npu.runtime.RuntimeOptions.defaults());
    }
    return runtime;
  }

  public static synchronized DialogueModel model() throws Exception {
    if (model == null) {
      model = DialogueModel.open(runtime(), dir());
    }
    return model;
  }

  public static synchronized Path dir() throws Exception {
    if (dir == null) {
      Path d = Files.createTempDirectory("cockpit-tiny-");
      ModelDirectory.generate(Profile.TINY, 11, d, ProgressListener.NONE);
      try (LoadedModel m = ModelDirectory.open(d)) {
        ModelExport.write(m, 16, ProgressListener.NONE);
      }
      dir = d;
    }
    return dir;
  }
}
