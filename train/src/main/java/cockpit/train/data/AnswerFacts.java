package cockpit.train.data;

import cockpit.perception.task.PerceptionTasks;
import cockpit.sim.scene.CabinTruth;
import cockpit.sim.scene.DriverState;
import cockpit.sim.scene.ExteriorScene;
import cockpit.sim.scene.ExteriorTruth;
import cockpit.sim.scene.GroundTruth;
import cockpit.sim.scene.Names;
import cockpit.sim.scene.Occupant;
import cockpit.sim.scene.RoadUserTruth;
import cockpit.sim.scene.SeatTruth;
import cockpit.sim.scene.SignScene;
import cockpit.sim.scene.SignTruth;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/**
 * What a perfect model knows about a frame, per task, as a JSON tree read from the renderer's
 * ground truth: a superset of each task schema's fields under the schema's names. {@link SchemaAnswer}
 * then keeps exactly the fields the task's schema declares, in its order, so a schema that drops or
 * reorders a field needs no change here. Conventions (documented in train/README.md):
 * <ul>
 *   <li>no {@code confidence} field (the runtime computes confidence from token probabilities);
 *       {@code belted} is false for occupants that wear no belt (the constrained decoder writes every
 *       declared field, so one is needed);
 *   <li>distances are whole metres (the model reads them off a sprite's size, ±1 m is below what the
 *       128-pixel view resolves);
 *   <li>road users in corner order left-front, left-rear, right-front, right-rear; signs in direction
 *       order front, left, right, rear; seats and findings in the cabin's row-major order;
 *   <li>greeter: the nearest person walking towards the car; with none, {@code person_approaching}
 *       false, side {@code left}, position {@code front} and distance 0 (the schema's stated filler);
 *   <li>car finder: the place is the level sign's text, or empty when no level sign is in view.
 * </ul>
 * Stateless.
 */
public final class AnswerFacts {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnswerFacts() {}

  /**
   * The facts {@code task} answers about {@code truth}.
   *
   * @throws IllegalArgumentException for a task this generator does not know, or the wrong camera's truth
   */
  public static ObjectNode of(String task, GroundTruth truth) {
    return switch (task) {
      case PerceptionTasks.OCCUPANCY -> occupancy(cabin(task, truth));
      case PerceptionTasks.DRIVER_MONITORING -> driver(cabin(task, truth));
      case PerceptionTasks.CHILD_PRESENCE -> childPresence(cabin(task, truth));
      case PerceptionTasks.DOOR_HAZARD -> doorHazard(exterior(task, truth));
      case PerceptionTasks.GREETER -> greeter(exterior(task, truth));
      case PerceptionTasks.CAR_FINDER -> carFinder(exterior(task, truth));
      default -> throw new IllegalArgumentException("no training answers for task \"" + task + "\"");
    };
  }

  static ObjectNode occupancy(CabinTruth t) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode seats = o.putArray("seats");
    for (SeatTruth s : t.seats()) {
      ObjectNode seat = seat(seats.addObject(), s).put("occupant", s.occupant().label())
          .put("belted", s.occupant().wearsBelt() && s.belted());
      ArrayNode objects = seat.putArray("objects");
      s.objects().forEach(ob -> objects.add(ob.object().label()));
    }
    return o;
  }

  static ObjectNode driver(CabinTruth t) {
    if (t.driver() == null) {
      throw new IllegalArgumentException("driver_monitoring needs a driver in the frame");
    }
    DriverState d = t.driver().state();
    return JSON.createObjectNode().put("gaze", d.head().gaze()).put("eyes", Names.of(d.eyes()))
        .put("yawning", d.yawning()).put("eyes_on_road", d.eyesOnRoad()).put("drowsy", d.drowsy());
  }

  static ObjectNode childPresence(CabinTruth t) {
    ObjectNode o = JSON.createObjectNode();
    boolean child = false;
    boolean pet = false;
    ArrayNode findings = JSON.createArrayNode();
    for (SeatTruth s : t.seats()) {
      Occupant occ = s.occupant();
      if (occ == Occupant.CHILD || occ == Occupant.INFANT_SEAT_OCCUPIED || occ == Occupant.PET) {
        child |= occ != Occupant.PET;
        pet |= occ == Occupant.PET;
        seat(findings.addObject().put("kind", occ.label()), s);
      }
    }
    o.put("child_present", child).put("pet_present", pet).set("findings", findings);
    return o;
  }

  static ObjectNode doorHazard(ExteriorTruth t) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode users = o.putArray("road_users");
    for (RoadUserTruth u : byCorner(t.roadUsers())) {
      users.addObject().put("kind", u.user().kind().label()).put("side", u.user().side().label())
          .put("position", u.user().end().label()).put("approaching", u.user().approaching())
          .put("distance_m", metres(u.user().distanceM()));
    }
    return o;
  }

  static ObjectNode greeter(ExteriorTruth t) {
    RoadUserTruth nearest = t.roadUsers().stream()
        .filter(u -> u.user().kind() == ExteriorScene.RoadUser.PERSON && u.user().approaching())
        .min(Comparator.comparingDouble((RoadUserTruth u) -> u.user().distanceM())).orElse(null);
    ObjectNode o = JSON.createObjectNode().put("person_approaching", nearest != null);
    if (nearest == null) {
      return o.put("side", "left").put("position", "front").put("distance_m", 0);
    }
    return o.put("side", nearest.user().side().label()).put("position", nearest.user().end().label())
        .put("distance_m", metres(nearest.user().distanceM()));
  }

  static ObjectNode carFinder(ExteriorTruth t) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode landmarks = o.putArray("landmarks");
    String place = "";
    for (SignTruth s : t.signs().stream().sorted(Comparator.comparing(s -> s.sign().direction().ordinal())).toList()) {
      SignScene sign = s.sign();
      landmarks.addObject().put("kind", sign.kind().schemaKind()).put("label", sign.text())
          .put("direction", sign.direction().label());
      if (sign.kind() == SignScene.Kind.LEVEL) {
        place = sign.text();
      }
    }
    return o.put("place", place);
  }

  /** Road users in corner order: left before right, front before rear. */
  static List<RoadUserTruth> byCorner(List<RoadUserTruth> users) {
    return users.stream().sorted(Comparator.comparing((RoadUserTruth u) -> u.user().side().ordinal())
        .thenComparing(u -> u.user().end().ordinal())).toList();
  }

  static long metres(double d) {
    return Math.round(d);
  }

  private static ObjectNode seat(ObjectNode o, SeatTruth s) {
    return o.put("row", s.row()).put("position", s.positionLabel());
  }

  private static CabinTruth cabin(String task, GroundTruth t) {
    if (t instanceof CabinTruth c) {
      return c;
    }
    throw new IllegalArgumentException("task " + task + " answers about cabin frames, got an exterior truth");
  }

  private static ExteriorTruth exterior(String task, GroundTruth t) {
    if (t instanceof ExteriorTruth e) {
      return e;
    }
    throw new IllegalArgumentException("task " + task + " answers about exterior frames, got a cabin truth");
  }
}
