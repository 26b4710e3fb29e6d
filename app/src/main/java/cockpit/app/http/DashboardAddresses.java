package cockpit.app.http;

import java.util.Objects;

/**
 * The event-bus addresses the dashboard and the metrics listen on: inbound camera frames (tapped with
 * an interceptor, since they are point-to-point requests) and voice, outbound detections, alerts,
 * replies and error reports (published; an extra consumer takes nothing from anyone).
 */
public record DashboardAddresses(String camera, String voice, String detections, String alerts, String replies,
    String errors) {
  public DashboardAddresses {
    Objects.requireNonNull(camera, "camera");
    Objects.requireNonNull(voice, "voice");
    Objects.requireNonNull(detections, "detections");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(replies, "replies");
    Objects.requireNonNull(errors, "errors");
  }
}
