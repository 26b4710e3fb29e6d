package cockpit.sim.replay;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run a replay.
 *
 * @param vin vehicle id of every key
 * @param speed time factor: 1 = real time, 4 = four times faster (waits between inputs divided by 4;
 *     windows and report times are scenario time = wall time × speed)
 * @param trainedModel the component runs a trained model: content expectations are checked, not skipped
 * @param connectTimeout how long to wait for the component's status queryable before giving up
 * @param tail after the last input, how long (scenario time) to keep collecting at least, and at most
 *     how long to wait for expectations without a window (conversation)
 */
public record ReplayOptions(String vin, double speed, boolean trainedModel, Duration connectTimeout, Duration tail) {
  public ReplayOptions {
    Objects.requireNonNull(vin, "vin");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(tail, "tail");
    if (!(speed > 0 && speed <= 1000)) {
      throw new IllegalArgumentException("speed " + speed + " must be in (0, 1000]");
    }
    if (tail.isNegative()) {
      throw new IllegalArgumentException("tail " + tail + " is negative");
    }
  }

  public static ReplayOptions of(String vin, double speed) {
    return new ReplayOptions(vin, speed, false, Duration.ofSeconds(60), Duration.ofSeconds(60));
  }

  public ReplayOptions withTrainedModel(boolean on) {
    return new ReplayOptions(vin, speed, on, connectTimeout, tail);
  }

  public ReplayOptions withTail(Duration t) {
    return new ReplayOptions(vin, speed, trainedModel, connectTimeout, t);
  }
}
