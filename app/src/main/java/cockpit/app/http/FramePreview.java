package cockpit.app.http;

import cockpit.perception.frame.FrameDecoder;
import cockpit.perception.frame.InvalidFrameException;
import cockpit.perception.frame.RgbImage;
import cockpit.proto.v1.CameraFrame;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * A camera frame as the dashboard draws it: decoded with perception's own {@link FrameDecoder} (every
 * CameraFrame encoding), shrunk by an integer factor to at most {@link #MAX_WIDTH} pixels wide (nearest
 * neighbour: the page shows what the camera saw, not a resampled guess), sent as base64 RGB8.
 * Stateless apart from the decoder; call off the event loop.
 */
final class FramePreview {
  static final int MAX_WIDTH = 320;
  private final FrameDecoder decoder = new FrameDecoder();

  /** {@code {camera, sequence, width, height, scale, rgb}}. */
  JsonObject render(CameraFrame frame) throws InvalidFrameException {
    RgbImage img = decoder.decode(frame);
    int scale = Math.max(1, (img.width() + MAX_WIDTH - 1) / MAX_WIDTH);
    int w = img.width() / scale;
    int h = img.height() / scale;
    byte[] out = new byte[w * h * 3];
    byte[] in = img.rgb();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        System.arraycopy(in, ((y * scale) * img.width() + x * scale) * 3, out, (y * w + x) * 3, 3);
      }
    }
    return new JsonObject().put("camera", frame.getCameraId()).put("sequence", frame.getSequence()).put("width", w)
        .put("height", h).put("scale", scale).put("rgb", Base64.getEncoder().encodeToString(out));
  }
}
