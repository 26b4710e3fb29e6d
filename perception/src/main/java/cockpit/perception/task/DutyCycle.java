package cockpit.perception.task;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * When a task runs: per {@link VehicleMode}, the minimum interval between two runs on one camera
 * ({@link Duration#ZERO} = every frame that passes the change gate, i.e. camera rate), or no entry = the
 * task is off in that mode. {@code onRequest} tasks also run once on the next frame of each of their
 * cameras when a PerceptionRequest names them, whatever the mode.
 *
 * @param intervals run interval per mode; modes absent here switch the task off
 * @param onRequest whether a PerceptionRequest can trigger the task
 */
public record DutyCycle(Map<VehicleMode, Duration> intervals, boolean onRequest) {
  public DutyCycle {
    Objects.requireNonNull(intervals, "intervals");
    for (var e : intervals.entrySet()) {
      Objects.requireNonNull(e.getKey(), "mode");
      if (e.getValue() == null || e.getValue().isNegative()) {
        throw new IllegalArgumentException("interval for " + e.getKey() + " is null or negative: " + e.getValue());
      }
    }
    if (intervals.isEmpty() && !onRequest) {
      throw new IllegalArgumentException("a duty cycle that runs in no mode and not on request never runs");
    }
    intervals = Map.copyOf(intervals);
  }

  /** The same interval in every mode, UNKNOWN included. */
  public static DutyCycle always(Duration every) {
    Map<VehicleMode, Duration> m = new EnumMap<>(VehicleMode.class);
    for (VehicleMode mode : VehicleMode.values()) {
      m.put(mode, every);
    }
    return new DutyCycle(m, false);
  }

  /** Only on request. */
  public static DutyCycle onRequestOnly() {
    return new DutyCycle(Map.of(), true);
  }

  /** The interval in {@code mode}, or empty when the task is off in it. */
  public Optional<Duration> interval(VehicleMode mode) {
    return Optional.ofNullable(intervals.get(mode));
  }

  /** A copy with {@code every} in {@code mode}. */
  public DutyCycle with(VehicleMode mode, Duration every) {
    Map<VehicleMode, Duration> m = new EnumMap<>(VehicleMode.class);
    m.putAll(intervals);
    m.put(mode, every);
    return new DutyCycle(m, onRequest);
  }

  /** A copy that can (or cannot) be requested. */
  public DutyCycle withOnRequest(boolean on) {
    return new DutyCycle(intervals, on);
  }
}
