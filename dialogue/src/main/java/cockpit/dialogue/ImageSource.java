package cockpit.dialogue;

import cockpit.lm.CancelHandle;
import cockpit.proto.v1.CameraFrame;
import java.util.Objects;

/**
 * Where a turn's images come from: the latest frame of a named camera, or an image the utterance carries.
 * Implementations go through the shared feature cache (an image perception encoded is not encoded again),
 * are thread-safe (turns call them from inference threads) and refuse what they cannot give with a
 * {@link DialogueException} of kind {@code INVALID_ARGUMENT} naming the camera or image.
 */
public interface ImageSource {
  /** Has no images: every attachment is refused (the component runs without perception or vision). */
  ImageSource NONE = new ImageSource() {
    @Override
    public TurnImage camera(String cameraId, CancelHandle cancel) {
      throw new DialogueException(DialogueException.Kind.INVALID_ARGUMENT, "cannot attach camera " + cameraId
          + ": this component has no camera images (perception.enabled=false or a text-only model)");
    }

    @Override
    public TurnImage image(CameraFrame frame, CancelHandle cancel) {
      throw new DialogueException(DialogueException.Kind.INVALID_ARGUMENT,
          "cannot attach an image: this component has no vision encoder (a text-only model)");
    }
  };

  /** The features of the latest frame received from {@code cameraId}. */
  TurnImage camera(String cameraId, CancelHandle cancel);

  /** The features of an image the utterance carries. */
  TurnImage image(CameraFrame frame, CancelHandle cancel);

  /**
   * One image of a turn.
   *
   * @param source where it came from, for the transcript, e.g. {@code camera cabin #812}
   * @param features the encoder's rows [tokens · H]; shared, never written
   */
  record TurnImage(String source, float[] features) {
    public TurnImage {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(features, "features");
    }
  }
}
