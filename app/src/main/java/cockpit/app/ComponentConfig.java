package cockpit.app;

import cockpit.app.http.HttpOptions;
import cockpit.dialogue.DialogueOptions;
import cockpit.lm.Backend;
import cockpit.lm.generate.SamplingOptions;
import cockpit.npu.model.ModelDirectory;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.Profile;
import cockpit.dialogue.snapshot.SnapshotLimits;
import cockpit.npu.runtime.ExecutionProvider;
import cockpit.npu.runtime.FairShare;
import cockpit.npu.runtime.NpuRuntime;
import cockpit.npu.runtime.QnnOptions;
import cockpit.npu.runtime.RuntimeOptions;
import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the {@code npu.*}, {@code model.*}, {@code dialogue.*}, {@code perception.*}, {@code http.*} keys into
 * the modules' options. */
final class ComponentConfig {
  private ComponentConfig() {}

  static void validate(CockpitConfig c) {
    runtime(c);
    dialogue(c);
    snapshotLimits(c);
    profile(c);
    c.number("model.generate-seed", 0);
    tasks(c);
    variant(c);
    reference(c);
    c.flag("perception.change-gate");
    c.flag("perception.fork-prefix");
    c.flag("bus.kuksa-mirror");
    alertRules(c);
    c.flag("dialogue.context");
    c.flag("dialogue.context-time");
    timeZone(c);
    c.number("model.feature-cache-frames", 1);
    Path dir = c.path("model.dir");
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new CockpitConfig.ConfigException("model.dir = " + dir + " is a file, not a directory; point model.dir"
          + " at a model directory (" + ModelDirectory.CONFIG + ", " + ModelDirectory.WEIGHTS + ", "
          + ModelDirectory.ONNX_DIR + "/), or at a new directory to generate the default model into");
    }
    if (c.flag("dialogue.enabled") && hasModel(dir) && !c.get("model.backend").trim().equalsIgnoreCase("reference")
        && !hasDecoderGraphs(dir)) {
      throw new CockpitConfig.ConfigException("model.dir = " + dir + " has weights but no ONNX graphs ("
          + ModelDirectory.ONNX_DIR + "/" + ModelDirectory.DECODER_PREFILL_ONNX + " is missing); build them with"
          + " `cockpit model import " + dir + "` (add --quantize w4a16 for model.variant=w4a16), or set"
          + " model.backend=reference");
    }
    if (c.flag("dialogue.enabled") && !c.flag("model.generate-if-missing") && !hasModel(dir)) {
      throw new CockpitConfig.ConfigException("model.dir = " + dir + " holds no model (no "
          + ModelDirectory.CONFIG + ") and model.generate-if-missing is false; generate one with"
          + " `cockpit model generate --out " + dir + "`, point model.dir at a model directory, or set"
          + " model.generate-if-missing=true");
    }
    if (c.flag("http.enabled")) {
      http(c);
    }
    c.number("shutdown.deadline-ms");
  }

  /** Whether {@code dir} holds decoder graphs of some variant (float, or written by an import with --quantize). */
  private static boolean hasDecoderGraphs(Path dir) {
    for (ModelVariant v : ModelVariant.values()) {
      if (Files.isRegularFile(ModelDirectory.onnx(dir, v.prefillFile()))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code dir} holds a model (its config.json). */
  static boolean hasModel(Path dir) {
    return Files.isRegularFile(dir.resolve(ModelDirectory.CONFIG));
  }

  static HttpOptions http(CockpitConfig c) {
    long port = c.number("http.port", 0);
    if (port > 65535) {
      throw new CockpitConfig.ConfigException("http.port = " + port + " is not a TCP port; use 1-65535, or 0 for"
          + " any free port");
    }
    try {
      return new HttpOptions(c.get("http.host").trim(), (int) port, c.list("http.allowed-hosts"));
    } catch (IllegalArgumentException e) {
      throw new CockpitConfig.ConfigException(e.getMessage());
    }
  }

  /** The built-in perception tasks named in {@code perception.tasks}, in that order. */
  static List<PerceptionTask> tasks(CockpitConfig c) {
    Map<String, PerceptionTask> known = new LinkedHashMap<>();
    PerceptionTasks.defaults().forEach(t -> known.put(t.name(), t));
    List<PerceptionTask> out = new ArrayList<>();
    for (String name : c.list("perception.tasks")) {
      PerceptionTask t = known.get(name);
      if (t == null) {
        throw new CockpitConfig.ConfigException("perception.tasks: unknown task '" + name + "'; known tasks: "
            + String.join(", ", known.keySet()));
      }
      out.add(t);
    }
    return out;
  }

  static ModelVariant variant(CockpitConfig c) {
    try {
      return ModelVariant.parse(c.get("model.variant"));
    } catch (IllegalArgumentException e) {
      throw new CockpitConfig.ConfigException("model.variant: " + e.getMessage());
    }
  }

  /** The backend of {@code model.backend}, ONNX Runtime ones on {@code runtime}. */
  static Backend backend(CockpitConfig c, NpuRuntime runtime) {
    return reference(c) ? new Backend.Reference() : new Backend.Ort(runtime, variant(c));
  }

  /**
   * Whether {@code model.backend} is {@code reference} (plain Java, float weights only) rather than
   * {@code ort} (ONNX Runtime, the graphs of {@code model.variant}).
   */
  static boolean reference(CockpitConfig c) {
    String b = c.get("model.backend").trim().toLowerCase(java.util.Locale.ROOT);
    switch (b) {
      case "ort" -> {
        return false;
      }
      case "reference" -> {
        if (variant(c) != ModelVariant.FLOAT) {
          throw new CockpitConfig.ConfigException("model.backend = reference runs float weights only, but"
              + " model.variant = " + variant(c).id() + "; set model.variant=float or model.backend=ort");
        }
        return true;
      }
      default -> throw new CockpitConfig.ConfigException("model.backend: unknown backend '" + b + "'; use ort"
          + " (ONNX Runtime) or reference (plain Java, tiny and small models)");
    }
  }

  static RuntimeOptions runtime(CockpitConfig c) {
    ExecutionProvider p;
    try {
      p = ExecutionProvider.parse(c.get("npu.provider"));
    } catch (IllegalArgumentException e) {
      throw new CockpitConfig.ConfigException("npu.provider: " + e.getMessage());
    }
    QnnOptions q;
    try { // validated whatever the provider, so a typo is caught before a QNN device is used
      q = new QnnOptions(c.get("npu.qnn.backend-path"), c.get("npu.qnn.htp-performance-mode"),
          c.flag("npu.qnn.context-cache"), c.get("npu.qnn.context-file"));
    } catch (IllegalArgumentException e) {
      throw new CockpitConfig.ConfigException("npu.qnn: " + e.getMessage());
    }
    Map<String, String> providerOptions = p == ExecutionProvider.QNN ? q.toProviderOptions() : Map.of();
    return new RuntimeOptions(p, providerOptions, (int) c.number("npu.intra-op-threads", 0),
        (int) c.number("npu.inference-threads", 1), 64, fairShare(c));
  }

  /** {@code npu.dialogue-share} and {@code npu.safety-burst}: how far safety may keep dialogue waiting. */
  static FairShare fairShare(CockpitConfig c) {
    long burst = c.number("npu.safety-burst", 1);
    if (burst > 10_000) {
      throw new CockpitConfig.ConfigException("npu.safety-burst = " + burst + " would let safety keep dialogue"
          + " waiting for ten thousand jobs; use 1-10000 (default " + FairShare.DEFAULT.safetyBurst() + ")");
    }
    double share = c.decimal("npu.dialogue-share", 0);
    if (share > 0.9) {
      throw new CockpitConfig.ConfigException("npu.dialogue-share = " + share + " leaves safety less than a tenth"
          + " of the inference time; use 0-0.9 (default " + FairShare.DEFAULT.dialogueShare() + ", 0 = count only)");
    }
    return FairShare.DEFAULT.withSafetyBurst((int) burst).withDialogueShare(share);
  }

  /**
   * {@code dialogue.snapshot-max-files} and {@code -max-bytes}; the file cap must leave room for every
   * resident session, whose snapshots are never deleted.
   */
  static SnapshotLimits snapshotLimits(CockpitConfig c) {
    long files = c.number("dialogue.snapshot-max-files", 1);
    long sessions = c.number("dialogue.max-sessions", 1);
    if (files < sessions || files > Integer.MAX_VALUE) {
      throw new CockpitConfig.ConfigException("dialogue.snapshot-max-files = " + files + " must be at least"
          + " dialogue.max-sessions (" + sessions + "): the snapshots of resident sessions are never deleted");
    }
    return new SnapshotLimits((int) files, c.number("dialogue.snapshot-max-bytes", 1));
  }

  static Profile profile(CockpitConfig c) {
    try {
      return Profile.parse(c.get("model.generate-profile"));
    } catch (IllegalArgumentException e) {
      throw new CockpitConfig.ConfigException("model.generate-profile: " + e.getMessage());
    }
  }

  static DialogueOptions dialogue(CockpitConfig c) {
    try {
      SamplingOptions s = SamplingOptions.defaults().withTemperature(c.decimal("dialogue.temperature", 0))
          .withSeed(c.number("dialogue.seed", 0)).withMaxNewTokens((int) c.number("dialogue.max-new-tokens", 1));
      return new DialogueOptions((int) c.number("dialogue.max-sessions", 1),
          c.number("dialogue.memory-budget-bytes", 1), Duration.ofSeconds(c.number("dialogue.idle-expiry-s", 1)),
          c.flag("dialogue.snapshot-each-turn"), c.path("dialogue.snapshot-dir"),
          (int) c.number("dialogue.max-utterance-chars", 1), s, c.get("dialogue.system-prompt"),
          (int) c.number("dialogue.max-pending-turns", 1), (int) c.number("dialogue.max-images-per-turn", 0));
    } catch (IllegalArgumentException e) {
      throw new CockpitConfig.ConfigException("dialogue: " + e.getMessage());
    }
  }

  /** The alert rules' thresholds, with {@code perception.alert-min-confidence}. */
  static cockpit.perception.alert.AlertRulesConfig alertRules(CockpitConfig c) {
    double min = c.decimal("perception.alert-min-confidence", 0);
    if (min > 1) {
      throw new CockpitConfig.ConfigException("perception.alert-min-confidence = " + min + " is not a confidence;"
          + " use 0..1");
    }
    return cockpit.perception.alert.AlertRulesConfig.defaults().withMinConfidence((float) min);
  }

  /** {@code dialogue.time-zone}: {@code system} or a zone id such as {@code Europe/Berlin}. */
  static java.time.ZoneId timeZone(CockpitConfig c) {
    String z = c.get("dialogue.time-zone").trim();
    if (z.equals("system")) {
      return java.time.ZoneId.systemDefault();
    }
    try {
      return java.time.ZoneId.of(z);
    } catch (java.time.DateTimeException e) {
      throw new CockpitConfig.ConfigException("dialogue.time-zone = " + z + " is not a time zone; use system or a"
          + " zone id such as Europe/Berlin or UTC");
    }
  }
}
