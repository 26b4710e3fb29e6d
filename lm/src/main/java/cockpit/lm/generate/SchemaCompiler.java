package cockpit.lm.generate;

import cockpit.lm.generate.GrammarNode.Array;
import cockpit.lm.generate.GrammarNode.Literals;
import cockpit.lm.generate.GrammarNode.Number;
import cockpit.lm.generate.GrammarNode.Sequence;
import cockpit.lm.generate.GrammarNode.Text;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Turns the JSON Schema subset of {@link JsonSchemaGrammar} into grammar nodes. One use; not thread-safe. */
final class SchemaCompiler {
  private static final Set<String> ANNOTATIONS =
      Set.of("$schema", "$id", "$comment", "title", "description", "default", "examples");
  private static final Map<String, Set<String>> KEYWORDS = Map.of(
      "object", Set.of("properties", "required", "additionalProperties"),
      "string", Set.of("minLength", "maxLength"),
      "integer", Set.of("minimum", "maximum"),
      "number", Set.of("minimum", "maximum"),
      "boolean", Set.of(),
      "null", Set.of(),
      "array", Set.of("items", "minItems", "maxItems"));
  private static final int DEFAULT_MAX_LENGTH = 64;
  private static final int DEFAULT_MAX_ITEMS = 8;

  private final List<GrammarNode> nodes = new ArrayList<>();

  JsonSchemaGrammar compile(JsonNode schema) {
    int root = node(schema, "");
    return new JsonSchemaGrammar(nodes, root);
  }

  private int node(JsonNode schema, String at) {
    if (!schema.isObject()) {
      throw error(at, "a schema must be a JSON object, got " + schema.getNodeType());
    }
    JsonNode type = schema.get("type");
    if (type != null && !type.isTextual()) {
      throw error(at, "'type' must be one string (type lists are not supported), got " + type);
    }
    String t = type == null ? null : type.asText();
    if (t != null && !KEYWORDS.containsKey(t)) {
      throw error(at, "unsupported type '" + t + "'");
    }
    boolean literal = schema.has("enum") || schema.has("const");
    if (t == null && !literal) {
      throw error(at, "a schema needs 'type', 'enum' or 'const'");
    }
    for (Iterator<String> it = schema.fieldNames(); it.hasNext();) {
      String k = it.next();
      boolean allowed = ANNOTATIONS.contains(k) || k.equals("type")
          || (literal && (k.equals("enum") || k.equals("const")))
          || (!literal && t != null && KEYWORDS.get(t).contains(k));
      if (!allowed) {
        throw error(at, "unsupported keyword '" + k + "'"
            + (literal ? " (next to enum/const only 'type' and annotations are allowed)" : " for type " + t));
      }
    }
    if (literal) {
      return literals(schema, t, at);
    }
    return switch (t) {
      case "object" -> object(schema, at);
      case "string" -> string(schema, at);
      case "integer" -> number(schema, 0, at);
      case "number" -> number(schema, 6, at);
      case "boolean" -> add(literalSet(List.of("false", "true")));
      case "null" -> add(literalSet(List.of("null")));
      case "array" -> array(schema, at);
      default -> throw new AssertionError(t);
    };
  }

