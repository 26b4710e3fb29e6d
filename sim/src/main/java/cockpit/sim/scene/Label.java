package cockpit.sim.scene;

import cockpit.proto.v1.BoundingBox;
import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import cockpit.proto.v1.Seat;
import cockpit.proto.v1.VssValue;
import java.util.Map;
import java.util.Objects;

/**
 * One ground-truth fact about a rendered image, in the Detection vocabulary: what ({@code kind},
 * {@code label}), where ({@code seat} or {@code zone}, and the box in normalized image coordinates),
 * details ({@code attributes}, same keys the perception tasks use) and the VSS signal it sets.
 *
 * @param seat the seat, or null where a zone applies
 * @param zone a location path such as {@code exterior/left-rear}, or "" for seat findings
 * @param vssPath VSS (or overlay) path, or "" for none
 * @param vssBool boolean value of {@code vssPath}; null when the path is empty
 */
public record Label(DetectionKind kind, Seat seat, String zone, Box box, String label, Map<String, String> attributes,
    String vssPath, Boolean vssBool) {
  /** A box in normalized coordinates, clipped to [0, 1]. */
  public record Box(double x, double y, double width, double height) {
    public Box {
      if (!(x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= 1.0001 && y + height <= 1.0001)) {
        throw new IllegalArgumentException("box " + x + "," + y + " " + width + "x" + height + " leaves [0,1]");
      }
    }

    static Box pixels(double x0, double y0, double x1, double y1, int w, int h) {
      double cx0 = Math.clamp(x0, 0, w), cy0 = Math.clamp(y0, 0, h);
      double cx1 = Math.clamp(x1, cx0 + 1, w), cy1 = Math.clamp(y1, cy0 + 1, h);
      return new Box(cx0 / w, cy0 / h, (cx1 - cx0) / w, (cy1 - cy0) / h);
    }
  }

  public Label {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(label, "label");
    attributes = Map.copyOf(Objects.requireNonNull(attributes, "attributes"));
    Objects.requireNonNull(vssPath, "vssPath");
    if (vssPath.isEmpty() != (vssBool == null)) {
      throw new IllegalArgumentException("vssPath and vssBool are set together: '" + vssPath + "' " + vssBool);
    }
  }

  /** The Detection a perfect model would publish for this fact (confidence 1). */
  public Detection toDetection() {
    Detection.Builder d = Detection.newBuilder().setKind(kind).setZone(zone).setConfidence(1f).setLabel(label)
        .putAllAttributes(attributes)
        .setBox(BoundingBox.newBuilder().setX((float) box.x()).setY((float) box.y())
            .setWidth((float) box.width()).setHeight((float) box.height()));
    if (seat != null) {
      d.setSeat(seat);
    }
    if (!vssPath.isEmpty()) {
      d.setVssPath(vssPath).setVssValue(VssValue.newBuilder().setBoolValue(vssBool));
    }
    return d.build();
  }
}
