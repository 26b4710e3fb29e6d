package cockpit.dialogue;

import cockpit.npu.graph.ModelExport;
import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ProgressListener;
import cockpit.npu.model.Profile;
import java.nio.file.Files;
import java.nio.file.Path;

/** A generated tiny model directory (weights, tokenizer, ONNX graphs), built once per JVM. */
final class TinyModel {
  private static Path dir;

  private TinyModel() {}

  static synchronized Path dir() throws Exception {
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
