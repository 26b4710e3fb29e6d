package cockpit.npu.graph;

import cockpit.npu.model.LoadedModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Builds every ONNX file of a model directory from its {@code config.json} and safetensors: the
 * decoder graphs ({@link DecoderExport}) and, when the model has a vision part, the vision encoder
 * with its connector. This is the path generated and user-supplied (converted) weights share.
 */
public final class ModelExport {
  private ModelExport() {}

  public static void write(LoadedModel model, int chunk, ProgressListener progress) throws IOException {
    Path onnx = model.dir().resolve(ModelDirectory.ONNX_DIR);
    int steps = model.config().hasVision() ? 2 : 1;
    progress.progress("onnx", 0, steps);
    DecoderExport.write(model.config(), model.weights(), onnx, chunk);
    progress.progress("onnx", 1, steps);
    if (model.config().hasVision()) {
      VisionGraph.writeVisionEncoder(model.config(), model.weights(), onnx);
      progress.progress("onnx", 2, steps);
    }
  }
}
