package cockpit.app;

import cockpit.bus.bridge.BridgeOptions;
import cockpit.bus.zenoh.Config;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The component's configuration: built-in defaults, then a YAML file, then environment variables
 * ({@code COCKPIT_ZENOH_MODE} for {@code zenoh.mode}), then {@code --set key=value}. Every key is in
 * {@link #DEFAULTS} and in README; an unknown key or a bad value fails with a message naming the key. A
 * {@code COCKPIT_*} environment variable that names no key is not an error (other tools share the prefix) but a
 * {@link #warnings() warning} naming the nearest key, which the launcher prints.
 *
 * @param values every key's value
 * @param warnings what the launcher should tell the user about the sources (one line each), not errors
 */
public record CockpitConfig(Map<String, String> values, List<String> warnings) {
  /** {@code COCKPIT_*} variables of the project's scripts, not configuration keys. */
  static final java.util.Set<String> SCRIPT_VARIABLES = java.util.Set.of("COCKPIT_HOME", "COCKPIT_CHROMIUM");

  public CockpitConfig {
    values = Map.copyOf(values);
    warnings = List.copyOf(warnings);
  }

  /** Every key with its default. Lists are comma-separated ({@link #SEMICOLON_LISTS}: semicolon-separated). */
  public static final Map<String, String> DEFAULTS = defaults();
  /** Keys whose items contain commas themselves: a YAML list becomes one {@code ;}-separated value. */
  static final java.util.Set<String> SEMICOLON_LISTS = java.util.Set.of("zenoh.acl.rules");

  private static Map<String, String> defaults() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("vin", "DEMO0VIN000000001");
    d.put("component-id", "cockpit");
    d.put("zenoh.mode", "peer");
    d.put("zenoh.listen", "tcp/127.0.0.1:7447");
    d.put("zenoh.connect", "");
    d.put("zenoh.multicast-scouting", "false");
    d.put("zenoh.log-level", "error");
    d.put("zenoh.config-file", "");
    d.put("zenoh.protocols", "");
    d.put("zenoh.tls.root-ca", "");
    d.put("zenoh.tls.certificate", "");
    d.put("zenoh.tls.private-key", "");
    d.put("zenoh.tls.mtls", "false");
    d.put("zenoh.tls.verify-name", "true");
    d.put("zenoh.acl.enabled", "false");
    d.put("zenoh.acl.default-permission", "allow");
    d.put("zenoh.acl.rules", "");
    d.put("zenoh.reconnect-ms", "500");
    d.put("bus.max-payload-bytes", Integer.toString(BridgeOptions.DEFAULT_MAX_PAYLOAD_BYTES));
    d.put("bus.error-reports-per-second", Integer.toString(BridgeOptions.DEFAULT_ERROR_REPORTS_PER_SECOND));
    d.put("bus.max-cameras", Integer.toString(BridgeOptions.DEFAULT_MAX_CAMERAS));
    d.put("bus.camera-ack-timeout-ms", "5000");
    d.put("bus.kuksa-mirror", "false");
    d.put("shutdown.deadline-ms", "15000");
    d.put("http.enabled", "true");
    d.put("http.host", "127.0.0.1");
    d.put("http.port", "8080");
    d.put("http.allowed-hosts", "");
    d.put("model.dir", "~/.cache/cockpit/models/tiny-seed42");
    d.put("model.generate-if-missing", "true");
    d.put("model.generate-profile", "tiny");
    d.put("model.generate-seed", "42");
    d.put("model.variant", "float");
    d.put("model.backend", "ort");
    d.put("npu.qnn.backend-path", "libQnnHtp.so");
    d.put("npu.qnn.htp-performance-mode", "burst");
    d.put("npu.qnn.context-cache", "false");
    d.put("npu.qnn.context-file", "");
    d.put("npu.provider", "cpu");
    d.put("npu.intra-op-threads", "0");
    d.put("npu.inference-threads", "1");
    d.put("npu.dialogue-share", Double.toString(cockpit.npu.runtime.FairShare.DEFAULT.dialogueShare()));
    d.put("npu.safety-burst", Integer.toString(cockpit.npu.runtime.FairShare.DEFAULT.safetyBurst()));
    d.put("perception.enabled", "true");
    d.put("perception.change-gate", "true");
    d.put("perception.fork-prefix", "true");
    d.put("perception.alert-min-confidence", "0.5");
    d.put("perception.tasks", "occupancy,driver_monitoring,child_presence,door_hazard,greeter,car_finder");
    d.put("dialogue.enabled", "true");
    d.put("dialogue.snapshot-dir", "~/.cache/cockpit/sessions");
    d.put("dialogue.snapshot-each-turn", "true");
    d.put("dialogue.snapshot-max-files", "256");
    d.put("dialogue.snapshot-max-bytes", Long.toString(4L << 30));
    d.put("dialogue.max-sessions", "8");
    d.put("dialogue.memory-budget-bytes", Long.toString(2L << 30));
    d.put("dialogue.idle-expiry-s", "1800");
    d.put("dialogue.max-utterance-chars", "2000");
    d.put("dialogue.max-new-tokens", "256");
    d.put("dialogue.temperature", "0.3");
    d.put("dialogue.seed", "0");
    d.put("dialogue.system-prompt", "You are the in-car assistant. Answer briefly.");
    d.put("dialogue.max-pending-turns", Integer.toString(cockpit.dialogue.DialogueOptions.DEFAULT_MAX_PENDING_TURNS));
    d.put("dialogue.max-images-per-turn",
        Integer.toString(cockpit.dialogue.DialogueOptions.DEFAULT_MAX_IMAGES_PER_TURN));
    d.put("dialogue.context", "true");
    d.put("dialogue.context-time", "true");
    d.put("dialogue.time-zone", "system");
    d.put("model.feature-cache-frames", "8");
    return java.util.Collections.unmodifiableMap(d);
  }

  /** Defaults overlaid with {@code file} (may be null), the environment and {@code sets}. */
  public static CockpitConfig load(Path file, Map<String, String> env, List<String> sets) {
    Map<String, String> v = new TreeMap<>(DEFAULTS);
    if (file != null) {
      flatten("", readYaml(file), v, file.toString());
    }
    List<String> warnings = new ArrayList<>();
    new TreeMap<>(env).forEach((name, value) -> {
      if (name.startsWith("COCKPIT_") && !SCRIPT_VARIABLES.contains(name)) {
        String key = fromEnv(name);
        if (key == null) {
          warnings.add(unknownVariable(name));
        } else {
          v.put(key, value);
        }
      }
    });
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--set expects key=value, got '" + s + "'");
      }
      String key = s.substring(0, eq).trim();
      requireKnown(key, "--set " + s);
      v.put(key, s.substring(eq + 1).trim());
    }
    CockpitConfig c = new CockpitConfig(v, warnings);
    c.bridgeOptions(); // validates every value once, at load
    ComponentConfig.validate(c);
    return c;
  }

  /** Environment name of a key: {@code zenoh.multicast-scouting} is COCKPIT_ZENOH_MULTICAST_SCOUTING. */
  public static String envName(String key) {
    return "COCKPIT_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The key whose environment name is {@code name}, or null. */
  private static String fromEnv(String name) {
    for (String k : DEFAULTS.keySet()) {
      if (envName(k).equals(name)) {
        return k;
      }
    }
    return null;
  }

  private static String unknownVariable(String name) {
    String best = null;
    int bestDistance = 4; // a plausible typo: at most 3 edits (a swap of two letters is 2)
    for (String k : DEFAULTS.keySet()) {
      int d = editDistance(name, envName(k));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return "environment variable " + name + " names no configuration key and is ignored" + (best == null
        ? "; the keys' variables are COCKPIT_ + the key in upper case with . and - as _ (README, Configuration)"
        : "; did you mean " + envName(best) + " (" + best + ")?");
  }

  private static void requireKnown(String key, String where) {
    if (!DEFAULTS.containsKey(key)) {
      String near = closest(key);
      throw new ConfigException("unknown configuration key '" + key + "' (from " + where + ")"
          + (near == null ? "" : "; did you mean '" + near + "'?") + " Known keys: "
          + String.join(", ", DEFAULTS.keySet()));
    }
  }

  /** The known key nearest to {@code key} by edit distance, if it is a plausible typo (at most 3 edits). */
  private static String closest(String key) {
    String best = null;
    int bestDistance = 4;
    for (String k : DEFAULTS.keySet()) {
      int d = editDistance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static Object readYaml(Path file) {
    try (Reader r = Files.newBufferedReader(file)) {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ConfigException("config file " + file + " does not exist (--config); give the path of a YAML file"
          + " (keys in README, Configuration) or leave --config away for the defaults");
    } catch (java.nio.file.FileSystemException e) {
      throw new ConfigException("cannot read config file " + file + " (--config): "
          + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()));
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + " (--config): " + e.getMessage());
    } catch (RuntimeException e) {
      throw new ConfigException("config file " + file + " is not valid YAML: " + e.getMessage());
    }
  }

  private static void flatten(String prefix, Object node, Map<String, String> out, String file) {
    if (node == null) {
      return;
    }
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, val) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, val, out, file));
      return;
    }
    requireKnown(prefix, file);
    if (node instanceof List<?> l) {
      out.put(prefix, String.join(SEMICOLON_LISTS.contains(prefix) ? ";" : ",", l.stream().map(String::valueOf)
          .toList()));
    } else {
      out.put(prefix, String.valueOf(node));
    }
  }

  public String get(String key) {
    requireKnown(key, "code");
    return values.get(key);
  }

  public List<String> list(String key) {
    String s = get(key);
    List<String> out = new ArrayList<>();
    Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(out::add);
    return out;
  }

  /** A whole number of at least 1. */
  public long number(String key) {
    return number(key, 1);
  }

  /** A whole number of at least {@code min}; otherwise an error naming the key, the value and the fix. */
  public long number(String key, long min) {
    long n;
    try {
      n = Long.parseLong(get(key).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " = '" + get(key) + "' is not a whole number; set a number of at least " + min
          + ", e.g. --set " + key + "=" + DEFAULTS.get(key));
    }
    if (n < min) {
      throw new ConfigException(key + " = " + n + " is too small; it must be at least " + min + " (default "
          + DEFAULTS.get(key) + ")");
    }
    return n;
  }

  /** A decimal number of at least {@code min}; otherwise an error naming the key, the value and the fix. */
  public double decimal(String key, double min) {
    double d;
    try {
      d = Double.parseDouble(get(key).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " = '" + get(key) + "' is not a number; set a number of at least " + min
          + ", e.g. --set " + key + "=" + DEFAULTS.get(key));
    }
    if (!(d >= min)) {
      throw new ConfigException(key + " = " + get(key).trim() + " is too small; it must be at least " + min
          + " (default " + DEFAULTS.get(key) + ")");
    }
    return d;
  }

  /** A path; a leading {@code ~/} means the user's home directory. */
  public java.nio.file.Path path(String key) {
    String s = get(key).trim();
    if (s.isEmpty()) {
      throw new ConfigException(key + " is empty; it must name a directory (default " + DEFAULTS.get(key) + ")");
    }
    return s.startsWith("~/") ? java.nio.file.Path.of(System.getProperty("user.home"), s.substring(2))
        : java.nio.file.Path.of(s);
  }

  public boolean flag(String key) {
    String s = get(key).toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw new ConfigException(key + " = '" + get(key) + "' must be true or false, e.g. --set " + key + "="
          + DEFAULTS.get(key));
    }
    return Boolean.parseBoolean(s);
  }

  /** The Zenoh session configuration these values describe ({@link ZenohKeys}). */
  public Config zenohConfig() {
    return ZenohKeys.zenohConfig(this);
  }

  public BridgeOptions bridgeOptions() {
    long max = number("bus.max-payload-bytes");
    if (max > Integer.MAX_VALUE - 8) {
      throw new ConfigException("bus.max-payload-bytes = " + max + " is larger than a Java array can hold");
    }
    try {
      return new BridgeOptions(get("vin"), get("component-id"), Main.VERSION, zenohConfig(), (int) max,
          Duration.ofMillis(number("bus.camera-ack-timeout-ms")), flag("bus.kuksa-mirror"),
          (int) Math.min(Integer.MAX_VALUE, number("bus.error-reports-per-second")),
          (int) Math.min(Integer.MAX_VALUE, number("bus.max-cameras")));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("invalid configuration: " + e.getMessage());
    }
  }

  /** A configuration error: the message names the key and what to change. */
  public static final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
      super(message);
    }
  }
}
