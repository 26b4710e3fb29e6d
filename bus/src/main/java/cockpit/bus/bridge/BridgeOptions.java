package cockpit.bus.bridge;

import cockpit.bus.zenoh.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the bus bridge.
 *
 * @param vin the vehicle identifier in every key ({@code vehicle/{vin}/…}); one key chunk
 * @param componentId the name reported in ComponentStatus
 * @param version the version reported in ComponentStatus
 * @param zenoh the Zenoh session configuration
 * @param maxPayloadBytes payloads above this size are rejected in both directions with an ErrorReport
 * @param cameraAckTimeout how long a camera consumer may take to acknowledge a frame before the next
 *     one is delivered anyway
 * @param kuksaMirror also put every DetectionSet's VSS values on the KUKSA Zenoh provider's keys
 *     ({@link VssMirror})
 * @param errorReportsPerSecond ErrorReports put on the errors topic per second at most, from every
 *     module together; the rest are summarised ({@link ErrorLimiter})
 * @param maxCameras camera keys the keep-latest map holds at most; a new camera beyond it evicts the
 *     camera idle the longest ({@link KeepLatest})
 */
public record BridgeOptions(String vin, String componentId, String version, Config zenoh, int maxPayloadBytes,
    Duration cameraAckTimeout, boolean kuksaMirror, int errorReportsPerSecond, int maxCameras) {
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;
  public static final int DEFAULT_ERROR_REPORTS_PER_SECOND = 50;
  public static final int DEFAULT_MAX_CAMERAS = 64;

  public BridgeOptions {
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(componentId, "componentId");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(zenoh, "zenoh");
    Objects.requireNonNull(cameraAckTimeout, "cameraAckTimeout");
    cockpit.bus.Topics.forVin("{vin}", vin);
    if (maxPayloadBytes <= 0) {
      throw new IllegalArgumentException("maxPayloadBytes must be positive, got " + maxPayloadBytes);
    }
    if (errorReportsPerSecond < 1) {
      throw new IllegalArgumentException("errorReportsPerSecond must be at least 1, got " + errorReportsPerSecond);
    }
    if (maxCameras < 1) {
      throw new IllegalArgumentException("maxCameras must be at least 1, got " + maxCameras);
    }
  }

  /** With the default error-report rate and camera bound. */
  public BridgeOptions(String vin, String componentId, String version, Config zenoh, int maxPayloadBytes,
      Duration cameraAckTimeout, boolean kuksaMirror) {
    this(vin, componentId, version, zenoh, maxPayloadBytes, cameraAckTimeout, kuksaMirror,
        DEFAULT_ERROR_REPORTS_PER_SECOND, DEFAULT_MAX_CAMERAS);
  }

  /** Without the KUKSA mirror. */
  public BridgeOptions(String vin, String componentId, String version, Config zenoh, int maxPayloadBytes,
      Duration cameraAckTimeout) {
    this(vin, componentId, version, zenoh, maxPayloadBytes, cameraAckTimeout, false);
  }

  public static BridgeOptions of(String vin, Config zenoh) {
    return new BridgeOptions(vin, "cockpit", "0.1.0", zenoh, DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofSeconds(5));
  }

  public BridgeOptions withMaxPayloadBytes(int n) {
    return new BridgeOptions(vin, componentId, version, zenoh, n, cameraAckTimeout, kuksaMirror,
        errorReportsPerSecond, maxCameras);
  }

  public BridgeOptions withCameraAckTimeout(Duration d) {
    return new BridgeOptions(vin, componentId, version, zenoh, maxPayloadBytes, d, kuksaMirror,
        errorReportsPerSecond, maxCameras);
  }

  public BridgeOptions withComponent(String id, String ver) {
    return new BridgeOptions(vin, id, ver, zenoh, maxPayloadBytes, cameraAckTimeout, kuksaMirror,
        errorReportsPerSecond, maxCameras);
  }

  public BridgeOptions withKuksaMirror(boolean on) {
    return new BridgeOptions(vin, componentId, version, zenoh, maxPayloadBytes, cameraAckTimeout, on,
        errorReportsPerSecond, maxCameras);
  }

  public BridgeOptions withErrorReportsPerSecond(int n) {
    return new BridgeOptions(vin, componentId, version, zenoh, maxPayloadBytes, cameraAckTimeout, kuksaMirror, n,
        maxCameras);
  }

  public BridgeOptions withMaxCameras(int n) {
    return new BridgeOptions(vin, componentId, version, zenoh, maxPayloadBytes, cameraAckTimeout, kuksaMirror,
        errorReportsPerSecond, n);
  }
}
