package cockpit.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE} and repeatable {@code --set key=value} of the commands that read the configuration. */
final class ConfigOptions {
  @Option(names = "--config", description = "YAML configuration file (keys in README).")
  Path config;

  @Option(names = "--set", description = "Override one key, e.g. --set zenoh.mode=client (repeatable).")
  List<String> sets = new ArrayList<>();

  /** The configuration: file, then COCKPIT_* environment variables, then {@code defaults}, then {@code --set}. */
  CockpitConfig load(List<String> defaults) {
    List<String> all = new ArrayList<>(defaults);
    all.addAll(sets);
    CockpitConfig c = CockpitConfig.load(config, System.getenv(), all);
    c.warnings().forEach(w -> System.err.println("cockpit: warning: " + w));
    return c;
  }
}
