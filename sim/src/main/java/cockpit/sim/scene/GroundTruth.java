package cockpit.sim.scene;

import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Everything a rendered image shows, field by field: a {@link CabinTruth} (a record per seat, the
 * driver's face) or an {@link ExteriorTruth} (a record per road user and per sign), plus the lighting
 * and the {@link Variation} the seed chose. Every box is where that thing was drawn, normalized to the
 * image. {@link #labels()} restates the facts in the Detection vocabulary the perception tasks publish.
 * Immutable.
 */
public sealed interface GroundTruth permits CabinTruth, ExteriorTruth {
  Lighting lighting();

  Variation variation();

  /** The facts as {@link Label}s in drawing order (what a perfect model's detections say). */
  List<Label> labels();

  /** Every field as JSON (names as in the task schemas where a schema has them). */
  JsonObject toJson();

  /** The labels of one kind. */
  default List<Label> of(DetectionKind kind) {
    return labels().stream().filter(l -> l.kind() == kind).toList();
  }

  /** The detections a perfect model would publish, one per label. */
  default List<Detection> toDetections() {
    return labels().stream().map(Label::toDetection).toList();
  }

  /** A box as JSON {x, y, width, height}, normalized. */
  static JsonObject json(Label.Box b) {
    return new JsonObject().put("x", round(b.x())).put("y", round(b.y())).put("width", round(b.width()))
        .put("height", round(b.height()));
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
