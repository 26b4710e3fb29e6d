package cockpit.train.corpus;

import cockpit.perception.task.PerceptionTask;
import cockpit.perception.task.PerceptionTasks;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded text corpus for training the tokenizer until the data generator exists: every built-in
 * perception task's prompt with answers in its JSON schema's shape (random but valid field values),
 * and short cockpit dialogue turns from templates (greetings, parking memory, alerts, refusals,
 * small talk). Same seed and size → the same documents, in the same order. Stateless.
 */
public final class SeedCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] POSITIONS = {"driver_side", "middle", "passenger_side"};
  private static final String[] OCCUPANTS = {"empty", "adult", "child", "infant_seat_occupied", "infant_seat_empty",
      "pet"};
  private static final String[] SIDES = {"left", "right"};
  private static final String[] ENDS = {"front", "rear"};
  private static final String[] ROAD_USERS = {"person", "cyclist", "vehicle"};
  private static final String[] DIRECTIONS = {"front", "left", "right", "rear"};

  private SeedCorpus() {}

  /** {@code samples} rounds of (one answer per task, a few dialogue lines), from {@code seed}. */
  public static List<String> build(long seed, int samples) {
    if (samples <= 0) {
      throw new IllegalArgumentException("samples must be positive, got " + samples);
    }
    SplittableRandom r = new SplittableRandom(seed);
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      for (PerceptionTask task : PerceptionTasks.defaults()) {
        docs.add(task.prompt());
        docs.add(answer(task.name(), r).toString());
      }
      for (int k = 0; k < 4; k++) {
        docs.add(Dialogue.line(r));
      }
    }
    return docs;
  }

  /** A JSON answer in the shape of task {@code name}'s schema. */
  static ObjectNode answer(String name, SplittableRandom r) {
    ObjectNode o = JSON.createObjectNode();
    switch (name) {
      case PerceptionTasks.OCCUPANCY -> {
        ArrayNode seats = o.putArray("seats");
        for (int n = 1 + r.nextInt(5); n > 0; n--) {
          ObjectNode s = seat(seats.addObject(), r).put("occupant", pick(OCCUPANTS, r));
          if (r.nextBoolean()) {
            s.put("belted", r.nextBoolean());
          }
          s.put("confidence", confidence(r));
        }
      }
      case PerceptionTasks.DRIVER_MONITORING -> o.put("eyes_on_road", r.nextBoolean()).put("drowsy", r.nextInt(5) == 0)
          .put("confidence", confidence(r));
      case PerceptionTasks.CHILD_PRESENCE -> {
        boolean child = r.nextBoolean();
        o.put("child_present", child).put("pet_present", r.nextInt(4) == 0);
        ArrayNode f = o.putArray("findings");
        for (int n = child ? 1 + r.nextInt(2) : 0; n > 0; n--) {
          seat(f.addObject().put("kind", pick(new String[] {"child", "infant_seat_occupied", "pet"}, r)), r)
              .put("confidence", confidence(r));
        }
        o.put("confidence", confidence(r));
      }
      case PerceptionTasks.DOOR_HAZARD -> {
        ArrayNode users = o.putArray("road_users");
        for (int n = r.nextInt(3); n > 0; n--) {
          users.addObject().put("kind", pick(ROAD_USERS, r)).put("side", pick(SIDES, r)).put("position", pick(ENDS, r))
              .put("approaching", r.nextBoolean()).put("distance_m", metres(r)).put("confidence", confidence(r));
        }
      }
      case PerceptionTasks.GREETER -> o.put("person_approaching", r.nextBoolean()).put("side", pick(DIRECTIONS, r))
          .put("distance_m", metres(r)).put("confidence", confidence(r));
      case PerceptionTasks.CAR_FINDER -> {
        ArrayNode l = o.putArray("landmarks");
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
          l.addObject().put("kind", r.nextBoolean() ? "sign" : "landmark").put("label", Dialogue.sign(r))
              .put("direction", pick(DIRECTIONS, r));
        }
        o.put("place", Dialogue.place(r));
      }
      default -> throw new IllegalArgumentException("no answer shape for task " + name);
    }
    return o;
  }

  private static ObjectNode seat(ObjectNode s, SplittableRandom r) {
    return s.put("row", 1 + r.nextInt(3)).put("position", pick(POSITIONS, r));
  }

  private static double confidence(SplittableRandom r) {
    return Math.round(50 + r.nextInt(50)) / 100.0;
  }

  private static double metres(SplittableRandom r) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.1f", 0.5 + r.nextDouble() * 30));
  }

  static String pick(String[] choices, SplittableRandom r) {
    return choices[r.nextInt(choices.length)];
  }
}
