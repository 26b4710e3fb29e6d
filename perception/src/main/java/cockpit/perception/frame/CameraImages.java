package cockpit.perception.frame;

import cockpit.lm.CancelHandle;
import cockpit.lm.vision.FeatureCache;
import cockpit.lm.vision.FrameKey;
import cockpit.proto.v1.CameraFrame;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Camera frames as image features, for perception's tasks and for anyone else who asks about the same
 * frame (a dialogue turn that attaches a camera): frame → {@link FrameDecoder} → {@link Preprocessor} →
 * the shared {@link FeatureCache}, keyed by camera, sequence and capture time ({@link #key}), so a frame
 * is encoded once however many ask. Also keeps the latest frame received from each camera (at most
 * {@code maxCameras}; the camera heard from longest ago is forgotten first), so a turn can attach "the
 * latest frame of camera X" even when no task ran on it.
 *
 * <p>Thread-safe: {@link #record} runs on the perception verticle's event loop, the feature calls on
 * inference threads. Holds references to frames, owns nothing to close; the cache's encoder belongs to
 * whoever opened it.
 */
public final class CameraImages {
  private final FeatureCache cache;
  private final Preprocessor preprocessor;
  private final FrameDecoder decoder;
  private final int maxCameras;
  /** By camera, the one heard from longest ago first; guarded by {@code this}. */
  private final Map<String, CameraFrame> latest = new LinkedHashMap<>();

  /**
   * @param maxCameras cameras whose latest frame is kept (a CameraFrame each)
   */
  public CameraImages(FeatureCache cache, Preprocessor preprocessor, FrameDecoder decoder, int maxCameras) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
    this.decoder = Objects.requireNonNull(decoder, "decoder");
    if (maxCameras < 1) {
      throw new IllegalArgumentException("maxCameras must be at least 1, got " + maxCameras);
    }
    if (preprocessor.size() != cache.encoder().imageSize()) {
      throw new IllegalArgumentException("the preprocessor makes " + preprocessor.size() + "×" + preprocessor.size()
          + " inputs but the vision encoder takes " + cache.encoder().imageSize() + "×" + cache.encoder().imageSize());
    }
    this.maxCameras = maxCameras;
  }

  /** The cache key of {@code frame}: camera id, sequence, capture time (a restarted camera counts from 0 again). */
  public static FrameKey key(CameraFrame frame) {
    long t = frame.hasCaptureTime()
        ? frame.getCaptureTime().getSeconds() * 1_000_000_000L + frame.getCaptureTime().getNanos() : 0;
    return new FrameKey(frame.getCameraId().isEmpty() ? "camera" : frame.getCameraId(), frame.getSequence(), t);
  }

  /** Remembers {@code frame} as its camera's latest. */
  public synchronized void record(CameraFrame frame) {
    latest.remove(frame.getCameraId()); // re-inserted last: the order is by the latest frame
    latest.put(frame.getCameraId(), frame);
    if (latest.size() > maxCameras) {
      var it = latest.keySet().iterator();
      it.next();
      it.remove();
    }
  }

  /** The latest frame received from {@code camera}. */
  public synchronized Optional<CameraFrame> latest(String camera) {
    return Optional.ofNullable(latest.get(camera));
  }

  /**
   * The features [tokens · H] of {@code frame}, decoding and encoding it only when no one has yet.
   *
   * @throws InvalidFrameException when the frame cannot be decoded (nothing is cached)
   */
  public float[] features(CameraFrame frame, CancelHandle cancel) throws InvalidFrameException {
    try {
      return cache.features(key(frame), () -> pixels(frame), cancel);
    } catch (Undecodable e) {
      throw e.cause;
    }
  }

  /** The features of an already decoded {@code image} of {@code frame} (perception decodes before its tasks). */
  public float[] features(CameraFrame frame, RgbImage image, CancelHandle cancel) {
    return cache.features(key(frame), () -> preprocessor.preprocess(image).pixels(), cancel);
  }

  /**
   * Features of an image no one else will ask for (an utterance's own photo): decoded and encoded, not
   * cached (still counted as an encoder run).
   */
  public float[] encodeOnce(CameraFrame frame, CancelHandle cancel) throws InvalidFrameException {
    return cache.encode(preprocessor.preprocess(decoder.decode(frame)).pixels(), cancel);
  }

  /** {@code <image>} tokens one image takes. */
  public int tokens() {
    return cache.encoder().tokens();
  }

  public FeatureCache cache() {
    return cache;
  }

  public Preprocessor preprocessor() {
    return preprocessor;
  }

  private float[] pixels(CameraFrame frame) {
    try {
      return preprocessor.preprocess(decoder.decode(frame)).pixels();
    } catch (InvalidFrameException e) {
      throw new Undecodable(e);
    }
  }

  /** Carries a checked decode failure through the cache's supplier. */
  private static final class Undecodable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient InvalidFrameException cause;

    Undecodable(InvalidFrameException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }
}
