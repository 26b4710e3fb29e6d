package cockpit.npu.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An opened model directory: its config and its weights, already checked against each other by
 * {@link ModelDirectory#open}. Owns the weights (a memory mapping): close it once, after everything
 * that uses the weights' buffers is done.
 */
public record LoadedModel(Path dir, ModelConfig config, Weights weights) implements AutoCloseable {
  public LoadedModel {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(weights, "weights");
  }

  /** A file under the directory's {@code onnx/} folder, e.g. {@code onnx("vision_encoder.onnx")}. */
  public Path onnx(String file) {
    return ModelDirectory.onnx(dir, file);
  }

  public Path tokenizerJson() {
    return dir.resolve(ModelDirectory.TOKENIZER);
  }

  @Override
  public void close() {
    weights.close();
  }
}
