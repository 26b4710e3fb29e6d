package cockpit.sim.sample;

import cockpit.sim.scene.CabinScene;
import cockpit.sim.scene.ExteriorScene;
import cockpit.sim.scene.Names;
import cockpit.sim.scene.RoadUserScene;
import cockpit.sim.scene.Scene;
import cockpit.sim.scene.SeatObject;
import cockpit.sim.scene.SeatScene;
import cockpit.sim.scene.SignScene;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A scene as flat attributes, the vocabulary of {@link Combination} and {@link SceneConstraint}. One
 * {@link Entity} per thing, each also carrying the scene-wide attributes, plus one for the scene:
 *
 * <ul>
 *   <li>scene: {@code entity=scene}, {@code camera} (cabin | exterior), {@code lighting} (day | night | ir);
 *       exterior also {@code place} (street | car_park);
 *   <li>seat: {@code entity=seat}, {@code seat} (e.g. {@code row2.middle}), {@code row}, {@code position},
 *       {@code occupant}, {@code belted} (people only), {@code object} (each object's name, or {@code none});
 *   <li>driver: {@code entity=driver}, {@code gaze} (road | left | right | down), {@code eyes} (open | closed),
 *       {@code yawning}, {@code eyes_on_road}, {@code drowsy};
 *   <li>road user: {@code entity=road_user}, {@code kind} (person | cyclist | vehicle), {@code side},
 *       {@code position} (front | rear), {@code approaching}, {@code facing} (front | back | profile),
 *       {@code distance} (near &lt; 5 m, mid &lt; 15 m, far);
 *   <li>sign: {@code entity=sign}, {@code sign} (level | bay | pillar), {@code kind} (sign | landmark),
 *       {@code text}, {@code direction}, {@code font}.
 * </ul>
 *
 * Immutable.
 */
public record SceneFacts(List<Entity> entities) {
  /** One thing's attributes; a key may hold several values (a seat's objects). */
  public record Entity(Map<String, Set<String>> attributes) {
    public Entity {
      Map<String, Set<String>> copy = new LinkedHashMap<>();
      attributes.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
      attributes = Collections.unmodifiableMap(copy);
    }

    public boolean has(String key, String value) {
      Set<String> v = attributes.get(key);
      return v != null && v.contains(value);
    }
  }

  public SceneFacts {
    entities = List.copyOf(Objects.requireNonNull(entities, "entities"));
  }

  /** Whether one entity shows all of {@code c}. */
  public boolean shows(Combination c) {
    return entities.stream().anyMatch(c::matches);
  }

  public static SceneFacts of(Scene scene) {
    return switch (scene) {
      case CabinScene c -> cabin(c);
      case ExteriorScene e -> exterior(e);
    };
  }

  private static SceneFacts cabin(CabinScene c) {
    Map<String, String> common = Map.of("camera", "cabin", "lighting", c.lighting().label());
    List<Map<String, Set<String>>> out = new ArrayList<>();
    out.add(entity(common, "scene"));
    for (SeatScene s : c.seats()) {
      Map<String, Set<String>> e = entity(common, "seat", "seat", "row" + s.row() + "." + position(s),
          "row", Integer.toString(s.row()), "position", position(s), "occupant", s.occupant().label());
      if (s.occupant().wearsBelt()) {
        e.put("belted", Set.of(Boolean.toString(s.belted())));
      }
      Set<String> objects = new LinkedHashSet<>();
      s.objects().stream().map(SeatObject::label).forEach(objects::add);
      if (objects.isEmpty()) {
        objects.add("none");
      }
      e.put("object", objects);
      out.add(e);
    }
    if (c.hasDriver()) {
      var d = c.driver();
      out.add(entity(common, "driver", "gaze", d.head().gaze(), "eyes", Names.of(d.eyes()),
          "yawning", Boolean.toString(d.yawning()), "eyes_on_road", Boolean.toString(d.eyesOnRoad()),
          "drowsy", Boolean.toString(d.drowsy())));
    }
    return new SceneFacts(out.stream().map(Entity::new).toList());
  }

  private static SceneFacts exterior(ExteriorScene x) {
    Map<String, String> common = Map.of("camera", "exterior", "lighting", x.lighting().label(),
        "place", x.place().label());
    List<Map<String, Set<String>>> out = new ArrayList<>();
    out.add(entity(common, "scene"));
    for (RoadUserScene u : x.roadUsers()) {
      String dist = u.distanceM() < 5 ? "near" : u.distanceM() < 15 ? "mid" : "far";
      out.add(entity(common, "road_user", "kind", u.kind().label(), "side", u.side().label(), "position",
          u.end().label(), "approaching", Boolean.toString(u.approaching()), "facing", u.facing().label(),
          "distance", dist));
    }
    for (SignScene s : x.signs()) {
      out.add(entity(common, "sign", "sign", s.kind().label(), "kind", s.kind().schemaKind(), "text", s.text(),
          "direction", s.direction().label(), "font", s.font().label()));
    }
    return new SceneFacts(out.stream().map(Entity::new).toList());
  }

  private static String position(SeatScene s) {
    return switch (s.position()) {
      case SEAT_POSITION_DRIVER_SIDE -> "driver_side";
      case SEAT_POSITION_MIDDLE -> "middle";
      case SEAT_POSITION_PASSENGER_SIDE, SEAT_POSITION_UNSPECIFIED, UNRECOGNIZED -> "passenger_side";
    };
  }

  /** An entity's attributes: the scene-wide ones, {@code entity=kind}, then the key/value pairs. */
  private static Map<String, Set<String>> entity(Map<String, String> common, String kind, String... kv) {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    common.forEach((k, v) -> m.put(k, Set.of(v)));
    m.put("entity", Set.of(kind));
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], Set.of(kv[i + 1]));
    }
    return m;
  }
}
