package cockpit.sim.scenario;

import static cockpit.sim.scenario.ScenarioParser.req;
import static cockpit.sim.scenario.SceneYaml.build;

import cockpit.proto.v1.FrameEncoding;
import cockpit.proto.v1.SeatPosition;
import cockpit.sim.scene.CabinScene;
import cockpit.sim.scene.DriverState;
import cockpit.sim.scene.ExteriorScene;
import cockpit.sim.scene.FrameEncoder;
import cockpit.sim.scene.Lighting;
import cockpit.sim.scene.Occupant;
import cockpit.sim.scene.RoadUserScene;
import cockpit.sim.scene.Scene;
import cockpit.sim.scene.SeatObject;
import cockpit.sim.scene.SeatScene;
import cockpit.sim.scene.SignFont;
import cockpit.sim.scene.SignScene;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A scenario's {@code frame} events: camera, encoding, size, seed, and the cabin or exterior scene (sim/README.md). */
final class FrameYaml {
  private static final Set<String> ONE_ROAD_USER = Set.of("road-user", "side", "position", "distance", "approaching",
      "facing");

  private FrameYaml() {}

  static Action frame(YamlNode n, long defaultSeed, Path baseDir) throws ScenarioException {
    Map<String, YamlNode> m = n.map(Set.of("camera", "encoding", "size", "seed", "cabin", "exterior", "image"));
    String camera = req(m, "camera", n).str();
    FrameEncoding encoding = m.containsKey("encoding") ? m.get("encoding").as(FrameEncoder::parse)
        : FrameEncoding.FRAME_ENCODING_JPEG;
    int w = 320;
    int h = 240;
    if (m.containsKey("size")) {
      List<YamlNode> size = m.get("size").list();
      if (size.size() != 2) {
        throw m.get("size").fail("expected [width, height]");
      }
      w = (int) size.get(0).integer(32, 4096);
      h = (int) size.get(1).integer(32, 4096);
    }
    long seed = m.containsKey("seed") ? m.get("seed").integer(Long.MIN_VALUE, Long.MAX_VALUE) : defaultSeed;
    List<String> sources = m.keySet().stream().filter(k -> Set.of("cabin", "exterior", "image").contains(k)).toList();
    if (sources.size() != 1) {
      throw n.fail("a frame needs exactly one of cabin, exterior, image; got " + sources);
    }
    Action.Source src = switch (sources.getFirst()) {
      case "image" -> new Action.ImageFile(baseDir.resolve(m.get("image").str()));
      case "cabin" -> new Action.Rendered(cabin(m.get("cabin")), seed, w, h);
      default -> new Action.Rendered(exterior(m.get("exterior")), seed, w, h);
    };
    return new Action.Frame(camera, encoding, src);
  }

  private static Scene cabin(YamlNode n) throws ScenarioException {
    Map<String, YamlNode> m = n.map(Set.of("rows", "seats", "driver", "lighting"));
    List<SeatScene> seats = new ArrayList<>();
    for (YamlNode s : req(m, "seats", n).list()) {
      Map<String, YamlNode> sm = s.map(Set.of("row", "position", "occupant", "belted", "objects"));
      List<SeatObject> objects = new ArrayList<>();
      if (sm.containsKey("objects")) {
        for (YamlNode o : sm.get("objects").list()) {
          objects.add(o.as(SeatObject::parse));
        }
      }
      Occupant occ = sm.containsKey("occupant") ? sm.get("occupant").as(Occupant::parse) : Occupant.EMPTY;
      int row = (int) req(sm, "row", s).integer(1, CabinScene.MAX_ROWS);
      SeatPosition pos = req(sm, "position", s).as(SceneYaml::seatPosition);
      boolean belted = sm.containsKey("belted") && sm.get("belted").bool();
      seats.add(build(s, () -> new SeatScene(row, pos, occ, belted, objects)));
    }
    DriverState driver = DriverState.ATTENTIVE;
    if (m.containsKey("driver")) {
      YamlNode dn = m.get("driver");
      Map<String, YamlNode> d = dn.map(Set.of("head", "gaze", "eyes", "yawning"));
      if (d.containsKey("head") && d.containsKey("gaze")) {
        throw dn.fail("head and gaze are the same setting; give one");
      }
      YamlNode head = d.containsKey("gaze") ? d.get("gaze") : d.get("head");
      driver = new DriverState(head != null ? head.as(DriverState.Head::parse) : DriverState.Head.FORWARD,
          d.containsKey("eyes") ? d.get("eyes").as(DriverState.Eyes::parse) : DriverState.Eyes.OPEN,
          d.containsKey("yawning") && d.get("yawning").bool());
    }
    int rows = m.containsKey("rows") ? (int) m.get("rows").integer(1, CabinScene.MAX_ROWS) : 2;
    Lighting lighting = lighting(m);
    DriverState dr = driver;
    return build(n, () -> new CabinScene(rows, seats, dr, lighting));
  }

