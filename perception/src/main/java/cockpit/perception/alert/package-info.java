/**
 * Alert rules over detections and vehicle state: {@link cockpit.perception.alert.AlertEngine} turns
 * {@code DetectionSet} and {@code VehicleState} messages into {@code Alert} life-cycle messages
 * (RAISED, ESCALATED, CLEARED) using an injected {@link java.time.Clock}, with the thresholds in
 * {@link cockpit.perception.alert.AlertRulesConfig}. Pure logic: no Vert.x, no threads, no I/O.
 */
package cockpit.perception.alert;
