package cockpit.lm.generate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Test oracle, independent of the grammar: checks a parsed document against a schema of the supported
 * subset, with the package's documented choices (every property present, in order; string charset).
 */
final class SchemaSubsetValidator {
  static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private SchemaSubsetValidator() {}

  /** Problems found, empty when the value conforms. */
  static List<String> validate(JsonNode schema, JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(schema, value, "$", problems);
    return problems;
  }

  private static void check(JsonNode schema, JsonNode v, String at, List<String> out) {
    if (schema.has("enum") || schema.has("const")) {
      JsonNode options = schema.has("enum") ? schema.get("enum") : JSON.createArrayNode().add(schema.get("const"));
      boolean found = false;
      for (JsonNode o : options) {
        found |= o.isNumber() && v.isNumber() ? o.decimalValue().compareTo(v.decimalValue()) == 0 : o.equals(v);
      }
      if (!found) {
        out.add(at + ": " + v + " not in " + options);
      }
      return;
    }
    switch (schema.get("type").asText()) {
      case "object" -> {
        List<String> expected = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(expected::add);
        List<String> actual = new ArrayList<>();
        v.fieldNames().forEachRemaining(actual::add);
        if (!v.isObject() || !expected.equals(actual)) {
          out.add(at + ": expected an object with keys " + expected + ", got " + v);
          return;
        }
        for (Iterator<String> it = expected.iterator(); it.hasNext();) {
          String k = it.next();
          check(schema.get("properties").get(k), v.get(k), at + "." + k, out);
        }
      }
      case "array" -> {
        int max = schema.path("maxItems").asInt(8);
        if (!v.isArray() || v.size() < schema.path("minItems").asInt(0) || v.size() > max) {
          out.add(at + ": expected an array of " + schema.path("minItems").asInt(0) + ".." + max + ", got " + v);
          return;
        }
        for (int i = 0; i < v.size(); i++) {
          check(schema.get("items"), v.get(i), at + "[" + i + "]", out);
        }
      }
      case "string" -> {
        String s = v.isTextual() ? v.asText() : null;
        if (s == null || s.length() < schema.path("minLength").asInt(0)
            || s.length() > schema.path("maxLength").asInt(64)
            || !s.chars().allMatch(c -> c >= 0x20 && c <= 0x7E && c != '"' && c != '\\')) {
          out.add(at + ": bad string " + v);
        }
      }
      case "integer" -> {
        if (!v.isIntegralNumber() || v.asText().replace("-", "").length() > 9) {
          out.add(at + ": expected an integer of at most 9 digits, got " + v);
        } else {
          range(schema, v.decimalValue(), at, out);
        }
      }
      case "number" -> {
        if (!v.isNumber() || v.decimalValue().scale() > 6
            || v.decimalValue().abs().compareTo(BigDecimal.valueOf(1e9)) >= 0) {
          out.add(at + ": expected a number with <= 9 integer and <= 6 fraction digits, got " + v);
        } else {
          range(schema, v.decimalValue(), at, out);
        }
      }
      case "boolean" -> {
        if (!v.isBoolean()) {
          out.add(at + ": expected a boolean, got " + v);
        }
      }
      case "null" -> {
        if (!v.isNull()) {
          out.add(at + ": expected null, got " + v);
        }
      }
      default -> out.add(at + ": unknown type in schema " + schema);
    }
  }

  private static void range(JsonNode schema, BigDecimal d, String at, List<String> out) {
    if (schema.has("minimum") && d.compareTo(schema.get("minimum").decimalValue()) < 0
        || schema.has("maximum") && d.compareTo(schema.get("maximum").decimalValue()) > 0) {
      out.add(at + ": " + d + " outside [" + schema.path("minimum") + ", " + schema.path("maximum") + "]");
    }
  }
}
