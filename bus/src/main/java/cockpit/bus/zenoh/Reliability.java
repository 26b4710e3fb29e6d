package cockpit.bus.zenoh;

/** Publisher reliability hint; on TCP links delivery is reliable either way. */
public enum Reliability {
  BEST_EFFORT, RELIABLE
}
