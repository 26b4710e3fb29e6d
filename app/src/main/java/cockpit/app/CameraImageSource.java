package cockpit.app;

import cockpit.dialogue.DialogueException;
import cockpit.dialogue.ImageSource;
import cockpit.lm.CancelHandle;
import cockpit.perception.frame.CameraImages;
import cockpit.perception.frame.InvalidFrameException;
import cockpit.proto.v1.CameraFrame;

/**
 * The dialogue's images from perception's {@link CameraImages}: an attached camera is its latest frame
 * (features shared with perception's tasks through the one feature cache), an utterance's own image is
 * decoded and encoded once. Frames that cannot be used are refused with the reason. Thread-safe.
 */
public final class CameraImageSource implements ImageSource {
  private final CameraImages images;

  public CameraImageSource(CameraImages images) {
    this.images = images;
  }

  @Override
  public TurnImage camera(String cameraId, CancelHandle cancel) {
    CameraFrame f = images.latest(cameraId).orElseThrow(() -> new DialogueException(
        DialogueException.Kind.INVALID_ARGUMENT, "cannot attach camera " + cameraId + ": no frame from it yet"));
    try {
      return new TurnImage("camera " + cameraId + " #" + f.getSequence(), images.features(f, cancel));
    } catch (InvalidFrameException e) {
      throw new DialogueException(DialogueException.Kind.INVALID_ARGUMENT, "cannot attach camera " + cameraId
          + ": its latest frame " + f.getSequence() + " is unusable: " + e.getMessage());
    }
  }

  @Override
  public TurnImage image(CameraFrame frame, CancelHandle cancel) {
    String source = frame.getCameraId().isEmpty() ? "utterance" : frame.getCameraId();
    try {
      return new TurnImage("image " + source + " #" + frame.getSequence(), images.encodeOnce(frame, cancel));
    } catch (InvalidFrameException e) {
      throw new DialogueException(DialogueException.Kind.INVALID_ARGUMENT, "the utterance's image " + source
          + " is unusable: " + e.getMessage());
    }
  }
}
