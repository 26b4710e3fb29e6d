package cockpit.lm.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A JSON Schema compiled to a byte automaton that accepts exactly the compact JSON documents (no
 * whitespace) this package generates for it. Supported subset — anything else is rejected with an
 * {@link IllegalArgumentException} that names the keyword and its JSON-pointer location:
 * <ul>
 *   <li>{@code "type":"object"} with {@code properties} and {@code required} (each entry must be a declared
 *       property). <b>Every</b> declared property is generated, required or not, in declared order, so
 *       output is deterministic in shape; {@code additionalProperties} is accepted and ignored (no extra
 *       properties are ever generated). No {@code properties}: {@code {}}.
 *   <li>{@code "type":"string"} with {@code maxLength} (default 64) and {@code minLength} (default 0).
 *       Characters are printable ASCII (0x20–0x7E) except {@code "} and {@code \}; no escapes.
 *   <li>{@code "type":"integer"} with {@code minimum} / {@code maximum}: {@code -?(0|[1-9][0-9]{0,8})},
 *       at most 9 digits; bounds beyond ±999999999 are clamped to it; no {@code -0}.
 *   <li>{@code "type":"number"} with {@code minimum} / {@code maximum}: an integer part as above, then an
 *       optional {@code .} and 1–6 fraction digits; no exponent; bounds are rounded inwards to 10^-6.
 *   <li>{@code "type":"boolean"}, {@code "type":"null"}.
 *   <li>{@code "type":"array"} with {@code items} (one schema, required), {@code minItems} (default 0),
 *       {@code maxItems} (default 8).
 *   <li>{@code enum} (non-empty; strings, numbers, booleans, null) and {@code const} at any level, alone or
 *       with a {@code type} that every value matches; the values are emitted as Jackson writes them.
 *   <li>Annotations {@code $schema $id $comment title description default examples} are ignored.
 * </ul>
 * Every length is bounded, so every document ends within {@link #maxBytes()} bytes. Immutable and
 * thread-safe; compile once and share.
 */
public final class JsonSchemaGrammar {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<GrammarNode> nodes;
  private final int root;
  private final long maxBytes;
  private final GrammarState start;

  JsonSchemaGrammar(List<GrammarNode> nodes, int root) {
    this.nodes = List.copyOf(nodes);
    this.root = root;
    this.maxBytes = this.nodes.get(root).maxBytes(this);
    this.start = GrammarState.start(this);
  }

  /**
   * Compiles a schema given as JSON text.
   *
   * @throws IllegalArgumentException if the text is not JSON or uses something outside the subset
   */
  public static JsonSchemaGrammar compile(String jsonSchema) {
    JsonNode schema;
    try {
      schema = JSON.readTree(jsonSchema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the schema is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (schema == null || schema.isMissingNode()) {
      throw new IllegalArgumentException("the schema is empty");
    }
    return compile(schema);
  }

  /** Compiles a parsed schema; see {@link #compile(String)}. */
  public static JsonSchemaGrammar compile(JsonNode schema) {
    return new SchemaCompiler().compile(schema);
  }

  /** The longest document the grammar accepts, in bytes: a bound on the tokens a document takes. */
  public long maxBytes() {
    return maxBytes;
  }

  /** True when {@code document} (UTF-8) is exactly one complete document of this grammar. */
  public boolean accepts(String document) {
    GrammarState s = start;
    for (byte b : document.getBytes(StandardCharsets.UTF_8)) {
      s = s.step(b & 0xFF);
      if (s == null) {
        return false;
      }
    }
    return s.complete();
  }

  /**
   * Where {@code document} (UTF-8) leaves the grammar, for error messages: -1 when it is exactly one complete
   * document, else the byte offset of the first byte no document has there, or the document's byte length
   * when it stops before a document is complete.
   */
  public int mismatch(String document) {
    byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
    GrammarState s = start;
    for (int i = 0; i < bytes.length; i++) {
      s = s.step(bytes[i] & 0xFF);
      if (s == null) {
        return i;
      }
    }
    return s.complete() ? -1 : bytes.length;
  }

  /** True when {@code prefix} (UTF-8) can be extended to a document of this grammar. */
  public boolean acceptsPrefix(String prefix) {
    GrammarState s = start;
    for (byte b : prefix.getBytes(StandardCharsets.UTF_8)) {
      s = s.step(b & 0xFF);
      if (s == null) {
        return false;
      }
    }
    return true;
  }

  GrammarState start() {
    return start;
  }

  GrammarNode node(int id) {
    return nodes.get(id);
  }

  int root() {
    return root;
  }
}
