package cockpit.app.bench.faults;

import cockpit.app.bench.BenchScenes;
import cockpit.bus.Topics;
import cockpit.proto.v1.DetectionSet;
import cockpit.proto.v1.FinishReason;
import cockpit.proto.v1.PerceptionRequest;
import cockpit.proto.v1.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The questions every part asks the component afterwards: does it still answer a valid utterance with a
 * final, non-error Reply, and a valid frame with a DetectionSet? Stateless.
 */
final class Probes {
  static final Duration ANSWER = Duration.ofSeconds(60);
  private static final byte[] EXTERIOR_JPEG = BenchScenes.jpeg(7, -1, 200);

  private Probes() {}

  /**
   * A final Reply that is not an error to a fresh session's utterance, within {@link #ANSWER}. Error
   * Replies (a full queue right after a storm, say) are answers too, but not service: the utterance is
   * sent again until served; {@code refusals} collects what the errors said.
   */
  static Optional<Reply> utterance(BusDriver bus, String label, java.util.List<String> refusals)
      throws InterruptedException {
    long deadline = System.nanoTime() + ANSWER.toNanos();
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      Optional<Reply> r = bus.sayUntilAnswered("probe-" + label, "probe-" + label + "-" + attempt,
          "Is the boot closed?", Duration.ofSeconds(10), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (r.isEmpty() || r.get().getFinishReason() != FinishReason.FINISH_REASON_ERROR) {
        return r;
      }
      refusals.add(r.get().getErrorMessage());
      Thread.sleep(500); // an error Reply came at once: give the backlog a moment before asking again
    }
    return Optional.empty();
  }

  static Optional<Reply> utterance(BusDriver bus, String label) throws InterruptedException {
    return utterance(bus, label, new java.util.ArrayList<>());
  }

  /**
   * A DetectionSet for a valid exterior frame, within {@link #ANSWER}: a car-finder request, then the frame
   * (sent again every few seconds: frames are best effort and the request may still be on its way).
   */
  static Optional<DetectionSet> frame(BusDriver bus, String label) throws InterruptedException {
    String id = "probe-" + label;
    bus.put(Topics.PERCEPTION_REQUEST, bus.key(Topics.PERCEPTION_REQUEST, Map.of()), PerceptionRequest.newBuilder()
        .setRequestId(id).setTask("car_finder").addCameraIds("exterior").build().toByteArray());
    long deadline = System.nanoTime() + ANSWER.toNanos();
    for (long seq = 1; System.nanoTime() < deadline; seq++) {
      if (seq % 4 == 1) {
        bus.put(Topics.PERCEPTION_REQUEST, bus.key(Topics.PERCEPTION_REQUEST, Map.of()), PerceptionRequest
            .newBuilder().setRequestId(id).setTask("car_finder").addCameraIds("exterior").build().toByteArray());
      }
      bus.put(Topics.CAMERA, bus.key(Topics.CAMERA, Map.of("camera", "exterior")),
          BenchScenes.frame("exterior", seq, EXTERIOR_JPEG).toByteArray());
      long until = Math.min(deadline, System.nanoTime() + Duration.ofSeconds(2).toNanos());
      while (System.nanoTime() < until) {
        DetectionSet d = bus.byRequest.get(id);
        if (d != null) {
          return Optional.of(d);
        }
        Thread.sleep(20); // polling for an arrival, bounded by the deadline
      }
    }
    return Optional.empty();
  }
}
