package cockpit.sim.scene;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One sign as drawn. Immutable.
 *
 * @param unit pixels per glyph cell it was drawn with (a character is 7 cells high)
 * @param box the plate, painted text or pillar in the image, normalized; the text is inside it
 * @param covered fraction of the box under road users drawn over it (0 = fully visible; the layout
 *     avoids cover, about 3 % of sampled car-park scenes still have some)
 */
public record SignTruth(SignScene sign, int unit, Label.Box box, double covered) {
  public SignTruth {
    Objects.requireNonNull(sign, "sign");
    Objects.requireNonNull(box, "box");
    if (!(covered >= 0 && covered <= 1)) {
      throw new IllegalArgumentException("covered " + covered + " is outside 0..1");
    }
    if (unit < 1) {
      throw new IllegalArgumentException("glyph unit " + unit + " < 1");
    }
  }

  JsonObject toJson() {
    return new JsonObject().put("kind", sign.kind().schemaKind()).put("sign", sign.kind().label())
        .put("label", sign.text()).put("direction", sign.direction().label()).put("font", sign.font().label())
        .put("unit_px", unit).put("covered", covered).put("box", GroundTruth.json(box));
  }
}
