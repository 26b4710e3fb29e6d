package cockpit.perception;

import cockpit.dialogue.TinyModel;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.runtime.VisionEncoderSession;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.task.TaskRunner;

/**
 * The vision encoder and task runner over dialogue's shared tiny test model, built once per test
 * JVM and shared by the perception test classes (never closed: the JVM ends).
 */
public final class TinyVision {
  private static VisionEncoderSession encoder;
  private static TaskRunner runner;

  private TinyVision() {}

  public static synchronized VisionEncoderSession encoder() throws Exception {
    if (encoder == null) {
      encoder = VisionEncoderSession.open(TinyModel.runtime(), TinyModel.model().model().config(),
          TinyModel.dir().resolve(ModelDirectory.ONNX_DIR).resolve(ModelDirectory.VISION_ENCODER_ONNX));
    }
    return encoder;
  }

  public static synchronized TaskRunner runner() throws Exception {
    if (runner == null) {
      runner = new TaskRunner(TinyModel.model(), encoder(), new Preprocessor(encoder().imageSize()));
    }
    return runner;
  }
}
