package cockpit.perception.task;

import cockpit.proto.v1.Gear;
import cockpit.proto.v1.PowerState;
import cockpit.proto.v1.VehicleState;

/**
 * The coarse vehicle situation the task duty cycles follow, derived from the latest {@link VehicleState}.
 * Thresholds are design choices: VSS has {@code Vehicle.IsMoving} but the gateway here sends speed.
 */
public enum VehicleMode {
  /** No VehicleState received yet. */
  UNKNOWN,
  /** Switched off or locked ({@code Vehicle.LowVoltageSystemState} OFF/LOCK), or in P and not moving. */
  PARKED,
  /** Powered and not moving, not in P (traffic light, getting on or off). */
  STOPPED,
  /** Moving: speed at or above {@link #MOVING_KMH}. */
  DRIVING;

  /** Speed (km/h) from which the car counts as moving; below it wheel-speed noise is ignored. */
  public static final float MOVING_KMH = 3f;

  /** The mode of {@code state}; {@link #UNKNOWN} for null. */
  public static VehicleMode of(VehicleState state) {
    if (state == null) {
      return UNKNOWN;
    }
    if (state.getSpeedKmh() >= MOVING_KMH) {
      return DRIVING;
    }
    PowerState p = state.getPowerState();
    if (p == PowerState.POWER_STATE_OFF || p == PowerState.POWER_STATE_LOCK
        || state.getSelectedGear() == Gear.GEAR_PARK) {
      return PARKED;
    }
    return STOPPED;
  }
}
