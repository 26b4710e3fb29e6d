package cockpit.sim.scene;

import cockpit.proto.v1.DetectionKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Ground truth of a surround-view image: the place, a record per road user and per sign. Immutable. */
public record ExteriorTruth(Lighting lighting, Variation variation, ExteriorScene.Place place,
    List<RoadUserTruth> roadUsers, List<SignTruth> signs) implements GroundTruth {
  public ExteriorTruth {
    Objects.requireNonNull(lighting, "lighting");
    Objects.requireNonNull(variation, "variation");
    Objects.requireNonNull(place, "place");
    roadUsers = List.copyOf(roadUsers);
    signs = List.copyOf(signs);
  }

  /**
   * Per road user a PERSON / CYCLIST / VEHICLE label in zone {@code exterior/{side}-{end}} with
   * {@code approaching} and {@code distance_m} (the door-hazard mapping's attributes); per sign a SIGN
   * (level, bay) or LANDMARK (pillar) labelled with its text in zone {@code exterior/{direction}}.
   */
  @Override
  public List<Label> labels() {
    List<Label> out = new ArrayList<>();
    for (RoadUserTruth u : roadUsers) {
      RoadUserScene s = u.user();
      DetectionKind kind = switch (s.kind()) {
        case PERSON -> DetectionKind.DETECTION_KIND_PERSON;
        case CYCLIST -> DetectionKind.DETECTION_KIND_CYCLIST;
        case VEHICLE -> DetectionKind.DETECTION_KIND_VEHICLE;
        case NONE -> throw new IllegalStateException("a drawn road user has a kind");
      };
      out.add(new Label(kind, null, s.zone(), u.box(), s.kind().label(),
          Map.of("approaching", Boolean.toString(s.approaching()),
              "distance_m", String.format(Locale.ROOT, "%.1f", s.distanceM())), "", null));
    }
    for (SignTruth t : signs) {
      SignScene s = t.sign();
      DetectionKind kind = s.kind().schemaKind().equals("sign") ? DetectionKind.DETECTION_KIND_SIGN
          : DetectionKind.DETECTION_KIND_LANDMARK;
      out.add(new Label(kind, null, "exterior/" + s.direction().label(), t.box(), s.text(),
          Map.of("sign", s.kind().label()), "", null));
    }
    return out;
  }

  @Override
  public JsonObject toJson() {
    JsonArray users = new JsonArray();
    roadUsers.forEach(u -> users.add(u.toJson()));
    JsonArray sg = new JsonArray();
    signs.forEach(s -> sg.add(s.toJson()));
    return new JsonObject().put("camera", "exterior").put("lighting", lighting.label()).put("place", place.label())
        .put("road_users", users).put("signs", sg).put("variation", variation.toJson());
  }
}
