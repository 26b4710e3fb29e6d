package cockpit.lm.vision;

import java.util.Objects;

/**
 * Identifies one image for the {@link FeatureCache}: where it came from and which frame of that source.
 * A camera restarts its frame counter at 0, so the capture time is part of the key: two frames share
 * features only when camera, sequence and capture time all match. Immutable and thread-safe.
 *
 * @param source the camera id (CameraFrame.camera_id) or another stable source name, not blank
 * @param sequence the source's frame counter (CameraFrame.sequence)
 * @param captureNanos capture time in nanoseconds since the epoch, 0 when the frame carries none
 */
public record FrameKey(String source, long sequence, long captureNanos) {
  public FrameKey {
    Objects.requireNonNull(source, "source");
    if (source.isBlank()) {
      throw new IllegalArgumentException("a frame key needs a source name");
    }
  }

  @Override
  public String toString() {
    return source + "#" + sequence + (captureNanos == 0 ? "" : "@" + captureNanos);
  }
}
