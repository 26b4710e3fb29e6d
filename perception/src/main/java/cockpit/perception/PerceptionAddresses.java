package cockpit.perception;

import java.util.Objects;

/**
 * Event-bus addresses of the perception verticle: CameraFrame in (sent with request; each gets exactly one
 * empty reply as acknowledgement), VehicleState in, PerceptionRequest in, DetectionSet / Alert / ErrorReport
 * out.
 */
public record PerceptionAddresses(String camera, String vehicleState, String requests, String detections,
    String alerts, String errors) {
  public PerceptionAddresses {
    Objects.requireNonNull(camera, "camera");
    Objects.requireNonNull(vehicleState, "vehicleState");
    Objects.requireNonNull(requests, "requests");
    Objects.requireNonNull(detections, "detections");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(errors, "errors");
  }
}
