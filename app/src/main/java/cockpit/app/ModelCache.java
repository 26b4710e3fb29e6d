package cockpit.app;

import cockpit.npu.model.Profile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --cache} option of the commands that generate models on demand (a picocli mixin). */
final class ModelCache {
  @Option(names = "--cache", description = "Where generated models are kept (default ~/.cache/cockpit/models).")
  Path cache;

  /** The cache directory: {@code --cache}, or {@code ~/.cache/cockpit/models}. */
  Path dir() {
    return cache != null ? cache : Path.of(System.getProperty("user.home"), ".cache", "cockpit", "models");
  }

  /** A {@code --profiles} value ("tiny,small") as profiles. */
  static List<Profile> profiles(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Profile::parse).toList();
  }
}
