package cockpit.sim.scene;

import cockpit.proto.v1.Detection;
import cockpit.proto.v1.DetectionKind;
import java.util.List;
import java.util.Objects;

/** Everything a rendered image shows, as {@link Label}s in drawing order. Immutable. */
public record GroundTruth(List<Label> labels) {
  public GroundTruth {
    labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
  }

  /** The labels of one kind. */
  public List<Label> of(DetectionKind kind) {
    return labels.stream().filter(l -> l.kind() == kind).toList();
  }

  /** The detections a perfect model would publish, one per label. */
  public List<Detection> toDetections() {
    return labels.stream().map(Label::toDetection).toList();
  }
}
