package cockpit.sim.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node with where it came from (file, line, key path), so every error can say exactly which
 * key is bad. Read-only view over snakeyaml's composed node tree.
 */
record YamlNode(Node node, String file, String path) {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min)?");

  ScenarioException fail(String problem) {
    return new ScenarioException(file + ":" + (node.getStartMark().getLine() + 1) + ": " + (path.isEmpty() ? ""
        : path + ": ") + problem);
  }

  Map<String, YamlNode> map(Set<String> allowed) throws ScenarioException {
    if (!(node instanceof MappingNode m)) {
      throw fail("expected a mapping, got " + kind());
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      YamlNode key = new YamlNode(t.getKeyNode(), file, path);
      String k = key.str();
      YamlNode value = new YamlNode(t.getValueNode(), file, path.isEmpty() ? k : path + "." + k);
      if (!allowed.contains(k)) {
        throw new YamlNode(t.getKeyNode(), file, path.isEmpty() ? k : path + "." + k).fail("unknown key; expected one of "
            + String.join(", ", allowed.stream().sorted().toList()));
      }
      if (out.put(k, value) != null) {
        throw value.fail("duplicate key");
      }
    }
    return out;
  }

  List<YamlNode> list() throws ScenarioException {
    if (!(node instanceof SequenceNode s)) {
      throw fail("expected a list, got " + kind());
    }
    List<YamlNode> out = new ArrayList<>();
    for (int i = 0; i < s.getValue().size(); i++) {
      out.add(new YamlNode(s.getValue().get(i), file, path + "[" + i + "]"));
    }
    return out;
  }

  String str() throws ScenarioException {
    if (!(node instanceof ScalarNode s)) {
      throw fail("expected a value, got " + kind());
    }
    return s.getValue();
  }

  double num() throws ScenarioException {
    try {
      return Double.parseDouble(str());
    } catch (NumberFormatException e) {
      throw fail("expected a number, got '" + str() + "'");
    }
  }

  long integer(long min, long max) throws ScenarioException {
    long v;
    try {
      v = Long.parseLong(str());
    } catch (NumberFormatException e) {
      throw fail("expected an integer, got '" + str() + "'");
    }
    if (v < min || v > max) {
      throw fail(v + " is outside " + min + ".." + max);
    }
    return v;
  }

  boolean bool() throws ScenarioException {
    return switch (str()) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw fail("expected true or false, got '" + str() + "'");
    };
  }

  /** A duration: {@code 1.5s}, {@code 500ms}, {@code 2m}/{@code 2min}, or a plain number of seconds. */
  Duration duration() throws ScenarioException {
    Matcher m = DURATION.matcher(str().trim());
    if (!m.matches()) {
      throw fail("expected a duration such as 1.5s, 500ms or 2m, got '" + str() + "'");
    }
    double v = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double ms = switch (unit) {
      case "ms" -> v;
      case "s" -> v * 1000;
      default -> v * 60_000;
    };
    return Duration.ofNanos(Math.round(ms * 1e6));
  }

  /** Runs {@code parse} on the text, turning its IllegalArgumentException into an error at this node. */
  <T> T as(ParseFn<T> parse) throws ScenarioException {
    try {
      return parse.apply(str());
    } catch (IllegalArgumentException e) {
      throw fail(e.getMessage());
    }
  }

  /** A parse step that may throw IllegalArgumentException. */
  interface ParseFn<T> {
    T apply(String s);
  }

  int line() {
    return node.getStartMark().getLine() + 1;
  }

  private String kind() {
    return switch (node) {
      case MappingNode m -> "a mapping";
      case SequenceNode s -> "a list";
      case ScalarNode s -> "'" + s.getValue() + "'";
      default -> node.getNodeId().toString();
    };
  }
}
