package cockpit.sim.scenario;

import static cockpit.sim.scenario.ScenarioParser.req;

import cockpit.proto.v1.Door;
import cockpit.proto.v1.DoorSide;
import cockpit.proto.v1.DoorState;
import cockpit.proto.v1.DriverPosition;
import cockpit.proto.v1.Gear;
import cockpit.proto.v1.GenerationOptions;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.SeatOccupancy;
import cockpit.proto.v1.SeatPosition;
import cockpit.proto.v1.SessionAction;
import cockpit.proto.v1.SessionControl;
import cockpit.proto.v1.VehicleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The event bodies of a scenario file other than frames ({@link FrameYaml}): utterances, vehicle state, controls. */
final class SceneYaml {
  private SceneYaml() {}

  static Action say(YamlNode n, int repetition) throws ScenarioException {
    Map<String, YamlNode> m = n.map(Set.of("session", "seat", "text"));
    String text = req(m, "text", n).str().replace("{n}", Integer.toString(repetition));
    return new Action.Say(req(m, "session", n).str(), m.containsKey("seat") ? m.get("seat").str() : "driver", text);
  }

  static Action perceive(YamlNode n) throws ScenarioException {
    Map<String, YamlNode> m = n.map(Set.of("task", "cameras"));
    List<String> cameras = new ArrayList<>();
    if (m.containsKey("cameras")) {
      for (YamlNode c : m.get("cameras").list()) {
        cameras.add(c.str());
      }
    }
    return new Action.Perceive(req(m, "task", n).str(), cameras);
  }

  static Action control(YamlNode n) throws ScenarioException {
    Map<String, YamlNode> m = n.map(Set.of("session", "action", "system-prompt", "max-new-tokens", "temperature", "seed"));
    SessionControl.Builder b = SessionControl.newBuilder().setSessionId(req(m, "session", n).str())
        .setAction(req(m, "action", n).as(v -> SessionAction.valueOf("SESSION_ACTION_" + v.toUpperCase(Locale.ROOT))));
    if (m.containsKey("system-prompt")) {
      b.setSystemPrompt(m.get("system-prompt").str());
    }
    GenerationOptions.Builder o = GenerationOptions.newBuilder();
    if (m.containsKey("max-new-tokens")) {
      o.setMaxNewTokens((int) m.get("max-new-tokens").integer(1, 4096));
    }
    if (m.containsKey("temperature")) {
      o.setTemperature((float) m.get("temperature").num());
    }
    if (m.containsKey("seed")) {
      o.setSeed(m.get("seed").integer(0, Long.MAX_VALUE));
    }
    return new Action.Control(b.setOptions(o).build());
  }

  /** Merges the changes in {@code n} onto {@code prev}: doors and seats by position, other fields by name. */
  static VehicleState vehicle(YamlNode n, VehicleState prev) throws ScenarioException {
    Map<String, YamlNode> m = n.map(Set.of("power", "speed", "gear", "locked", "driver-position", "cabin-temperature",
        "doors", "seats"));
    VehicleState.Builder b = prev.toBuilder();
    if (m.containsKey("power")) {
      b.setPowerState(m.get("power").as(v -> PowerState.valueOf("POWER_STATE_" + v.toUpperCase(Locale.ROOT))));
    }
    if (m.containsKey("speed")) {
      double v = m.get("speed").num();
      if (v < 0) {
        throw m.get("speed").fail("speed must be >= 0 km/h");
      }
      b.setSpeedKmh((float) v);
    }
    if (m.containsKey("gear")) {
      b.setSelectedGear(m.get("gear").as(v -> Gear.valueOf("GEAR_" + v.toUpperCase(Locale.ROOT))));
    }
    if (m.containsKey("locked")) {
      b.setIsLocked(m.get("locked").bool());
    }
    if (m.containsKey("driver-position")) {
      b.setDriverPosition(m.get("driver-position").as(v -> DriverPosition.valueOf("DRIVER_POSITION_"
          + v.toUpperCase(Locale.ROOT))));
    }
    if (m.containsKey("cabin-temperature")) {
      b.setCabinTemperatureCelsius((float) m.get("cabin-temperature").num());
    }
    if (m.containsKey("doors")) {
      for (YamlNode d : m.get("doors").list()) {
        Map<String, YamlNode> dm = d.map(Set.of("row", "side", "open", "locked"));
        Door door = Door.newBuilder().setRow((int) req(dm, "row", d).integer(1, 3))
            .setSide(req(dm, "side", d).as(v -> DoorSide.valueOf("DOOR_SIDE_" + v.toUpperCase(Locale.ROOT)))).build();
        int i = indexOf(b.getDoorsList().stream().map(DoorState::getDoor).toList(), door);
        DoorState.Builder ds = i >= 0 ? b.getDoors(i).toBuilder() : DoorState.newBuilder().setDoor(door);
        if (dm.containsKey("open")) {
          ds.setIsOpen(dm.get("open").bool());
        }
        if (dm.containsKey("locked")) {
          ds.setIsLocked(dm.get("locked").bool());
        }
        if (i >= 0) {
          b.setDoors(i, ds);
        } else {
          b.addDoors(ds);
        }
      }
    }
    if (m.containsKey("seats")) {
      for (YamlNode s : m.get("seats").list()) {
        Map<String, YamlNode> sm = s.map(Set.of("row", "position", "occupied", "belted"));
        Seat seat = Seat.newBuilder().setRow((int) req(sm, "row", s).integer(1, 3))
            .setPosition(req(sm, "position", s).as(SceneYaml::seatPosition)).build();
        int i = indexOf(b.getSeatsList().stream().map(SeatOccupancy::getSeat).toList(), seat);
        SeatOccupancy.Builder so = i >= 0 ? b.getSeats(i).toBuilder() : SeatOccupancy.newBuilder().setSeat(seat);
        if (sm.containsKey("occupied")) {
          so.setIsOccupied(sm.get("occupied").bool());
        }
        if (sm.containsKey("belted")) {
          so.setIsBelted(sm.get("belted").bool());
        }
        if (i >= 0) {
          b.setSeats(i, so);
        } else {
          b.addSeats(so);
        }
      }
    }
    return b.build();
  }

  static SeatPosition seatPosition(String s) {
    return switch (s) {
      case "driver_side" -> SeatPosition.SEAT_POSITION_DRIVER_SIDE;
      case "middle" -> SeatPosition.SEAT_POSITION_MIDDLE;
      case "passenger_side" -> SeatPosition.SEAT_POSITION_PASSENGER_SIDE;
      default -> throw new IllegalArgumentException("unknown seat position '" + s
          + "'; expected driver_side, middle or passenger_side");
    };
  }

  private static <T> int indexOf(List<T> list, T item) {
    return list.indexOf(item);
  }

  /** A value constructor that may reject the combination. */
  interface Build<T> {
    T get();
  }

  /** Runs {@code b}, turning its IllegalArgumentException into an error at {@code where}. */
  static <T> T build(YamlNode where, Build<T> b) throws ScenarioException {
    try {
      return b.get();
    } catch (IllegalArgumentException e) {
      throw where.fail(e.getMessage());
    }
  }
}