  private int object(JsonNode schema, String at) {
    JsonNode props = schema.path("properties");
    if (!props.isMissingNode() && !props.isObject()) {
      throw error(at + "/properties", "'properties' must be an object");
    }
    List<String> names = new ArrayList<>();
    props.fieldNames().forEachRemaining(names::add);
    JsonNode required = schema.path("required");
    if (!required.isMissingNode()) {
      if (!required.isArray()) {
        throw error(at + "/required", "'required' must be an array of property names");
      }
      for (JsonNode r : required) {
        if (!r.isTextual() || !props.has(r.asText())) {
          throw error(at + "/required", "required property " + r + " is not declared in 'properties'");
        }
      }
    }
    if (names.isEmpty()) {
      return add(new Sequence(new byte[][] {utf8("{}")}, new int[0]));
    }
    byte[][] literals = new byte[names.size() + 1][];
    int[] children = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String key = new TextNode(names.get(i)).toString();
      literals[i] = utf8((i == 0 ? "{" : ",") + key + ":");
      children[i] = node(props.get(names.get(i)), at + "/properties/" + pointer(names.get(i)));
    }
    literals[names.size()] = utf8("}");
    return add(new Sequence(literals, children));
  }

  private int string(JsonNode schema, String at) {
    int min = count(schema, "minLength", 0, at);
    int max = count(schema, "maxLength", DEFAULT_MAX_LENGTH, at);
    if (min > max) {
      throw error(at, "minLength " + min + " exceeds maxLength " + max);
    }
    return add(new Text(min, max));
  }

  private int array(JsonNode schema, String at) {
    if (!schema.has("items")) {
      throw error(at, "an array needs 'items' (one schema)");
    }
    int item = node(schema.get("items"), at + "/items");
    int min = count(schema, "minItems", 0, at);
    int max = count(schema, "maxItems", DEFAULT_MAX_ITEMS, at);
    if (min > max) {
      throw error(at, "minItems " + min + " exceeds maxItems " + max);
    }
    return add(new Array(item, min, max));
  }

  private int number(JsonNode schema, int fractionDigits, String at) {
    BigDecimal unit = BigDecimal.TEN.pow(fractionDigits);
    long limit = (NumberFrames.MAX_INTEGER_PART + 1) * unit.longValueExact() - 1;
    long min = -limit;
    long max = limit;
    if (schema.has("minimum")) {
      BigDecimal v = decimal(schema, "minimum", at).multiply(unit).setScale(0, RoundingMode.CEILING);
      min = v.compareTo(BigDecimal.valueOf(-limit)) < 0 ? -limit : v.min(BigDecimal.valueOf(limit + 1)).longValue();
    }
    if (schema.has("maximum")) {
      BigDecimal v = decimal(schema, "maximum", at).multiply(unit).setScale(0, RoundingMode.FLOOR);
      max = v.compareTo(BigDecimal.valueOf(limit)) > 0 ? limit : v.max(BigDecimal.valueOf(-limit - 1)).longValue();
    }
    if (min > max) {
      throw error(at, "no " + (fractionDigits == 0 ? "integer" : "number") + " with at most 9 integer digits"
          + (fractionDigits == 0 ? "" : " and 6 fraction digits") + " lies in [minimum, maximum]");
    }
    return add(new Number(fractionDigits, min, max));
  }

  private int literals(JsonNode schema, String type, String at) {
    if (schema.has("enum") && schema.has("const")) {
      throw error(at, "use either 'enum' or 'const', not both");
    }
    List<JsonNode> values = new ArrayList<>();
    if (schema.has("const")) {
      values.add(schema.get("const"));
    } else if (schema.get("enum").isArray() && !schema.get("enum").isEmpty()) {
      schema.get("enum").forEach(values::add);
    } else {
      throw error(at + "/enum", "'enum' must be a non-empty array");
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode v : values) {
      if (!v.isValueNode()) {
        throw error(at, "enum/const values must be strings, numbers, booleans or null, got " + v);
      }
      if (type != null && !matches(v, type)) {
        throw error(at, "enum/const value " + v + " is not of type " + type);
      }
      texts.add(v.toString());
    }
    return add(literalSet(texts));
  }

  private static boolean matches(JsonNode v, String type) {
    return switch (type) {
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      default -> false;
    };
  }

  private static Literals literalSet(List<String> texts) {
    TreeSet<byte[]> sorted = new TreeSet<>(Arrays::compareUnsigned);
    for (String t : texts) {
      sorted.add(utf8(t));
    }
    return new Literals(sorted.toArray(new byte[0][]));
  }

  private static int count(JsonNode schema, String keyword, int fallback, String at) {
    JsonNode v = schema.get(keyword);
    if (v == null) {
      return fallback;
    }
    if (!v.canConvertToExactIntegral() || !v.canConvertToInt() || v.asInt() < 0) {
      throw error(at + "/" + keyword, "'" + keyword + "' must be a non-negative integer, got " + v);
    }
    return v.asInt();
  }

  private static BigDecimal decimal(JsonNode schema, String keyword, String at) {
    JsonNode v = schema.get(keyword);
    if (!v.isNumber()) {
      throw error(at + "/" + keyword, "'" + keyword + "' must be a number, got " + v);
    }
    return v.decimalValue();
  }

  private int add(GrammarNode node) {
    nodes.add(node);
    return nodes.size() - 1;
  }

  private static String pointer(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException error(String at, String message) {
    return new IllegalArgumentException("schema " + (at.isEmpty() ? "/" : at) + ": " + message);
  }
}
