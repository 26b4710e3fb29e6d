package cockpit.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny generated model the app tests share (generated once per JVM, like the launcher does). */
final class TestModels {
  private static Path tiny;

  private TestModels() {}

  static synchronized Path tiny() throws Exception {
    if (tiny == null) {
      Path d = Files.createTempDirectory("cockpit-app-tiny-");
      ModelCommand.generate(cockpit.npu.model.Profile.TINY, 42, d, 16, false);
      tiny = d;
    }
    return tiny;
  }
}
