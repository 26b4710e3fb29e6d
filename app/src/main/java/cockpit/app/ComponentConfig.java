package cockpit.app;

import cockpit.dialogue.DialogueOptions;
import cockpit.dialogue.generate.SamplingOptions;
import cockpit.npu.model.ModelVariant;
import cockpit.npu.model.Profile;
import cockpit.npu.runtime.ExecutionProvider;
import cockpit.npu.runtime.QnnOptions;
import cockpit.npu.runtime.RuntimeOptions;
import java.time.Duration;
import java.util.Map;

/** Turns the {@code npu.*}, {@code model.*} and {@code dialogue.*} keys into the modules' options. */
final class ComponentConfig {
  private ComponentConfig() {}

  static void validate(CockpitConfig c) {
    runtime(c);
    dialogue(c);
    profile(c);
    c.path("model.dir");
    c.number("model.generate-seed", 0);
    variant(c);
  }

  static ModelVariant variant(CockpitConfig c) {
    try {
      return ModelVariant.parse(c.get("model.variant"));
    } catch (IllegalArgumentException e) {
      throw new CockpitConfig.ConfigException("model.variant: " + e.getMessage());
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
        (int) c.number("npu.inference-threads", 1), 64);
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
          (int) c.number("dialogue.max-utterance-chars", 1), s, c.get("dialogue.system-prompt"));
    } catch (IllegalArgumentException e) {
      throw new CockpitConfig.ConfigException("dialogue: " + e.getMessage());
    }
  }
}
