package cockpit.dialogue;

import cockpit.lm.CancelHandle;
import cockpit.lm.VisionEncoder;
import cockpit.lm.vision.FeatureCache;
import cockpit.lm.vision.FrameKey;
import cockpit.proto.v1.CameraFrame;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Camera images for dialogue tests: the real (plain-Java) vision encoder through a real feature cache,
 * over seeded random pixels per camera and frame, since decoding frames is perception's (its own tests
 * and app's end-to-end tests cover that part). Thread-safe.
 */
final class TestImages implements ImageSource {
  final VisionEncoder encoder;
  final FeatureCache cache;
  private final Map<String, Long> latest = new ConcurrentHashMap<>();

  TestImages(VisionEncoder encoder) {
    this.encoder = encoder;
    this.cache = new FeatureCache(encoder, 8);
  }

  /** Camera {@code camera} has sent frame {@code sequence}. */
  TestImages frame(String camera, long sequence) {
    latest.put(camera, sequence);
    return this;
  }

  /** The pixels [3, S, S] of a camera's frame. */
  float[] pixels(String camera, long sequence) {
    Random r = new Random(camera.hashCode() * 1_000_003L + sequence);
    float[] p = new float[3 * encoder.imageSize() * encoder.imageSize()];
    for (int i = 0; i < p.length; i++) {
      p[i] = r.nextFloat();
    }
    return p;
  }

  /** What the encoder makes of a camera's frame, encoded afresh (the oracle's features). */
  float[] expected(String camera, long sequence) {
    return encoder.encode(pixels(camera, sequence));
  }

  @Override
  public TurnImage camera(String cameraId, CancelHandle cancel) {
    Long seq = latest.get(cameraId);
    if (seq == null) {
      throw new DialogueException(DialogueException.Kind.INVALID_ARGUMENT, "camera " + cameraId
          + " has sent no frame");
    }
    return new TurnImage("camera " + cameraId + " #" + seq,
        cache.features(new FrameKey(cameraId, seq, 0), () -> pixels(cameraId, seq), cancel));
  }

  /** An utterance's own image: its pixels are seeded by the frame's sequence. */
  @Override
  public TurnImage image(CameraFrame frame, CancelHandle cancel) {
    return new TurnImage("image " + frame.getCameraId() + " #" + frame.getSequence(),
        cache.encode(pixels("utterance", frame.getSequence()), cancel));
  }
}
