package cockpit.dialogue;

import cockpit.lm.context.CabinFacts;
import cockpit.proto.v1.CameraFrame;
import java.util.List;
import java.util.Objects;

/**
 * One utterance for a session's next turn. Immutable; the lists are copied.
 *
 * @param sessionId the session (created on first use)
 * @param text what was said
 * @param speaker the speaker's seat, null for the session's seat (SessionControl OPEN) or none
 * @param cameras cameras whose latest frame is attached, in order
 * @param images images the utterance carries, attached after the cameras' frames
 */
public record TurnRequest(String sessionId, String text, CabinFacts.Seat speaker, List<String> cameras,
    List<CameraFrame> images) {
  public TurnRequest {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(text, "text");
    cameras = List.copyOf(Objects.requireNonNull(cameras, "cameras"));
    images = List.copyOf(Objects.requireNonNull(images, "images"));
  }

  /** A text-only utterance. */
  public static TurnRequest text(String sessionId, String text) {
    return new TurnRequest(sessionId, text, null, List.of(), List.of());
  }

  /** How many images the turn carries. */
  public int imageCount() {
    return cameras.size() + images.size();
  }
}
