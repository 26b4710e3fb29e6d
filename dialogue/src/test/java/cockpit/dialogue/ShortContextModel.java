package cockpit.dialogue;

import cockpit.lm.Backend;
import cockpit.lm.LanguageModel;
import cockpit.lm.TinyModel;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared tiny model with a shorter context (its {@code cockpit.context_length} rewritten in a copy
 * of the directory), on the plain-Java backend: crossing a 1024-token context with compactions takes
 * seconds there, where 4096 takes minutes. One model per length per test JVM, never closed.
 */
final class ShortContextModel {
  private static final Map<Integer, LanguageModel> MODELS = new HashMap<>();

  private ShortContextModel() {}

  static synchronized LanguageModel of(int contextLength) throws Exception {
    LanguageModel m = MODELS.get(contextLength);
    if (m == null) {
      Path from = TinyModel.dir();
      Path dir = Files.createTempDirectory("cockpit-tiny-ctx" + contextLength + "-");
      try (var files = Files.list(from)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Files.copy(f, dir.resolve(f.getFileName()));
        }
      }
      ObjectMapper json = new ObjectMapper();
      ObjectNode config = (ObjectNode) json.readTree(dir.resolve("config.json").toFile());
      ((ObjectNode) config.get("cockpit")).put("context_length", contextLength);
      json.writeValue(dir.resolve("config.json").toFile(), config);
      m = LanguageModel.open(dir, new Backend.Reference());
      MODELS.put(contextLength, m);
    }
    return m;
  }
}
