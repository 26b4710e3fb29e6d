package cockpit.npu.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to one JSON object of a config file, with errors that name the file and the key path
 * ({@code config.json: text_config.hidden_size must be a positive integer, got "abc"}). A key whose
 * value is JSON {@code null} counts as absent, as Python's {@code None} does for Hugging Face.
 */
final class JsonFields {
  private final JsonNode node;
  private final String source;
  private final String prefix;

  JsonFields(JsonNode node, String source, String prefix) {
    this.node = node;
    this.source = source;
    this.prefix = prefix;
  }

  /** The object under {@code key}, or null when absent; an error when it is not an object. */
  JsonFields child(String key) {
    if (!has(key)) {
      return null;
    }
    if (!node.get(key).isObject()) {
      throw error(key, "must be an object", node.get(key));
    }
    return new JsonFields(node.get(key), source, prefix + key + ".");
  }

  boolean has(String key) {
    JsonNode v = node.get(key);
    return v != null && !v.isNull();
  }

  JsonNode raw(String key) {
    return has(key) ? node.get(key) : NullNode.getInstance();
  }

  String string(String key, String dflt) {
    if (!has(key)) {
      return dflt;
    }
    if (!node.get(key).isTextual()) {
      throw error(key, "must be a string", node.get(key));
    }
    return node.get(key).textValue();
  }

  int positiveInt(String key, int dflt) {
    return has(key) ? positiveInt(key) : dflt;
  }

  int positiveInt(String key) {
    int v = integer(key);
    if (v <= 0) {
      throw error(key, "must be a positive integer", node.get(key));
    }
    return v;
  }

  int nonNegativeInt(String key, int dflt) {
    if (!has(key)) {
      return dflt;
    }
    int v = integer(key);
    if (v < 0) {
      throw error(key, "must be a non-negative integer", node.get(key));
    }
    return v;
  }

  long longValue(String key, long dflt) {
    JsonNode v = node.get(key);
    if (!has(key)) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw error(key, "must be an integer", v);
    }
    return v.longValue();
  }

  private int integer(String key) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(source + ": " + prefix + key + " is missing");
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw error(key, "must be a positive integer", v);
    }
    return v.intValue();
  }

  double positiveDouble(String key, double dflt) {
    if (!has(key)) {
      return dflt;
    }
    JsonNode v = node.get(key);
    if (!v.isNumber() || !(v.doubleValue() > 0) || Double.isInfinite(v.doubleValue())) {
      throw error(key, "must be a positive number", v);
    }
    return v.doubleValue();
  }

  boolean bool(String key, boolean dflt) {
    if (!has(key)) {
      return dflt;
    }
    if (!node.get(key).isBoolean()) {
      throw error(key, "must be true or false", node.get(key));
    }
    return node.get(key).booleanValue();
  }

  /** The array under {@code key} (an error when absent or not an array). */
  List<JsonNode> array(String key) {
    JsonNode v = node.get(key);
    if (v == null || !v.isArray()) {
      throw v == null || v.isNull() ? new IllegalArgumentException(source + ": " + prefix + key + " is missing")
          : error(key, "must be an array", v);
    }
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }

  /** An error about {@code key} (or a sub-path like {@code stages[1][0]}) showing the offending value. */
  IllegalArgumentException error(String key, String what, JsonNode value) {
    return new IllegalArgumentException(source + ": " + prefix + key + " " + what + ", got " + value);
  }

  /** An error about this object as a whole, e.g. a record's own validation. */
  IllegalArgumentException error(String what) {
    String where = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1) + ": ";
    return new IllegalArgumentException(source + ": " + where + what);
  }
}
