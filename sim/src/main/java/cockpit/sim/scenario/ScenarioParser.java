package cockpit.sim.scenario;

import cockpit.proto.v1.AlertKind;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FinishReason;
import cockpit.proto.v1.VehicleState;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads scenario YAML (format: {@code sim/README.md}). Every problem is a {@link ScenarioException}
 * naming file, line and key path. Stateless.
 */
public final class ScenarioParser {
  private static final Set<String> TOP = Set.of("name", "description", "timeline", "expect");
  private static final Set<String> EVENT = Set.of("at", "id", "repeat", "frame", "say", "vehicle", "control",
      "perceive");
  private static final Set<String> ACTIONS = Set.of("frame", "say", "vehicle", "control", "perceive");
  private static final Set<String> EXPECT = Set.of("name", "requires", "alert", "no-alert", "reply", "detection",
      "conversation");

  private ScenarioParser() {}

  public static Scenario parse(Path file) throws ScenarioException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ScenarioException(file + ": cannot read: " + e.getMessage(), e);
    }
    return parse(new StringReader(text), file.toString(), file.toAbsolutePath().getParent());
  }

  /** @param baseDir folder that image paths are relative to */
  public static Scenario parse(Reader yaml, String fileName, Path baseDir) throws ScenarioException {
    Node root;
    try {
      root = new Yaml(new LoaderOptions()).compose(yaml);
    } catch (MarkedYAMLException e) {
      throw new ScenarioException(fileName + ":" + (e.getProblemMark().getLine() + 1) + ": not valid YAML: "
          + e.getProblem(), e);
    }
    if (root == null) {
      throw new ScenarioException(fileName + ": the file is empty");
    }
    Map<String, YamlNode> top = new YamlNode(root, fileName, "").map(TOP);
    String name = req(top, "name", new YamlNode(root, fileName, "")).str();
    String description = top.containsKey("description") ? top.get("description").str() : "";
    List<Event> timeline = timeline(req(top, "timeline", new YamlNode(root, fileName, "")), baseDir);
    Scenario partial = new Scenario(name, description, fileName, timeline, List.of());
    List<Expectation> expectations = new ArrayList<>();
    if (top.containsKey("expect")) {
      for (YamlNode e : top.get("expect").list()) {
        expectations.add(expectation(e, partial));
      }
    }
    return new Scenario(name, description, fileName, timeline, expectations);
  }

  private static List<Event> timeline(YamlNode node, Path baseDir) throws ScenarioException {
    List<Event> out = new ArrayList<>();
    VehicleState vehicle = VehicleState.getDefaultInstance();
    Duration last = Duration.ZERO;
    Set<String> groups = new LinkedHashSet<>();
    for (YamlNode item : node.list()) {
      Map<String, YamlNode> m = item.map(EVENT);
      Duration at = req(m, "at", item).duration();
      if (at.compareTo(last) < 0) {
        throw m.get("at").fail("events must be in time order: " + at.toMillis() + " ms is before the previous "
            + last.toMillis() + " ms");
      }
      last = at;
      String group = m.containsKey("id") ? m.get("id").str() : "e" + item.line();
      if (!group.matches("[A-Za-z0-9_.-]+") || !groups.add(group)) {
        throw (m.containsKey("id") ? m.get("id") : item).fail("event id '" + group
            + "' must be unique and use only letters, digits, '_', '-', '.'");
      }
      List<String> kinds = m.keySet().stream().filter(ACTIONS::contains).toList();
      if (kinds.size() != 1) {
        throw item.fail("each event needs exactly one of frame, say, vehicle, control, perceive; got " + kinds);
      }
      String kind = kinds.getFirst();
      int count = 1;
      Duration every = Duration.ZERO;
      if (m.containsKey("repeat")) {
        Map<String, YamlNode> r = m.get("repeat").map(Set.of("every", "count"));
        every = req(r, "every", m.get("repeat")).duration();
        count = (int) req(r, "count", m.get("repeat")).integer(1, 100_000);
      }
      if (kind.equals("vehicle")) {
        vehicle = SceneYaml.vehicle(m.get(kind), vehicle);
      }
      for (int i = 0; i < count; i++) {
        String id = i == 0 ? group : group + "." + (i + 1);
        Action a = switch (kind) {
          case "frame" -> FrameYaml.frame(m.get(kind), item.line() * 1000L + i, baseDir);
          case "say" -> SceneYaml.say(m.get(kind), i + 1);
          case "vehicle" -> new Action.Vehicle(vehicle);
          case "perceive" -> SceneYaml.perceive(m.get(kind));
          default -> SceneYaml.control(m.get(kind));
        };
        out.add(new Event(id, group, at.plus(every.multipliedBy(i)), a));
      }
    }
    out.sort(Comparator.comparing(Event::at)); // stable: file order within the same instant
    return out;
  }

  private static Expectation expectation(YamlNode item, Scenario s) throws ScenarioException {
    Map<String, YamlNode> m = item.map(EXPECT);
    List<String> kinds = m.keySet().stream().filter(k -> !k.equals("name") && !k.equals("requires")).toList();
    if (kinds.size() != 1) {
      throw item.fail("each expectation needs exactly one of alert, no-alert, reply, detection, conversation; got "
          + kinds);
    }
    boolean trained = false;
    if (m.containsKey("requires")) {
      if (!m.get("requires").str().equals("trained-model")) {
        throw m.get("requires").fail("the only requirement is 'trained-model', got '" + m.get("requires").str() + "'");
      }
      trained = true;
    }
    String kind = kinds.getFirst();
    YamlNode n = m.get(kind);
    Expectation.Check check = switch (kind) {
      case "alert" -> {
        Map<String, YamlNode> a = n.map(Set.of("kind", "after", "within"));
        yield new Expectation.AlertWithin(alertKind(req(a, "kind", n)), group(req(a, "after", n), s, false),
            req(a, "within", n).duration());
      }
      case "no-alert" -> {
        Map<String, YamlNode> a = n.map(Set.of("kind", "before"));
        yield new Expectation.NoAlertBefore(a.containsKey("kind") ? alertKind(a.get("kind")) : null,
            req(a, "before", n).duration());
      }
      case "reply" -> reply(n, s);
      case "detection" -> detection(n, s);
      default -> {
        Map<String, YamlNode> a = n.map(Set.of("session", "min-tokens", "compacted"));
        yield new Expectation.Conversation(req(a, "session", n).str(),
            (int) req(a, "min-tokens", n).integer(1, 1_000_000), a.containsKey("compacted") && a.get("compacted").bool());
      }
    };
    String name = m.containsKey("name") ? m.get("name").str() : kind + "@" + item.line();
    return new Expectation(name, trained, check);
  }

  private static Expectation.Check reply(YamlNode n, Scenario s) throws ScenarioException {
    Map<String, YamlNode> a = n.map(Set.of("to", "within", "matches", "finish"));
    String to = group(req(a, "to", n), s, true);
    Pattern p;
    try {
      p = Pattern.compile(a.containsKey("matches") ? a.get("matches").str() : "(?s).*");
    } catch (PatternSyntaxException e) {
      throw a.get("matches").fail("not a valid regular expression: " + e.getDescription());
    }
    Set<FinishReason> finish = new LinkedHashSet<>();
    if (a.containsKey("finish")) {
      for (YamlNode f : a.get("finish").list()) {
        finish.add(f.as(v -> FinishReason.valueOf("FINISH_REASON_" + v.toUpperCase(Locale.ROOT).replace('-', '_'))));
      }
    }
    return new Expectation.ReplyMatches(to, req(a, "within", n).duration(), p, finish);
  }

  private static Expectation.Check detection(YamlNode n, Scenario s) throws ScenarioException {
    Map<String, YamlNode> a = n.map(Set.of("after", "within", "camera", "task", "field", "equals"));
    YamlNode field = req(a, "field", n);
    Descriptor d = DetectionSet.getDescriptor();
    for (String part : field.str().split("\\.", -1)) {
      FieldDescriptor f = d == null ? null : d.findFieldByName(part);
      if (f == null) {
        throw field.fail("no field '" + part + "' in DetectionSet path '" + field.str() + "'");
      }
      d = f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField() ? f.getMessageType() : null;
    }
    return new Expectation.DetectionField(group(req(a, "after", n), s, false), req(a, "within", n).duration(),
        req(a, "camera", n).str(), a.containsKey("task") ? a.get("task").str() : "", field.str(),
        req(a, "equals", n).str());
  }

  private static AlertKind alertKind(YamlNode n) throws ScenarioException {
    return n.as(v -> {
      AlertKind k = AlertKind.valueOf("ALERT_KIND_" + v.toUpperCase(Locale.ROOT).replace('-', '_'));
      if (k == AlertKind.ALERT_KIND_UNSPECIFIED) {
        throw new IllegalArgumentException("alert kind must not be unspecified");
      }
      return k;
    });
  }

  private static String group(YamlNode n, Scenario s, boolean mustSay) throws ScenarioException {
    Event first = s.first(n.str());
    if (first == null) {
      throw n.fail("no event with id '" + n.str() + "' in the timeline");
    }
    if (mustSay && !(first.action() instanceof Action.Say)) {
      throw n.fail("event '" + n.str() + "' is not a 'say' event");
    }
    return n.str();
  }

  static YamlNode req(Map<String, YamlNode> m, String key, YamlNode parent) throws ScenarioException {
    YamlNode v = m.get(key);
    if (v == null) {
      throw parent.fail("missing key '" + key + "'");
    }
    return v;
  }
}
