package cockpit.train.vlm;

import cockpit.perception.task.PerceptionTasks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Judges a model's answer against the ideal one, field by field: exact for enums and booleans,
 * {@link #DISTANCE_TOLERANCE} for distances, exact text for signs, a seat's objects as a set; list
 * items are matched by their place (a seat by row and position, a road user by corner, a landmark by
 * direction), so one wrong item does not shift the rest. Safety signals: an unbelted occupant, child
 * present, eyes off the road, drowsy, and per corner an approaching road user (door hazard). An answer
 * that is not JSON counts every field wrong. Stateless.
 */
public final class Judge {
  /** A distance is right within 25 % of the truth or 1.5 m, whichever is larger. */
  public static final String DISTANCE_TOLERANCE = "max(1.5 m, 25 %)";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Judge() {}

  /** Adds the judgement of {@code predicted} against {@code truth} (both answer texts) to {@code scores}. */
  public static void judge(String task, String truth, String predicted, Scores scores) {
    JsonNode t;
    try {
      t = JSON.readTree(truth);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the ideal answer is not JSON: " + truth, e);
    }
    JsonNode p;
    try {
      p = JSON.readTree(predicted);
    } catch (java.io.IOException e) {
      p = JSON.createObjectNode();
    }
    scores.field(task, "json_valid", p != null && p.isObject() && p.size() > 0);
    scores.field(task, "exact", truth.equals(predicted));
    if (p == null) {
      p = JSON.createObjectNode();
    }
    switch (task) {
      case PerceptionTasks.OCCUPANCY -> occupancy(t, p, scores);
      case PerceptionTasks.DRIVER_MONITORING -> driver(t, p, scores);
      case PerceptionTasks.CHILD_PRESENCE -> childPresence(t, p, scores);
      case PerceptionTasks.DOOR_HAZARD -> doorHazard(t, p, scores);
      case PerceptionTasks.GREETER -> greeter(t, p, scores);
      case PerceptionTasks.CAR_FINDER -> carFinder(t, p, scores);
      default -> { } // exact and json_valid only
    }
  }

  private static void occupancy(JsonNode t, JsonNode p, Scores s) {
    Map<String, JsonNode> pred = byKey(p.path("seats"), "row", "position");
    String task = PerceptionTasks.OCCUPANCY;
    s.field(task, "seat_count", t.path("seats").size() == p.path("seats").size());
    for (JsonNode seat : t.path("seats")) {
      JsonNode q = pred.getOrDefault(key(seat, "row", "position"), JSON.createObjectNode());
      s.field(task, "occupant", seat.path("occupant").equals(q.path("occupant")));
      s.field(task, "objects", texts(seat.path("objects")).equals(texts(q.path("objects"))));
      String occ = seat.path("occupant").asText();
      if (occ.equals("adult") || occ.equals("child")) {
        s.field(task, "belted", seat.path("belted").equals(q.path("belted")));
        s.safety("unbelted_occupant", !seat.path("belted").asBoolean(), !q.path("belted").asBoolean(true));
      }
    }
  }

  private static void driver(JsonNode t, JsonNode p, Scores s) {
    String task = PerceptionTasks.DRIVER_MONITORING;
    for (String f : new String[] {"gaze", "eyes", "yawning"}) {
      s.field(task, f, t.path(f).equals(p.path(f)));
    }
    s.field(task, "eyes_on_road", t.path("eyes_on_road").equals(p.path("eyes_on_road")));
    s.field(task, "drowsy", t.path("drowsy").equals(p.path("drowsy")));
    s.safety("eyes_off_road", !t.path("eyes_on_road").asBoolean(), !p.path("eyes_on_road").asBoolean(true));
    s.safety("drowsy", t.path("drowsy").asBoolean(), p.path("drowsy").asBoolean(false));
  }

  private static void childPresence(JsonNode t, JsonNode p, Scores s) {
    String task = PerceptionTasks.CHILD_PRESENCE;
    s.field(task, "child_present", t.path("child_present").equals(p.path("child_present")));
    s.field(task, "pet_present", t.path("pet_present").equals(p.path("pet_present")));
    s.field(task, "findings", keys(t.path("findings"), "kind", "row", "position")
        .equals(keys(p.path("findings"), "kind", "row", "position")));
    s.safety("child_present", t.path("child_present").asBoolean(), p.path("child_present").asBoolean(false));
  }

  private static void doorHazard(JsonNode t, JsonNode p, Scores s) {
    String task = PerceptionTasks.DOOR_HAZARD;
    Map<String, JsonNode> pred = byKey(p.path("road_users"), "side", "position");
    Map<String, JsonNode> truth = byKey(t.path("road_users"), "side", "position");
    s.field(task, "count", t.path("road_users").size() == p.path("road_users").size());
    for (String side : new String[] {"left", "right"}) {
      for (String end : new String[] {"front", "rear"}) {
        JsonNode a = truth.get(side + "/" + end);
        JsonNode b = pred.get(side + "/" + end);
        s.safety("door_hazard", a != null && a.path("approaching").asBoolean(),
            b != null && b.path("approaching").asBoolean());
        if (a == null) {
          continue;
        }
        JsonNode q = b == null ? JSON.createObjectNode() : b;
        s.field(task, "kind", a.path("kind").equals(q.path("kind")));
        s.field(task, "approaching", a.path("approaching").equals(q.path("approaching")));
        s.field(task, "distance_m", near(a.path("distance_m"), q.path("distance_m")));
      }
    }
  }

  private static void greeter(JsonNode t, JsonNode p, Scores s) {
    String task = PerceptionTasks.GREETER;
    boolean yes = t.path("person_approaching").asBoolean();
    s.field(task, "person_approaching", t.path("person_approaching").equals(p.path("person_approaching")));
    if (yes) {
      s.field(task, "side", t.path("side").equals(p.path("side")));
      s.field(task, "position", t.path("position").equals(p.path("position")));
      s.field(task, "distance_m", near(t.path("distance_m"), p.path("distance_m")));
    }
  }

  private static void carFinder(JsonNode t, JsonNode p, Scores s) {
    String task = PerceptionTasks.CAR_FINDER;
    Map<String, JsonNode> pred = byKey(p.path("landmarks"), "direction");
    s.field(task, "landmarks", keys(t.path("landmarks"), "kind", "label", "direction")
        .equals(keys(p.path("landmarks"), "kind", "label", "direction")));
    for (JsonNode l : t.path("landmarks")) {
      JsonNode q = pred.getOrDefault(key(l, "direction"), JSON.createObjectNode());
      s.field(task, "label", l.path("label").equals(q.path("label")));
      s.field(task, "kind", l.path("kind").equals(q.path("kind")));
    }
    s.field(task, "place", t.path("place").equals(p.path("place")));
  }

  static boolean near(JsonNode truth, JsonNode predicted) {
    if (!truth.isNumber() || !predicted.isNumber()) {
      return false;
    }
    double a = truth.asDouble();
    return Math.abs(a - predicted.asDouble()) <= Math.max(1.5, 0.25 * a);
  }

  /** The texts of an array's items as a set (objects on a seat: their order carries no meaning). */
  private static Set<String> texts(JsonNode items) {
    Set<String> out = new HashSet<>();
    items.forEach(i -> out.add(i.asText()));
    return out;
  }

  private static Map<String, JsonNode> byKey(JsonNode items, String... fields) {
    Map<String, JsonNode> m = new HashMap<>();
    for (JsonNode i : items) {
      m.putIfAbsent(key(i, fields), i);
    }
    return m;
  }

  private static Set<String> keys(JsonNode items, String... fields) {
    Set<String> out = new HashSet<>();
    items.forEach(i -> out.add(key(i, fields)));
    return out;
  }

  private static String key(JsonNode item, String... fields) {
    StringBuilder k = new StringBuilder();
    for (String f : fields) {
      k.append(k.isEmpty() ? "" : "/").append(item.path(f).asText());
    }
    return k.toString();
  }
}
