package cockpit.train.data;

import cockpit.lm.generate.JsonSchemaGrammar;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes a task's ideal answer: the compact JSON document a task's schema describes, its fields
 * taken from a facts tree ({@link AnswerFacts}) — every declared property, in declared order (the
 * runtime's constrained decoder writes every declared property, required or not), facts the schema
 * does not declare left out — and checks it with the runtime's own {@link JsonSchemaGrammar}, so
 * an answer the deployed decoder could not produce is never trained on. Numbers are written as
 * Jackson writes them, integers without a fraction. Immutable and thread-safe.
 */
public final class SchemaAnswer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode schema;
  private final JsonSchemaGrammar grammar;

  /** @throws IllegalArgumentException if the schema is not JSON or not in the runtime's subset */
  public SchemaAnswer(String schema) {
    try {
      this.schema = JSON.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the schema is not JSON: " + e.getOriginalMessage(), e);
    }
    this.grammar = JsonSchemaGrammar.compile(this.schema);
  }

  /** The grammar answers are checked against. */
  public JsonSchemaGrammar grammar() {
    return grammar;
  }

  /**
   * The compact answer for {@code facts}.
   *
   * @throws IllegalArgumentException naming the JSON path of a missing or out-of-range fact, or when
   *     the runtime's grammar rejects the document
   */
  public String write(JsonNode facts) {
    StringBuilder out = new StringBuilder();
    write(schema, facts, "$", out);
    String doc = out.toString();
    if (!grammar.accepts(doc)) {
      throw new IllegalArgumentException("the runtime's grammar rejects the answer " + doc);
    }
    return doc;
  }

  private static void write(JsonNode s, JsonNode v, String path, StringBuilder out) {
    if (v == null || v.isMissingNode()) {
      throw new IllegalArgumentException(path + ": the facts have no value for this field");
    }
    JsonNode options = s.has("enum") ? s.get("enum") : null;
    if (options != null || s.has("const")) {
      boolean found = options == null ? s.get("const").equals(v) : contains(options, v);
      if (!found) {
        throw new IllegalArgumentException(path + ": " + v + " is not one of " + (options == null ? s.get("const")
            : options));
      }
      out.append(v);
      return;
    }
    String type = s.path("type").asText("");
    switch (type) {
      case "object" -> object(s, v, path, out);
      case "array" -> array(s, v, path, out);
      case "string" -> string(s, v, path, out);
      case "integer", "number" -> number(s, v, path, type.equals("integer"), out);
      case "boolean" -> {
        require(v.isBoolean(), path, v, "a boolean");
        out.append(v.booleanValue());
      }
      case "null" -> {
        require(v.isNull(), path, v, "null");
        out.append("null");
      }
      default -> throw new IllegalArgumentException(path + ": schema type \"" + type + "\" is not supported");
    }
  }

  private static void object(JsonNode s, JsonNode v, String path, StringBuilder out) {
    require(v.isObject(), path, v, "an object");
    out.append('{');
    Iterator<Map.Entry<String, JsonNode>> props = s.path("properties").fields();
    boolean first = true;
    while (props.hasNext()) {
      Map.Entry<String, JsonNode> p = props.next();
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append('"').append(p.getKey()).append("\":");
      write(p.getValue(), v.get(p.getKey()), path + "." + p.getKey(), out);
    }
    out.append('}');
  }

  private static void array(JsonNode s, JsonNode v, String path, StringBuilder out) {
    require(v.isArray(), path, v, "an array");
    int min = s.path("minItems").asInt(0);
    int max = s.path("maxItems").asInt(8);
    if (v.size() < min || v.size() > max) {
      throw new IllegalArgumentException(path + ": " + v.size() + " items, the schema allows " + min + ".." + max);
    }
    out.append('[');
    for (int i = 0; i < v.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      write(s.get("items"), v.get(i), path + "[" + i + "]", out);
    }
    out.append(']');
  }

  private static void string(JsonNode s, JsonNode v, String path, StringBuilder out) {
    require(v.isTextual(), path, v, "a string");
    String t = v.textValue();
    if (t.length() < s.path("minLength").asInt(0) || t.length() > s.path("maxLength").asInt(64)) {
      throw new IllegalArgumentException(path + ": \"" + t + "\" has a length outside the schema's bounds");
    }
    for (char c : t.toCharArray()) {
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        throw new IllegalArgumentException(path + ": \"" + t + "\" holds a character the grammar cannot write");
      }
    }
    out.append('"').append(t).append('"');
  }

  private static void number(JsonNode s, JsonNode v, String path, boolean integer, StringBuilder out) {
    require(v.isNumber() && (!integer || v.isIntegralNumber()), path, v, integer ? "an integer" : "a number");
    BigDecimal d = v.decimalValue();
    if (s.has("minimum") && d.compareTo(s.get("minimum").decimalValue()) < 0
        || s.has("maximum") && d.compareTo(s.get("maximum").decimalValue()) > 0) {
      throw new IllegalArgumentException(path + ": " + v + " is outside the schema's bounds");
    }
    out.append(v.isIntegralNumber() ? v.asText() : d.stripTrailingZeros().toPlainString());
  }

  private static boolean contains(JsonNode options, JsonNode v) {
    for (JsonNode o : options) {
      if (o.equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static void require(boolean ok, String path, JsonNode v, String what) {
    if (!ok) {
      throw new IllegalArgumentException(path + ": " + v + " is not " + what);
    }
  }
}