  /**
   * Either the one-road-user shorthand ({@code road-user}, {@code side}, {@code position}, {@code distance},
   * {@code approaching}, {@code facing}; position defaults to rear) or {@code road-users} (a list) and
   * {@code signs}; {@code place} and {@code lighting} in both.
   */
  private static Scene exterior(YamlNode n) throws ScenarioException {
    Set<String> keys = new HashSet<>(ONE_ROAD_USER);
    keys.addAll(Set.of("place", "lighting", "road-users", "signs"));
    Map<String, YamlNode> m = n.map(keys);
    ExteriorScene.Place place = m.containsKey("place") ? m.get("place").as(ExteriorScene.Place::parse)
        : ExteriorScene.Place.STREET;
    List<RoadUserScene> users = new ArrayList<>();
    if (m.containsKey("road-user")) {
      if (m.containsKey("road-users")) {
        throw n.fail("give either road-user (one, with side, distance, ...) or road-users (a list), not both");
      }
      if (m.get("road-user").as(ExteriorScene.RoadUser::parse) != ExteriorScene.RoadUser.NONE) {
        users.add(roadUser(n, m, "road-user"));
      }
    } else {
      for (String k : ONE_ROAD_USER) {
        if (m.containsKey(k)) {
          throw m.get(k).fail("'" + k + "' belongs to the one-road-user form; add road-user, or put it in road-users");
        }
      }
      if (m.containsKey("road-users")) {
        for (YamlNode u : m.get("road-users").list()) {
          users.add(roadUser(u, u.map(Set.of("kind", "side", "position", "distance", "approaching", "facing")), "kind"));
        }
      }
    }
    List<SignScene> signs = new ArrayList<>();
    if (m.containsKey("signs")) {
      for (YamlNode s : m.get("signs").list()) {
        Map<String, YamlNode> sm = s.map(Set.of("kind", "text", "direction", "font"));
        SignScene.Kind kind = req(sm, "kind", s).as(SignScene.Kind::parse);
        String text = req(sm, "text", s).str();
        SignScene.Direction dir = req(sm, "direction", s).as(SignScene.Direction::parse);
        SignFont font = sm.containsKey("font") ? sm.get("font").as(SignFont::parse) : SignFont.BLOCK;
        signs.add(build(s, () -> new SignScene(kind, text, dir, font)));
      }
    }
    Lighting lighting = lighting(m);
    return build(n, () -> new ExteriorScene(place, users, signs, lighting));
  }

  /** One road user from {@code m}, its kind under {@code kindKey}; approaching defaults to true, facing follows it. */
  private static RoadUserScene roadUser(YamlNode n, Map<String, YamlNode> m, String kindKey) throws ScenarioException {
    ExteriorScene.RoadUser who = req(m, kindKey, n).as(ExteriorScene.RoadUser::parse);
    ExteriorScene.Side side = req(m, "side", n).as(ExteriorScene.Side::parse);
    ExteriorScene.End end = m.containsKey("position") ? m.get("position").as(ExteriorScene.End::parse)
        : ExteriorScene.End.REAR;
    double dist = m.containsKey("distance") ? m.get("distance").num() : 10;
    boolean approaching = !m.containsKey("approaching") || m.get("approaching").bool();
    RoadUserScene.Facing facing = m.containsKey("facing") ? m.get("facing").as(RoadUserScene.Facing::parse)
        : approaching ? RoadUserScene.Facing.FRONT : RoadUserScene.Facing.BACK;
    return build(n, () -> new RoadUserScene(who, side, end, dist, approaching, facing));
  }

  private static Lighting lighting(Map<String, YamlNode> m) throws ScenarioException {
    return m.containsKey("lighting") ? m.get("lighting").as(Lighting::parse) : Lighting.DAY;
  }
}
