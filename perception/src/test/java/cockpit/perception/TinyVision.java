package cockpit.perception;

import cockpit.lm.TinyModel;
import cockpit.lm.VisionEncoder;
import cockpit.perception.frame.Preprocessor;
import cockpit.perception.task.TaskRunner;

/**
 * The vision encoder and task runner over lm's shared tiny test model on the plain-Java reference
 * backend, built once per test JVM and shared by the perception test classes (never closed: the JVM
 * ends).
 */
public final class TinyVision {
  private static VisionEncoder encoder;
  private static TaskRunner runner;

  private TinyVision() {}

  public static synchronized VisionEncoder encoder() throws Exception {
    if (encoder == null) {
      encoder = TinyModel.model().openVisionEncoder();
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
