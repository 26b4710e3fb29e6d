package cockpit.app;

import java.util.List;

/** Starts the launcher as a second process the way a user's shell would, for tests. */
final class Launch {
  private Launch() {}

  /**
   * A process builder with the test classpath passed in {@code CLASSPATH}, not on the command line:
   * ONNX Runtime 1.29 reads {@code /proc/self/cmdline} when it loads and overflows its stack on a
   * very long one (a multi-kilobyte {@code -cp}), killing the JVM with SIGSEGV.
   */
  static ProcessBuilder builder(List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    return pb;
  }
}
